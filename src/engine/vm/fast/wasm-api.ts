// SPDX-License-Identifier: MIT
/**
 * The slice of the `WebAssembly` JS API the fast path uses, typed here because the engine's
 * tsconfig has no DOM lib (where the real declarations live). Looked up on `globalThis` at call
 * time so a host without WebAssembly (or a CSP without 'wasm-unsafe-eval') is a fallback, not a crash.
 */

/** A linear memory (only what we touch). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

/** The exports of our translated filter module. */
export interface FilterExports {
  /**
   * Run the filter over `count` packets. A packet's address is its offset + `bias`; its caplen is
   * cut back so that offset + caplen <= `limit`; `metaStride` is 0 (one shared metadata row) or
   * the row size in bytes; the other arguments are the addresses of the per-packet arrays.
   */
  run(
    count: number,
    bias: number,
    limit: number,
    metaStride: number,
    offsets: number,
    caplens: number,
    wirelens: number,
    verdicts: number,
    metaBase: number,
  ): void;
  memory: WasmMemory;
}

interface WasmNamespace {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: unknown };
}

/** Why WebAssembly cannot be used here, or undefined when it can. */
export function wasmUnavailableReason(): string | undefined {
  const wasm = (globalThis as { WebAssembly?: unknown }).WebAssembly;
  if (typeof wasm !== 'object' || wasm === null) return 'WebAssembly is not available in this environment';
  return undefined;
}

/**
 * Compile and instantiate a module synchronously (the engine API is synchronous; workers and
 * node allow any size, a browser main thread only small modules). Returns the exports or the
 * error text.
 */
export function instantiate(bytes: Uint8Array): { exports: FilterExports } | { error: string } {
  const wasm = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly;
  if (!wasm) return { error: 'WebAssembly is not available in this environment' };
  try {
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    return { exports: instance.exports as FilterExports };
  } catch (e) {
    // A CSP without 'wasm-unsafe-eval' raises a CompileError/EvalError here; so does a browser
    // main thread for modules over its synchronous-compile size limit.
    return { error: `WebAssembly compilation failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
