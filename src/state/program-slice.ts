// SPDX-License-Identifier: MIT
/** The program: its text, the worker's analysis of it, and breakpoints (by editor line). */
import type { StateCreator } from 'zustand';
import type { CheckMode, ProgramAnalysis } from '../worker/protocol.ts';
import { engine } from './engine.ts';
import type { AppState } from './store.ts';

/** A breakpoint on an editor line, with an optional condition (`A == 0x800`). */
export interface LineBreakpoint {
  line: number;
  condition?: string;
}

export interface ProgramSlice {
  programText: string;
  checkMode: CheckMode;
  analysis: ProgramAnalysis | undefined;
  breakpoints: LineBreakpoint[];
  /** Replace the program text and re-analyse it (debounced by the editor, not here). */
  setProgramText(text: string): Promise<void>;
  setCheckMode(mode: CheckMode): Promise<void>;
  toggleBreakpoint(line: number): void;
  setBreakpointCondition(line: number, condition: string | undefined): void;
  /** Replace every breakpoint (the editor moves them along with edits to the lines above). */
  setBreakpoints(breakpoints: LineBreakpoint[]): void;
  clearBreakpoints(): void;
}

let analysisRequest = 0;

export const createProgramSlice: StateCreator<AppState, [], [], ProgramSlice> = (set, get) => ({
  programText: '',
  checkMode: 'socket',
  analysis: undefined,
  breakpoints: [],
  async setProgramText(text) {
    set({ programText: text });
    const request = ++analysisRequest;
    const analysis = await engine().setProgram(text, get().checkMode);
    if (request !== analysisRequest) return; // a newer edit superseded this one
    set({ analysis });
    await get().retrace();
  },
  async setCheckMode(mode) {
    set({ checkMode: mode });
    await get().setProgramText(get().programText);
  },
  toggleBreakpoint(line) {
    const has = get().breakpoints.some((b) => b.line === line);
    set({
      breakpoints: has
        ? get().breakpoints.filter((b) => b.line !== line)
        : [...get().breakpoints, { line }].sort((a, b) => a.line - b.line),
    });
  },
  setBreakpointCondition(line, condition) {
    const rest = get().breakpoints.filter((b) => b.line !== line);
    const bp: LineBreakpoint = condition?.trim() ? { line, condition: condition.trim() } : { line };
    set({ breakpoints: [...rest, bp].sort((a, b) => a.line - b.line) });
  },
  setBreakpoints(breakpoints) {
    set({ breakpoints: [...breakpoints].sort((a, b) => a.line - b.line) });
  },
  clearBreakpoints() {
    set({ breakpoints: [] });
  },
});
