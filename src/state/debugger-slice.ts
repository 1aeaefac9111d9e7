// SPDX-License-Identifier: MIT
/**
 * The debugger: semantics and packet context, the selected packet's trace, and the cursor along
 * it. Step, step back, continue and restart only move the cursor.
 */
import type { StateCreator } from 'zustand';
import type { PacketMeta, Semantics } from '../engine/index.ts';
import type { PacketOptions, TraceOutcome } from '../worker/protocol.ts';
import { parseCondition } from './condition.ts';
import { engine } from './engine.ts';
import { nextStop, type PcBreakpoint } from './stepping.ts';
import type { AppState } from './store.ts';

export interface DebuggerSlice {
  semantics: Semantics;
  vlanOffload: boolean;
  metaOverrides: Partial<PacketMeta>;
  trace: TraceOutcome | undefined;
  /** Executed steps: 0 = before the first instruction, steps.length = returned. */
  cursor: number;
  setSemantics(semantics: Semantics): Promise<void>;
  setVlanOffload(on: boolean): Promise<void>;
  setMetaOverride<K extends keyof PacketMeta>(key: K, value: PacketMeta[K] | undefined): Promise<void>;
  /** Re-run the selected packet after any input changed; keeps the cursor where it can. */
  retrace(): Promise<void>;
  stepInto(): void;
  stepBack(): void;
  /** Run to the next breakpoint whose condition holds, or to the verdict. */
  continueRun(): void;
  restart(): void;
  runToEnd(): void;
  /** Put the cursor at `cursor` executed steps (clamped), e.g. on the step of a clicked row. */
  setCursor(cursor: number): void;
}

let traceRequest = 0;

/** The options every packet request carries. */
export function packetOptions(state: AppState): PacketOptions {
  return { semantics: state.semantics, vlanOffload: state.vlanOffload, metaOverrides: state.metaOverrides };
}

/** Breakpoints of the state as pcs, via the listing's line numbers. */
export function pcBreakpoints(state: AppState): PcBreakpoint[] {
  const listing = state.analysis?.listing ?? [];
  return state.breakpoints.flatMap((bp) => {
    const rows = listing.filter((row) => row.line === bp.line);
    const condition = bp.condition ? parseCondition(bp.condition) : undefined;
    return rows.map((row) => ({ pc: row.pc, condition }));
  });
}

export const createDebuggerSlice: StateCreator<AppState, [], [], DebuggerSlice> = (set, get) => ({
  semantics: 'linux',
  vlanOffload: false,
  metaOverrides: {},
  trace: undefined,
  cursor: 0,
  async setSemantics(semantics) {
    set({ semantics, runAll: undefined });
    await get().retrace();
  },
  async setVlanOffload(on) {
    set({ vlanOffload: on, runAll: undefined });
    await get().retrace();
  },
  async setMetaOverride(key, value) {
    const next = { ...get().metaOverrides };
    if (value === undefined) delete next[key];
    else next[key] = value;
    set({ metaOverrides: next, runAll: undefined });
    await get().retrace();
  },
  async retrace() {
    const state = get();
    const request = ++traceRequest;
    if (!state.capture || !state.analysis?.assembled) {
      set({ trace: undefined, cursor: 0 });
      return;
    }
    const trace = await engine().trace(state.selectedPacket, packetOptions(state));
    if (request !== traceRequest) return; // superseded by a newer request
    // At the verdict before, at the verdict after: a changed input shows its new verdict at once.
    const before = get();
    const wasDone = before.trace !== undefined && before.cursor >= before.trace.run.steps.length;
    const length = trace?.run.steps.length ?? 0;
    set({ trace, cursor: wasDone ? length : Math.min(before.cursor, length) });
  },
  stepInto() {
    const { trace, cursor } = get();
    if (trace && cursor < trace.run.steps.length) set({ cursor: cursor + 1 });
  },
  stepBack() {
    const { cursor } = get();
    if (cursor > 0) set({ cursor: cursor - 1 });
  },
  continueRun() {
    const state = get();
    if (!state.trace) return;
    set({
      cursor: nextStop(state.trace.run, state.cursor, pcBreakpoints(state), state.trace.packet.wireLength),
    });
  },
  restart() {
    set({ cursor: 0 });
  },
  runToEnd() {
    const { trace } = get();
    if (trace) set({ cursor: trace.run.steps.length });
  },
  setCursor(cursor) {
    const { trace } = get();
    if (trace) set({ cursor: Math.max(0, Math.min(Math.floor(cursor), trace.run.steps.length)) });
  },
});
