// SPDX-License-Identifier: MIT
/**
 * The expression bar above the editor: a tcpdump expression compiled as you type for the open
 * capture's link type, its diagnostics, the program it means (each instruction linked to its
 * primitive, both ways), "Open in editor" to step it, and "Compare with editor".
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { expressionLinkType } from '../../../state/filter-slice.ts';
import { useStore } from '../../../state/store.ts';
import type { ExpressionOutcome } from '../../../worker/protocol.ts';
import { CompareResults } from './CompareResults.tsx';
import { ExpressionControls, OptimizeSwitch } from './ExpressionControls.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import { ExpressionListing } from './ExpressionListing.tsx';
import { ExpressionProblems } from './ExpressionProblems.tsx';
import { type Mark, spanOf } from './expression-marks.ts';
import { useExpressionFocus } from './use-expression-focus.ts';
import './expression-bar.css';

/** Quiet time after a keystroke before compiling. */
const DEBOUNCE_MS = 200;

interface ExpressionBarProps {
  /** Put the compiled program (bpf_asm with comments) into the editor. */
  onOpen: (text: string, expression: string) => void;
}

function useBarState() {
  return useStore(
    useShallow((s) => ({
      expression: s.expression,
      optimize: s.expressionOptimize,
      outcome: s.expressionOutcome,
      linkType: expressionLinkType(s),
      captureGeneration: s.captureGeneration,
    })),
  );
}

/**
 * Compile the expression a moment after the last change (of text, optimizer, link type or
 * capture: the worker compiles as tcpdump -r does for the open file, whose snaplen and byte
 * order shape the program).
 */
function useDebouncedCompile(expression: string, optimize: boolean, linkType: number, capture: number): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the inputs are the trigger; the action reads the store
  useEffect(() => {
    const timer = setTimeout(() => void useStore.getState().compileExpression(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [expression, optimize, linkType, capture]);
}

/** Marks on the field: the primitive in focus, and each diagnostic's token. */
function marksOf(outcome: ExpressionOutcome | undefined, text: string, focus: Mark['span'] | undefined) {
  const marks: Mark[] = focus ? [{ span: focus, kind: 'focus' }] : [];
  for (const d of outcome?.diagnostics ?? []) {
    const span = spanOf(d.range, text);
    if (span) marks.push({ span, kind: d.severity === 'error' ? 'error' : 'warning' });
  }
  return marks;
}

/** The tcpdump-expression bar. */
export function ExpressionBar({ onOpen }: ExpressionBarProps) {
  const s = useBarState();
  const input = useRef<HTMLInputElement>(null);
  const problemsId = useId();
  const [showListing, setShowListing] = useState(true);
  useDebouncedCompile(s.expression, s.optimize, s.linkType, s.captureGeneration);
  // The outcome belongs to the text in the field only once it has caught up with the typing.
  const current = s.outcome !== undefined && s.outcome.expression === s.expression ? s.outcome : undefined;
  const rows = current?.listing ?? [];
  const focus = useExpressionFocus(rows, s.expression);
  const blank = s.expression.trim() === '';
  const errors = current?.diagnostics.some((d) => d.severity === 'error') === true;
  const actions = useStore.getState();
  const open = () => current?.text && onOpen(current.text, s.expression);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) open();
    else void actions.compileExpression();
  };
  const select = (start: number, end: number) => {
    input.current?.focus();
    input.current?.setSelectionRange(start, Math.max(start, end));
  };

  return (
    <section className="expression-bar" aria-label="tcpdump expression">
      <div className="xb-line">
        <span className="xb-prompt" aria-hidden="true">
          tcpdump
        </span>
        <ExpressionInput
          inputRef={input}
          value={s.expression}
          marks={marksOf(current, s.expression, focus.span)}
          invalid={errors}
          {...(current?.diagnostics.length ? { describedBy: problemsId } : {})}
          onChange={(text) => actions.setExpression(text)}
          onPointOffset={focus.setPointOffset}
          onCaretOffset={focus.setCaretOffset}
          onKeyDown={onKeyDown}
        />
        <OptimizeSwitch />
      </div>
      {!blank && <ExpressionControls current={current} onOpen={open} />}
      {current && (
        <ExpressionProblems
          id={problemsId}
          diagnostics={current.diagnostics}
          text={s.expression}
          onSelect={select}
        />
      )}
      {rows.length > 0 && (
        <details
          className="xb-program"
          open={showListing}
          onToggle={(e) => setShowListing(e.currentTarget.open)}
        >
          <summary>Compiled program</summary>
          <ExpressionListing
            rows={rows}
            lit={focus.lit}
            active={focus.activePc}
            onActive={focus.setActivePc}
            onHover={focus.setHoverPc}
          />
        </details>
      )}
      <CompareResults />
    </section>
  );
}
