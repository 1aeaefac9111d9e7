// SPDX-License-Identifier: MIT
/** The debugger toolbar: stepping controls, semantics, theme and help. */
import { useShallow } from 'zustand/react/shallow';
import type { Semantics } from '../../../engine/index.ts';
import { useStore } from '../../../state/store.ts';
import { ShareButton } from '../Share/index.tsx';

/** Toolbar across the top of the page. */
export function Toolbar() {
  const s = useStore(
    useShallow((state) => ({
      hasTrace: state.trace !== undefined,
      atStart: state.cursor === 0,
      atEnd: state.trace ? state.cursor >= state.trace.run.steps.length : true,
      semantics: state.semantics,
      theme: state.theme,
    })),
  );
  const actions = useStore.getState();
  return (
    <header className="toolbar">
      <h1 className="brand">bpflab</h1>
      <div className="toolbar-group" role="toolbar" aria-label="debugger">
        <button
          type="button"
          onClick={actions.restart}
          disabled={!s.hasTrace || s.atStart}
          title="Restart (Ctrl+Shift+F5)"
        >
          ⟲ Restart
        </button>
        <button
          type="button"
          onClick={actions.stepBack}
          disabled={!s.hasTrace || s.atStart}
          title="Step back (Shift+F11)"
        >
          ◂ Back
        </button>
        <button
          type="button"
          onClick={actions.stepInto}
          disabled={!s.hasTrace || s.atEnd}
          title="Step (F10 / F11)"
        >
          Step ▸
        </button>
        <button
          type="button"
          onClick={actions.continueRun}
          disabled={!s.hasTrace || s.atEnd}
          title="Run to the next breakpoint or the verdict (F5)"
        >
          Run ▸▸
        </button>
      </div>
      <label className="toolbar-field" title="Which BPF machine to emulate">
        Semantics
        <select
          value={s.semantics}
          onChange={(e) => void actions.setSemantics(e.target.value as Semantics)}
          aria-label="semantics"
        >
          <option value="linux">Linux kernel</option>
          <option value="libpcap">libpcap (userland)</option>
        </select>
      </label>
      <span className="toolbar-spacer" />
      <ShareButton />
      <button type="button" onClick={() => actions.setTheme(s.theme === 'dark' ? 'light' : 'dark')}>
        {s.theme === 'dark' ? 'Light' : 'Dark'} theme
      </button>
      <button type="button" onClick={() => actions.setHelpOpen(true)} title="Keyboard shortcuts (?)">
        Help
      </button>
    </header>
  );
}
