// SPDX-License-Identifier: MIT
/**
 * "Run all packets": the program over the whole capture through the fast path, in chunks, so
 * progress can be reported and a cancel request gets a turn between chunks.
 */
import {
  type Capture,
  type CapturePacket,
  type FastFilter as CompiledFilter,
  filterView,
  type Insn,
  type PacketBatch,
  SKF_LL_OFF,
} from '../engine/index.ts';
import type { PacketOptions, ProgressCallback, RunAllOutcome } from './protocol.ts';

/** Packets per chunk: large enough to amortise the call into WebAssembly, small enough to cancel. */
const CHUNK = 8192;

/**
 * True when the program reads socket-buffer metadata (ancillary loads, SKF_NET_OFF/SKF_LL_OFF):
 * only then must every packet be dissected to derive its `PacketMeta`.
 */
export function readsMetadata(insns: readonly Insn[]): boolean {
  return insns.some(
    (i) => i.op === 'ld' && (i.mode === 'abs' || i.mode === 'ind') && i.k >>> 0 >= SKF_LL_OFF,
  );
}

/** Run `filter` over every packet of `capture`. */
export async function runAllPackets(
  capture: Capture,
  insns: readonly Insn[],
  filter: CompiledFilter,
  options: PacketOptions,
  token: { cancelled: boolean },
  onProgress?: ProgressCallback,
): Promise<RunAllOutcome> {
  const total = capture.packetCount;
  const verdicts = new Uint32Array(total);
  const perPacket = options.vlanOffload || readsMetadata(insns);
  const started = performance.now();
  let done = 0;
  while (done < total && !token.cancelled) {
    const packets = await capture.readPackets(done, Math.min(total, done + CHUNK));
    const batch = toBatch(filter, packets, perPacket ? options : undefined);
    verdicts.set(filter.filterBatch(batch), done);
    done += packets.length;
    onProgress?.(done, total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  let accepted = 0;
  for (let i = 0; i < done; i++) if (verdicts[i] !== 0) accepted++;
  return {
    verdicts,
    accepted,
    dropped: done - accepted,
    engine: filter.kind,
    ...(filter.reason ? { reason: filter.reason } : {}),
    milliseconds: performance.now() - started,
    cancelled: done < total,
    done,
  };
}

/**
 * Lay packets out in one buffer; with `options`, present each as the filter sees it (offload,
 * meta). The buffer is the filter's own memory when it offers one, so the batch is not copied again.
 */
function toBatch(
  filter: CompiledFilter,
  packets: readonly CapturePacket[],
  options: PacketOptions | undefined,
): PacketBatch {
  const views = packets.map((p) => view(p, options));
  const size = views.reduce((sum, v) => sum + v.bytes.length, 0);
  const batch = filter.allocateBatch?.(views.length, size) ?? {
    data: new Uint8Array(size),
    offsets: new Uint32Array(views.length),
    caplens: new Uint32Array(views.length),
    wirelens: new Uint32Array(views.length),
  };
  let at = 0;
  views.forEach((v, i) => {
    batch.data.set(v.bytes, at);
    batch.offsets[i] = at;
    batch.caplens[i] = v.bytes.length;
    batch.wirelens[i] = v.wireLength;
    at += v.bytes.length;
  });
  if (options) batch.metas = views.map((v) => v.meta);
  return batch;
}

function view(p: CapturePacket, options: PacketOptions | undefined) {
  if (!options) return { bytes: p.bytes, wireLength: p.wireLength, meta: undefined };
  return filterView(p, options).context;
}
