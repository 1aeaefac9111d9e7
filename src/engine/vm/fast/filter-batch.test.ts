// SPDX-License-Identifier: MIT
/**
 * `filterBatch` plumbing: chunking by packets and bytes, caplens cut back to the data, `out`
 * reuse, metadata rows, state reset between packets, and batches read in place (`allocateBatch`).
 */
import { describe, expect, it } from 'vitest';
import type { Insn } from '../../isa/insn.ts';
import { extensionK } from '../../isa/opcodes.ts';
import { run } from '../run.ts';
import type { PacketContext } from '../types.ts';
import { compileFast, type PacketBatch } from './compile-fast.ts';
import { CHUNK_BYTES, CHUNK_PACKETS } from './layout.ts';

const ldAbs = (size: 1 | 2 | 4, k: number): Insn => ({ op: 'ld', mode: 'abs', size, k });
const ldInd = (size: 1 | 2 | 4, k: number): Insn => ({ op: 'ld', mode: 'ind', size, k });
const alu = (op: Extract<Insn, { op: 'alu' }>['alu'], src: 'k' | 'x', k = 0): Insn => ({
  op: 'alu',
  alu: op,
  src,
  k,
});
const retA: Insn = { op: 'ret', src: 'a' };
const retK = (k: number): Insn => ({ op: 'ret', src: 'k', k });

/** 0x00 0x01 0x02 ... : byte i holds i. */
function counting(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i & 0xff);
}

function packet(bytes: Uint8Array, extra: Partial<PacketContext> = {}): PacketContext {
  return { bytes, wireLength: bytes.length, ...extra };
}

/** A batch of packets laid out back to back. */
function batchOf(packets: Uint8Array[], wire?: (i: number) => number): PacketBatch {
  const size = packets.reduce((n, p) => n + p.length, 0);
  const data = new Uint8Array(size);
  const offsets = new Uint32Array(packets.length);
  let at = 0;
  packets.forEach((p, i) => {
    data.set(p, at);
    offsets[i] = at;
    at += p.length;
  });
  return {
    data,
    offsets,
    caplens: Uint32Array.from(packets, (p) => p.length),
    wirelens: Uint32Array.from(packets, (p, i) => wire?.(i) ?? p.length),
  };
}

describe('filterBatch', () => {
  const firstByte = [ldAbs(1, 0), retA];

  it('an empty batch gives an empty result', () => {
    expect(compileFast(firstByte, 'linux').filterBatch(batchOf([])).length).toBe(0);
  });

  it('resets A, X and the scratch cells for every packet', () => {
    // M[0] is read before it is written: 0 on every packet, never the previous packet's value.
    const p: Insn[] = [
      { op: 'ld', mode: 'mem', k: 0 },
      { op: 'tax' },
      ldAbs(1, 0),
      { op: 'st', k: 0 },
      alu('add', 'x'),
      retA,
    ];
    const f = compileFast(p, 'linux');
    expect([...f.filterBatch(batchOf([Uint8Array.of(5), Uint8Array.of(7), Uint8Array.of(9)]))]).toEqual([
      5, 7, 9,
    ]);
  });

  it('cuts a caplen reaching past the data back to the bytes that are there', () => {
    const batch = batchOf([counting(4), counting(4)]);
    batch.caplens[1] = 100;
    const f = compileFast([{ op: 'ld', mode: 'abs', size: 4, k: 0 }, retK(1)], 'libpcap');
    expect([...f.filterBatch(batch)]).toEqual([1, 1]);
    const g = compileFast([ldAbs(1, 4), retK(1)], 'libpcap');
    expect([...g.filterBatch(batch)]).toEqual([0, 0]);
  });

  it('writes into `out` when it is long enough and returns it', () => {
    const out = new Uint32Array(5).fill(77);
    const result = compileFast(firstByte, 'linux').filterBatch(
      batchOf([Uint8Array.of(3), Uint8Array.of(4)]),
      out,
    );
    expect(result).toBe(out);
    expect([...out]).toEqual([3, 4, 77, 77, 77]);
  });

  it(`splits more than ${CHUNK_PACKETS} packets into chunks`, () => {
    const packets = Array.from({ length: CHUNK_PACKETS * 2 + 17 }, (_, i) => Uint8Array.of(i & 0xff, i >> 8));
    const verdicts = compileFast([ldAbs(2, 0), retA], 'linux').filterBatch(batchOf(packets, (i) => i));
    expect(verdicts.length).toBe(packets.length);
    expect(verdicts.every((v, i) => v === (((i & 0xff) << 8) | (i >> 8)))).toBe(true);
  });

  it('splits by bytes too, and grows memory for a packet larger than a chunk', () => {
    const big = (n: number, fill: number) => new Uint8Array(n).fill(fill);
    const packets = [
      big(CHUNK_BYTES / 2 + 1, 1),
      big(CHUNK_BYTES / 2 + 1, 2),
      big(CHUNK_BYTES + 5, 3),
      big(10, 4),
    ];
    const p = [
      { op: 'ld', mode: 'len' } as Insn,
      alu('sub', 'k', 1),
      { op: 'tax' } as Insn,
      ldInd(1, 0),
      retA,
    ];
    expect([...compileFast(p, 'libpcap').filterBatch(batchOf(packets))]).toEqual([1, 2, 3, 4]);
  });

  it('metadata rows per packet, or one shared default row when `metas` is absent', () => {
    const p = [ldAbs(4, extensionK('proto')), retA];
    const batch = batchOf([counting(1), counting(1), counting(1)]);
    const f = compileFast(p, 'linux');
    expect([...f.filterBatch(batch)]).toEqual([0, 0, 0]);
    batch.metas = [{ protocol: 0x800 }, undefined, { protocol: 0x806 }];
    expect([...f.filterBatch(batch)]).toEqual([0x800, 0, 0x806]);
    const shared = { protocol: 0x88cc };
    batch.metas = [shared, shared, shared];
    expect([...f.filterBatch(batch)]).toEqual([0x88cc, 0x88cc, 0x88cc]);
    shared.protocol = 0x8100; // a later call sees the change
    expect([...f.filterBatch(batch)]).toEqual([0x8100, 0x8100, 0x8100]);
  });
});

describe('allocateBatch: batches read in place', () => {
  function fill(batch: PacketBatch, packets: Uint8Array[]): void {
    let at = 0;
    packets.forEach((p, i) => {
      batch.data.set(p, at);
      batch.offsets[i] = at;
      batch.caplens[i] = p.length;
      batch.wirelens[i] = p.length + 1;
      at += p.length;
    });
  }

  it('gives the same verdicts as a copied batch, over several chunks', () => {
    const p = [{ op: 'ld', mode: 'len' } as Insn, { op: 'tax' } as Insn, ldInd(1, 0xfffffffe), retA];
    const packets = Array.from({ length: CHUNK_PACKETS + 100 }, (_, i) => counting(1 + (i % 40)));
    const fast = compileFast(p, 'linux');
    const own = fast.allocateBatch!(
      packets.length,
      packets.reduce((n, q) => n + q.length, 0),
    );
    fill(own, packets);
    const copied = batchOf(packets, (i) => packets[i]!.length + 1);
    const want = packets.map((q) => run(p, packet(q, { wireLength: q.length + 1 }), 'linux').verdict);
    expect([...fast.filterBatch(own)]).toEqual(want);
    expect([...fast.filterBatch(copied)]).toEqual(want);
    expect(want.filter((v) => v !== 0).length).toBeGreaterThan(0);
  });

  it('cuts caplens at the end of its data and reads per-packet metadata', () => {
    const p = [ldAbs(4, extensionK('mark')), { op: 'tax' } as Insn, ldAbs(1, 3), alu('add', 'x'), retA];
    const fast = compileFast(p, 'linux');
    const own = fast.allocateBatch!(3, 9);
    fill(own, [counting(4), counting(4), Uint8Array.of(0)]);
    own.caplens[1] = 1000; // reaches past the data: cut back to the 5 bytes there
    own.caplens[2] = 1000; // only 1 byte there: ldb [3] is out of bounds
    own.metas = [{ mark: 10 }, undefined, { mark: 1 }];
    expect([...fast.filterBatch(own)]).toEqual([13, 3, 0]);
  });

  it('the interpreter fallback allocates a plain batch that works the same way', () => {
    const fast = compileFast([ldAbs(1, 0), retA, { op: 'ja', k: 0xfffffffe }], 'libpcap');
    expect(fast.kind).toBe('interpreter');
    const own = fast.allocateBatch!(2, 2);
    fill(own, [Uint8Array.of(4), Uint8Array.of(6)]);
    expect([...fast.filterBatch(own)]).toEqual([4, 6]);
  });

  it('a batch whose views memory growth detached reads as empty, never as wrong verdicts', () => {
    const fast = compileFast([ldAbs(1, 0), retA], 'linux');
    const own = fast.allocateBatch!(1, 1);
    fill(own, [Uint8Array.of(5)]);
    expect([...fast.filterBatch(own)]).toEqual([5]);
    fast.filter(packet(new Uint8Array(CHUNK_BYTES + 1).fill(9))); // grows memory
    expect(fast.filterBatch(own).length).toBe(0);
  });
});
