// SPDX-License-Identifier: MIT
/** The store's handle on the engine worker; swappable so state logic can be tested without one. */
import type { Remote } from 'comlink';
import { engineWorker } from '../worker/client.ts';
import type { EngineWorkerApi } from '../worker/protocol.ts';

type EngineHandle = Remote<EngineWorkerApi> | EngineWorkerApi;

let current: EngineHandle | undefined;

/** The engine the store talks to (the web worker unless a test installed another). */
export function engine(): EngineHandle {
  current ??= engineWorker();
  return current;
}

/** Install another engine (tests run the worker's session in-process). */
export function setEngine(handle: EngineHandle): void {
  current = handle;
}
