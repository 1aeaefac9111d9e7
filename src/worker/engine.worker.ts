// SPDX-License-Identifier: MIT
/// <reference lib="webworker" />
/** The engine worker: a thin comlink bridge from the UI to the engine session. */
import * as Comlink from 'comlink';
import { ENGINE_VERSION } from '../engine/index.ts';
import type { EngineWorkerApi } from './protocol.ts';
import { EngineSession } from './session.ts';

/** A minimal valid module (magic + version): instantiating it proves WebAssembly may run here. */
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

const session = new EngineSession();

const api: EngineWorkerApi = {
  async ping() {
    return { engineVersion: ENGINE_VERSION, webAssembly: canInstantiateWasm() };
  },
  async setProgram(text, mode) {
    return session.setProgram(text, mode);
  },
  async importProgram(source) {
    return session.importProgram(source);
  },
  async exportProgram(format) {
    return session.exportProgram(format);
  },
  openCapture(source, name, onProgress) {
    return session.openCapture(source, name, onProgress);
  },
  packetRows(start, count) {
    return session.packetRows(start, count);
  },
  packetView(index, options) {
    return session.packetView(index, options);
  },
  trace(index, options) {
    return session.trace(index, options);
  },
  async runAll(options, onProgress) {
    const outcome = await session.runAll(options, onProgress);
    return outcome ? Comlink.transfer(outcome, [outcome.verdicts.buffer]) : undefined;
  },
  async cancelRunAll() {
    session.cancelRunAll();
  },
  async compileExpression(expression, options) {
    return session.compileExpression(expression, options);
  },
  compareWithEditor(expression, options) {
    return session.compareWithEditor(expression, options);
  },
};

Comlink.expose(api);
