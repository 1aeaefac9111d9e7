// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
/** The engine worker: a thin comlink bridge from the UI to the pure engine. */
import * as Comlink from 'comlink';
import { ENGINE_VERSION } from '../engine/index.ts';
import type { EngineWorkerApi, WorkerHello } from './protocol.ts';

/** A minimal valid module (magic + version): instantiating it proves 'wasm-unsafe-eval' is allowed. */
const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function canInstantiateWasm(): boolean {
  try {
    return (
      new WebAssembly.Instance(new WebAssembly.Module(EMPTY_WASM_MODULE)) instanceof WebAssembly.Instance
    );
  } catch {
    return false;
  }
}

const api: EngineWorkerApi = {
  async ping(): Promise<WorkerHello> {
    return { engineVersion: ENGINE_VERSION, webAssembly: canInstantiateWasm() };
  },
};

Comlink.expose(api);
