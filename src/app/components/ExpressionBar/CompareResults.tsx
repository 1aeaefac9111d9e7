// SPDX-License-Identifier: MIT
/** "Compare with editor": the counts, then each packet whose verdicts differ (click to select it). */
import { useShallow } from 'zustand/react/shallow';
import { comparisonStale } from '../../../state/filter-slice.ts';
import { useStore } from '../../../state/store.ts';
import type { VerdictDifference } from '../../../worker/protocol.ts';
import { compareSummary, verdictWords } from './compare-summary.ts';

function DifferenceRow({ d, selected }: { d: VerdictDifference; selected: boolean }) {
  return (
    <li>
      <button
        type="button"
        className={`xb-diff${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => void useStore.getState().selectPacket(d.index)}
      >
        <span className="xb-diff-no">#{d.index + 1}</span>
        <span className={`xb-verdict ${d.editor === 0 ? 'drop' : 'accept'}`}>
          editor {verdictWords(d.editor)}
        </span>
        <span className={`xb-verdict ${d.expression === 0 ? 'drop' : 'accept'}`}>
          expression {verdictWords(d.expression)}
        </span>
      </button>
    </li>
  );
}

/** The comparison panel (nothing until the user compares). */
export function CompareResults() {
  const s = useStore(
    useShallow((state) => ({
      comparison: state.comparison,
      comparing: state.comparing,
      stale: comparisonStale(state),
      selected: state.selectedPacket,
    })),
  );
  const c = s.comparison;
  if (!c && !s.comparing) return null;
  const listed = c?.differences ?? [];
  const more = c ? c.acceptDrop + c.lengths - listed.length : 0;
  return (
    <section className="xb-compare" aria-label="Comparison with the editor's program">
      <header className="xb-compare-head">
        <span role="status" data-testid="compare-summary">
          {s.comparing ? 'Comparing…' : c ? compareSummary(c) : ''}
          {c && !c.problem && (
            <span className="xb-muted">
              {' '}
              Editor accepts {c.editorAccepted.toLocaleString('en')}, expression{' '}
              {c.expressionAccepted.toLocaleString('en')}.
            </span>
          )}
        </span>
        {s.stale && (
          <span className="xb-stale">
            Out of date: the program, capture or expression changed since this comparison. Compare again to
            refresh it.
          </span>
        )}
        <button
          type="button"
          className="xb-close"
          aria-label="Close the comparison"
          onClick={() => useStore.getState().clearComparison()}
        >
          ×
        </button>
      </header>
      {listed.length > 0 && (
        <ul className="xb-diffs" aria-label="Packets whose verdicts differ">
          {listed.map((d) => (
            <DifferenceRow key={d.index} d={d} selected={d.index === s.selected} />
          ))}
          {more > 0 && <li className="xb-muted">… and {more.toLocaleString('en')} more</li>}
        </ul>
      )}
    </section>
  );
}
