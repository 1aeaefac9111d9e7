// SPDX-License-Identifier: MIT
/**
 * The UI's handle on the engine worker. One long-lived comlink proxy (a proxy collected mid-call
 * drops its reply: comlink#692), created lazily so the worker starts loading in parallel with Monaco.
 */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './protocol.ts';

let proxy: Comlink.Remote<EngineWorkerApi> | undefined;

/** The shared engine worker proxy, starting the worker on first use. */
export function engineWorker(): Comlink.Remote<EngineWorkerApi> {
  if (!proxy) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'bpflab-engine',
    });
    proxy = Comlink.wrap<EngineWorkerApi>(worker);
  }
  return proxy;
}
