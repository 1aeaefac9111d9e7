// SPDX-License-Identifier: MIT
/**
 * The expression bar: a tcpdump expression, its compiled program for the open capture's link
 * type, and the comparison of its verdicts with the editor's program.
 */
import type { StateCreator } from 'zustand';
import type { CompareOutcome, ExpressionOutcome } from '../worker/protocol.ts';
import { packetOptions } from './debugger-slice.ts';
import { engine } from './engine.ts';
import type { AppState } from './store.ts';

export interface FilterSlice {
  expression: string;
  /** Run libpcap's optimizer passes (tcpdump's default; off is `tcpdump -O`). */
  expressionOptimize: boolean;
  /** The last compile of a non-blank expression (undefined while blank). */
  expressionOutcome: ExpressionOutcome | undefined;
  comparison: CompareOutcome | undefined;
  /** What the last comparison ran against, so the UI can tell when it went stale. */
  comparedWith: { programText: string; captureGeneration: number } | undefined;
  comparing: boolean;
  /** Replace the expression text (compiling is the caller's to debounce: `compileExpression`). */
  setExpression(text: string): void;
  /** Switch the optimizer (the bar recompiles when it changes). */
  setExpressionOptimize(on: boolean): void;
  /** Compile the current expression for the open capture's link type. */
  compileExpression(): Promise<void>;
  /** Run the editor's program and the expression over the whole capture. */
  compareWithEditor(): Promise<void>;
  clearComparison(): void;
}

/** LINKTYPE_EN10MB: what tcpdump assumes when no capture says otherwise. */
const ETHERNET = 1;

/** The link type expressions are compiled for: the open capture's first interface (else Ethernet). */
export function expressionLinkType(state: AppState): number {
  return state.capture?.interfaces[0]?.linkType ?? ETHERNET;
}

/** The link type's name as the capture describes it. */
export function expressionLinkTypeName(state: AppState): string {
  return state.capture?.interfaces[0]?.linkTypeName ?? 'EN10MB';
}

/** True when the comparison no longer matches the editor's program or the open capture. */
export function comparisonStale(state: AppState): boolean {
  const w = state.comparedWith;
  return (
    w !== undefined &&
    (w.programText !== state.programText ||
      w.captureGeneration !== state.captureGeneration ||
      state.comparison?.expression !== state.expression)
  );
}

let compileRequest = 0;
let compareRequest = 0;

export const createFilterSlice: StateCreator<AppState, [], [], FilterSlice> = (set, get) => ({
  expression: '',
  expressionOptimize: true,
  expressionOutcome: undefined,
  comparison: undefined,
  comparedWith: undefined,
  comparing: false,
  setExpression(text) {
    set({ expression: text });
  },
  setExpressionOptimize(on) {
    set({ expressionOptimize: on });
  },
  async compileExpression() {
    const state = get();
    const request = ++compileRequest;
    // Sent as typed (not trimmed), so the diagnostics' columns match the text in the field.
    const expression = state.expression;
    if (expression.trim() === '') {
      set({ expressionOutcome: undefined });
      return;
    }
    const outcome = await engine().compileExpression(expression, {
      linkType: expressionLinkType(state),
      optimize: state.expressionOptimize,
    });
    if (request !== compileRequest) return; // a newer keystroke superseded this one
    set({ expressionOutcome: outcome });
  },
  async compareWithEditor() {
    const state = get();
    const expression = state.expression;
    if (expression.trim() === '' || !state.capture) return;
    const request = ++compareRequest;
    const comparedWith = { programText: state.programText, captureGeneration: state.captureGeneration };
    set({ comparing: true });
    try {
      const comparison = await engine().compareWithEditor(expression, {
        ...packetOptions(state),
        optimize: state.expressionOptimize,
      });
      if (request === compareRequest) set({ comparison, comparedWith });
    } finally {
      if (request === compareRequest) set({ comparing: false });
    }
  },
  clearComparison() {
    compareRequest++;
    set({ comparison: undefined, comparedWith: undefined, comparing: false });
  },
});
