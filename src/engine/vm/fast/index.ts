// SPDX-License-Identifier: MIT
/** The fast path: classic BPF translated to WebAssembly for whole-capture runs. */
export type { FastFilter, FastFilter as CompiledFilter, PacketBatch } from './compile-fast.ts';
export { compileFast } from './compile-fast.ts';
