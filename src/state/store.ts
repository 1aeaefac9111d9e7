// SPDX-License-Identifier: MIT
/** One bound store built from typed slices (zustand's slices pattern). */
import { create } from 'zustand';
import { type CaptureSlice, createCaptureSlice } from './capture-slice.ts';
import { createDebuggerSlice, type DebuggerSlice } from './debugger-slice.ts';
import { createFilterSlice, type FilterSlice } from './filter-slice.ts';
import { createLayoutSlice, type LayoutSlice } from './layout-slice.ts';
import { createProgramSlice, type ProgramSlice } from './program-slice.ts';
import { createRunSlice, type RunSlice } from './run-slice.ts';

/** The whole application state. */
export type AppState = ProgramSlice & CaptureSlice & DebuggerSlice & RunSlice & LayoutSlice & FilterSlice;

/** The application store. */
export const useStore = create<AppState>()((...a) => ({
  ...createProgramSlice(...a),
  ...createCaptureSlice(...a),
  ...createDebuggerSlice(...a),
  ...createRunSlice(...a),
  ...createLayoutSlice(...a),
  ...createFilterSlice(...a),
}));
