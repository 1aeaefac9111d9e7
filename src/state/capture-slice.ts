// SPDX-License-Identifier: MIT
/** The open capture: its description, indexing progress, the selected packet. */
import { proxy } from 'comlink';
import type { StateCreator } from 'zustand';
import type { CaptureInfo } from '../worker/protocol.ts';
import { engine } from './engine.ts';
import type { AppState } from './store.ts';

export interface CaptureSlice {
  capture: CaptureInfo | undefined;
  /** Bytes indexed so far while opening (undefined when idle). */
  openProgress: { name: string; done: number; total: number } | undefined;
  /** The last open attempt that failed, with its diagnostics (the previous capture stays open). */
  openFailure: CaptureInfo | undefined;
  selectedPacket: number;
  /** Bumped on every successful open so lists can drop cached rows. */
  captureGeneration: number;
  openCapture(source: Blob | Uint8Array, name: string): Promise<boolean>;
  selectPacket(index: number): Promise<void>;
  dismissOpenFailure(): void;
}

export const createCaptureSlice: StateCreator<AppState, [], [], CaptureSlice> = (set, get) => ({
  capture: undefined,
  openProgress: undefined,
  openFailure: undefined,
  selectedPacket: 0,
  captureGeneration: 0,
  async openCapture(source, name) {
    const total = source instanceof Uint8Array ? source.byteLength : source.size;
    set({ openProgress: { name, done: 0, total } });
    const onProgress = proxy((done: number, all: number) =>
      set({ openProgress: { name, done, total: all } }),
    );
    const info = await engine().openCapture(source, name, onProgress);
    set({ openProgress: undefined });
    if (info.packetCount === 0) {
      set({ openFailure: info });
      return false;
    }
    const damaged = info.diagnostics.some((d) => d.severity === 'error');
    set({
      capture: info,
      openFailure: damaged ? info : undefined,
      captureGeneration: get().captureGeneration + 1,
      runAll: undefined,
      listFilter: 'all',
    });
    await get().selectPacket(0);
    return true;
  },
  async selectPacket(index) {
    // Another packet takes another path: start it from pc 0, unless the user was looking at
    // verdicts (then retrace lands on the new packet's verdict).
    const { trace, cursor } = get();
    const atVerdict = trace !== undefined && cursor >= trace.run.steps.length;
    set({ selectedPacket: index, ...(atVerdict ? {} : { cursor: 0 }) });
    await get().retrace();
  },
  dismissOpenFailure() {
    set({ openFailure: undefined });
  },
});
