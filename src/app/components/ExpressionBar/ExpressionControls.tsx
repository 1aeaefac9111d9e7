// SPDX-License-Identifier: MIT
/** The bar's controls: the optimizer switch, and the line with the count, "Open" and "Compare". */
import { useShallow } from 'zustand/react/shallow';
import { expressionLinkTypeName } from '../../../state/filter-slice.ts';
import { useStore } from '../../../state/store.ts';
import type { ExpressionOutcome } from '../../../worker/protocol.ts';

/** "EN10MB · 22 instructions", or what is happening instead. */
export function metaText(outcome: ExpressionOutcome | undefined, linkTypeName: string): string {
  if (!outcome) return `${linkTypeName} · compiling…`;
  if (!outcome.text) return `${outcome.linkTypeName} · does not compile`;
  const n = outcome.listing.length;
  return `${outcome.linkTypeName} · ${n} instruction${n === 1 ? '' : 's'}${outcome.optimize ? '' : ' (unoptimized)'}`;
}

/** Optimizer on/off (on by default, as tcpdump; off is tcpdump -O). */
export function OptimizeSwitch() {
  const optimize = useStore((s) => s.expressionOptimize);
  return (
    <label className="xb-switch" title="Run the optimizer, as tcpdump does (off: as tcpdump -O)">
      <input
        type="checkbox"
        role="switch"
        aria-checked={optimize}
        checked={optimize}
        onChange={(e) => useStore.getState().setExpressionOptimize(e.target.checked)}
      />
      Optimize
    </label>
  );
}

interface ExpressionControlsProps {
  /** The compile that matches the text in the field (undefined while it catches up). */
  current: ExpressionOutcome | undefined;
  onOpen: () => void;
}

/** What the expression compiled to, and what to do with it. */
export function ExpressionControls({ current, onOpen }: ExpressionControlsProps) {
  const s = useStore(
    useShallow((state) => ({
      linkTypeName: expressionLinkTypeName(state),
      canCompare: state.capture !== undefined && state.analysis?.assembled === true && !state.comparing,
    })),
  );
  return (
    <div className="xb-line xb-controls">
      <span className="xb-meta" data-testid="expression-meta">
        {metaText(current, s.linkTypeName)}
      </span>
      <span className="xb-spacer" />
      <button
        type="button"
        disabled={!current?.text}
        title="Replace the editor's program with this one (Ctrl+Enter), to step it"
        onClick={onOpen}
      >
        Open in editor
      </button>
      <button
        type="button"
        disabled={!current?.text || !s.canCompare}
        title="Run the editor's program and this expression over every packet; list where they differ"
        onClick={() => void useStore.getState().compareWithEditor()}
      >
        Compare with editor
      </button>
    </div>
  );
}
