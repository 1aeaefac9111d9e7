// SPDX-License-Identifier: MIT
/** The problems list under the editor: every diagnostic with code, line:col, message and hint. */
import type { Diagnostic } from '../../../engine/index.ts';
import { useStore } from '../../../state/store.ts';
import { diagnosticPosition, type EditorPosition } from '../../monaco/markers.ts';

const SEVERITY_ICON = { error: '●', warning: '▲', info: 'ℹ' } as const;

interface DiagnosticsProps {
  /** Move the editor's cursor to a position. */
  onReveal: (position: EditorPosition) => void;
}

/** Problems of the current program, click one to go to it. */
export function Diagnostics({ onReveal }: DiagnosticsProps) {
  const analysis = useStore((s) => s.analysis);
  const checkMode = useStore((s) => s.checkMode);
  const diagnostics = analysis?.diagnostics ?? [];
  const listing = analysis?.listing ?? [];
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  const summary = !analysis
    ? 'assembling…'
    : diagnostics.length === 0
      ? `none — accepted by the ${checkMode === 'seccomp' ? 'seccomp' : 'Linux socket-filter'} checker`
      : [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'note')]
          .filter(Boolean)
          .join(', ');
  return (
    <section className="diagnostics" aria-label="Problems">
      <h3 className="diagnostics-title">
        Problems <span className="diagnostics-summary">{summary}</span>
      </h3>
      {diagnostics.length > 0 && (
        <ul className="diagnostics-list">
          {diagnostics.map((d, i) => {
            const at = diagnosticPosition(d, listing);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no identity beyond their order
              <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
                <button
                  type="button"
                  className="diagnostic-main"
                  disabled={!at}
                  onClick={() => at && onReveal(at)}
                  title={at ? `Go to line ${at.line}` : undefined}
                >
                  <span className="diagnostic-icon" aria-hidden="true">
                    {SEVERITY_ICON[d.severity]}
                  </span>
                  <span className="visually-hidden">{d.severity}</span>
                  <code className="diagnostic-code">{d.code}</code>
                  <span className="diagnostic-where">{where(d, at)}</span>
                  <span className="diagnostic-message">{d.message}</span>
                </button>
                {d.hint && <p className="diagnostic-hint">hint: {d.hint}</p>}
                {d.notes.map((n, j) => {
                  const noteAt = diagnosticPosition(n, listing);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: notes have no identity beyond their order
                    <p key={j} className="diagnostic-note">
                      note{noteAt ? ` (line ${noteAt.line})` : ''}: {n.message}
                    </p>
                  );
                })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function where(d: Diagnostic, at: EditorPosition | undefined): string {
  const pc = d.pc !== undefined ? `pc ${d.pc}` : '';
  if (!at) return pc || '—';
  // A checker diagnostic knows its instruction, not a column.
  return d.range ? `${at.line}:${at.column}` : `line ${at.line} · ${pc}`;
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}
