// SPDX-License-Identifier: MIT
/**
 * Timing the engine's two ways of running a filter over packets in memory: the WebAssembly fast
 * path over one `PacketBatch`, and the untraced interpreter one packet at a time. Each does one
 * warm-up pass (JIT, wasm tier-up, caches) and then `passes` timed ones, and reports the CPU time
 * of the fastest, as the C harness does.
 */
import type { Insn } from '../src/engine/isa/insn.ts';
import { compileFast, type PacketBatch } from '../src/engine/vm/fast/index.ts';
import { run } from '../src/engine/vm/run.ts';
import type { PacketContext, Semantics } from '../src/engine/vm/types.ts';

/** One engine's figures for one filter. */
export interface Timing {
  nsPerPacket: number;
  accepted: number;
  /** What ran (the fast path may fall back to the interpreter). */
  kind: string;
  compileMs?: number;
  verdicts: Uint32Array;
}

/** CPU time of this process in ns (user + system), which time spent descheduled does not add to. */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/**
 * CPU ns per packet of the fastest of `passes` runs of `pass` (the slower ones measure the
 * neighbours too). Process CPU time includes V8's helper threads (parallel GC), a cost a run pays.
 */
function fastestPass(passes: number, packets: number, pass: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let p = 0; p < passes; p++) {
    const t0 = cpuNs();
    pass();
    best = Math.min(best, cpuNs() - t0);
  }
  return best / packets;
}

const countAccepted = (verdicts: Uint32Array): number => verdicts.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);

/**
 * `compileFast(insns).filterBatch(batch)`, timed with the packets already in the filter's memory
 * (copied there once, untimed, as the C harness loads every packet before it times bpf_filter()).
 */
export function timeFast(
  insns: readonly Insn[],
  semantics: Semantics,
  batch: PacketBatch,
  passes: number,
): Timing {
  const start = performance.now();
  const fast = compileFast(insns, semantics);
  const compileMs = performance.now() - start;
  const inPlace = fast.allocateBatch?.(batch.offsets.length, batch.data.length);
  if (inPlace) {
    inPlace.data.set(batch.data);
    inPlace.offsets.set(batch.offsets);
    inPlace.caplens.set(batch.caplens);
    inPlace.wirelens.set(batch.wirelens);
    if (batch.metas) inPlace.metas = batch.metas;
  }
  const timed = inPlace ?? batch;
  const verdicts = new Uint32Array(batch.offsets.length);
  fast.filterBatch(timed, verdicts);
  const ns = fastestPass(passes, verdicts.length, () => fast.filterBatch(timed, verdicts));
  return { nsPerPacket: ns, accepted: countAccepted(verdicts), kind: fast.kind, compileMs, verdicts };
}

/** `run(insns, packet, semantics, { trace: false })` over every packet, timed. */
export function timeInterpreter(
  insns: readonly Insn[],
  semantics: Semantics,
  packets: readonly PacketContext[],
  passes: number,
): Timing {
  const verdicts = new Uint32Array(packets.length);
  const pass = (): void => {
    for (let i = 0; i < packets.length; i++)
      verdicts[i] = run(insns, packets[i]!, semantics, { trace: false }).verdict;
  };
  pass();
  const ns = fastestPass(passes, packets.length, pass);
  return { nsPerPacket: ns, accepted: countAccepted(verdicts), kind: 'interpreter', verdicts };
}
