// SPDX-License-Identifier: MIT
/**
 * The expression's diagnostics under the field: errors libpcap would also refuse, and the warnings
 * and notes that turn libpcap's traps into explanations. Clicking one selects its token.
 */
import type { Diagnostic } from '../../../engine/index.ts';
import { spanOf } from './expression-marks.ts';

const ICON = { error: '●', warning: '▲', info: 'ℹ' } as const;

interface ExpressionProblemsProps {
  id: string;
  diagnostics: readonly Diagnostic[];
  text: string;
  onSelect: (start: number, end: number) => void;
}

/** Diagnostics of the compiled expression (nothing when there are none). */
export function ExpressionProblems({ id, diagnostics, text, onSelect }: ExpressionProblemsProps) {
  if (diagnostics.length === 0) return null;
  return (
    <ul id={id} className="xb-problems" aria-label="Expression problems">
      {diagnostics.map((d, i) => {
        const span = spanOf(d.range, text);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: diagnostics have no identity beyond their order
          <li key={i} className={`xb-problem xb-problem-${d.severity}`}>
            <button
              type="button"
              className="xb-problem-main"
              disabled={!span}
              title={span ? 'Select the token in the expression' : undefined}
              onClick={() => span && onSelect(span.start, span.end)}
            >
              <span className="xb-problem-icon" aria-hidden="true">
                {ICON[d.severity]}
              </span>
              <span className="visually-hidden">{d.severity}</span>
              <code className="xb-problem-code">{d.code}</code>
              {span && <span className="xb-problem-where">col {span.start + 1}</span>}
              <span className="xb-problem-message">{d.message}</span>
            </button>
            {d.hint && <p className="xb-problem-hint">hint: {d.hint}</p>}
            {d.notes.map((n, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes have no identity beyond their order
              <p key={j} className="xb-problem-hint">
                note: {n.message}
              </p>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
