// SPDX-License-Identifier: MIT
/** Keyboard shortcuts and a two-line primer, opened with `?` or the Help button. */
import { useStore } from '../../../state/store.ts';

const SHORTCUTS: readonly [string, string][] = [
  ['F10 / F11', 'step one instruction'],
  ['Shift+F11', 'step back one instruction'],
  ['F5', 'run to the next breakpoint, or to the verdict'],
  ['Ctrl+Shift+F5', 'restart the packet from pc 0'],
  ['F9', 'toggle a breakpoint on the editor line (or click the gutter)'],
  ['Right-click a breakpoint', 'give it a condition, e.g. A == 0x800 or M[1] != 0'],
  ['Ctrl+Space', 'complete a mnemonic, label or extension'],
  ['?', 'show or hide this help'],
  ['Esc', 'close this help'],
];

/** The help overlay (a modal dialog). */
export function HelpOverlay() {
  const open = useStore((s) => s.helpOpen);
  const setOpen = useStore((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>How it works</h2>
        <p>
          A classic BPF program runs once per packet with two registers, the accumulator <b>A</b> and the
          index <b>X</b>, and 16 scratch words <b>M[0..15]</b>. Loads read bytes of the packet; jumps only go
          forward; the program ends with <code>ret</code>, whose value is how many bytes of the packet to keep
          (0 drops it).
        </p>
        <p>
          Everything runs in this page: captures and programs never leave your browser. A share link carries
          the program, breakpoints and settings — never the capture.
        </p>
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
