// SPDX-License-Identifier: MIT
/** "Run all packets": verdicts over the whole capture, progress, cancel, and the list filter. */
import { proxy } from 'comlink';
import type { StateCreator } from 'zustand';
import type { RunAllOutcome } from '../worker/protocol.ts';
import { packetOptions } from './debugger-slice.ts';
import { engine } from './engine.ts';
import type { AppState } from './store.ts';

/** Which packets the list shows once verdicts exist. */
export type ListFilter = 'all' | 'accepted' | 'dropped';

export interface RunSlice {
  runAll: RunAllOutcome | undefined;
  runProgress: { done: number; total: number } | undefined;
  listFilter: ListFilter;
  runAllPackets(): Promise<void>;
  cancelRunAll(): Promise<void>;
  setListFilter(filter: ListFilter): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  runAll: undefined,
  runProgress: undefined,
  listFilter: 'all',
  async runAllPackets() {
    const state = get();
    if (!state.capture || !state.analysis?.assembled) return;
    set({ runProgress: { done: 0, total: state.capture.packetCount } });
    const onProgress = proxy((done: number, total: number) => set({ runProgress: { done, total } }));
    try {
      const outcome = await engine().runAll(packetOptions(state), onProgress);
      set({ runAll: outcome });
    } finally {
      // A capture file that became unreadable (deleted, unplugged) rejects: never leave "Running…" up.
      set({ runProgress: undefined });
    }
  },
  async cancelRunAll() {
    await engine().cancelRunAll();
  },
  setListFilter(filter) {
    set({ listFilter: filter });
  },
});
