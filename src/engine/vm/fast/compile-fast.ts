// SPDX-License-Identifier: MIT
/**
 * `compileFast`: a classic BPF program translated once to WebAssembly (by our own encoder, so no
 * `eval`/`new Function`: a CSP with 'wasm-unsafe-eval' suffices) for whole-capture runs, with the
 * interpreter's untraced loop as the fallback where wasm cannot go. Either way the verdicts are
 * exactly `run(insns, packet, semantics).verdict`.
 */
import type { Insn } from '../../isa/insn.ts';
import { run } from '../run.ts';
import type { PacketContext, Semantics } from '../types.ts';
import { planProgram } from './analyze.ts';
import type { FastFilter, PacketBatch } from './batch.ts';
import { translate } from './emit-module.ts';
import { instantiate, wasmUnavailableReason } from './wasm-api.ts';
import { WasmHost } from './wasm-host.ts';

export type { FastFilter, PacketBatch } from './batch.ts';

/** The interpreter as a `FastFilter` (the fallback, with the reason it was chosen). */
export function interpreterFilter(insns: readonly Insn[], semantics: Semantics, reason: string): FastFilter {
  const program = insns.slice();
  const verdict = (packet: PacketContext) => run(program, packet, semantics, { trace: false }).verdict;
  return {
    kind: 'interpreter',
    reason,
    filter: verdict,
    filterBatch(batch: PacketBatch, out?: Uint32Array): Uint32Array {
      const count = batch.offsets.length;
      const verdicts = out && out.length >= count ? out : new Uint32Array(count);
      for (let i = 0; i < count; i++) {
        const offset = batch.offsets[i]!;
        const packet: PacketContext = {
          // subarray cuts a caplen reaching past the data back to what is there, as WasmHost does.
          bytes: batch.data.subarray(offset, offset + batch.caplens[i]!),
          wireLength: batch.wirelens[i]!,
        };
        const meta = batch.metas?.[i];
        if (meta) packet.meta = meta;
        verdicts[i] = verdict(packet);
      }
      return verdicts;
    },
    allocateBatch: (count: number, dataBytes: number): PacketBatch => ({
      data: new Uint8Array(dataBytes),
      offsets: new Uint32Array(count),
      caplens: new Uint32Array(count),
      wirelens: new Uint32Array(count),
    }),
  };
}

/**
 * Compile `insns` for `semantics`. Never throws for any program: what the translation cannot
 * express, and hosts without usable WebAssembly, get the interpreter (`kind: 'interpreter'`).
 */
export function compileFast(insns: readonly Insn[], semantics: Semantics): FastFilter {
  const unavailable = wasmUnavailableReason();
  if (unavailable) return interpreterFilter(insns, semantics, unavailable);
  const planned = planProgram(insns, semantics);
  if (!planned.ok) return interpreterFilter(insns, semantics, planned.reason);
  const translation = translate(insns, semantics, planned.plan);
  const instance = instantiate(translation.bytes);
  if ('error' in instance) return interpreterFilter(insns, semantics, instance.error);
  const host = new WasmHost(instance.exports, translation);
  return {
    kind: 'wasm',
    filter: (packet) => host.filter(packet),
    filterBatch: (batch, out) => host.filterBatch(batch, out),
    allocateBatch: (count, dataBytes) => host.allocateBatch(count, dataBytes),
  };
}
