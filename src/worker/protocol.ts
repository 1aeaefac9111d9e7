// SPDX-License-Identifier: MIT
/**
 * The typed surface the engine worker exposes through comlink. Everything crossing it is plain,
 * structured-cloneable data; large buffers are transferred, not copied.
 */

/** What the worker answers to a ping: proof that it loaded and which engine it runs. */
export interface WorkerHello {
  engineVersion: string;
  /** Whether WebAssembly can be instantiated under this page's CSP (the fast path needs it). */
  webAssembly: boolean;
}

/** The engine worker's API. */
export interface EngineWorkerApi {
  ping(): Promise<WorkerHello>;
}
