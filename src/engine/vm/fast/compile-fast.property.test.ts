// SPDX-License-Identifier: MIT
/**
 * Differential property tests: the wasm translation returns exactly what the interpreter returns
 * (`run(...).verdict`), one packet at a time and over whole batches, in both semantics. Programs
 * come from our own generator of valid forward-jump programs (weighted towards the edges: loads at
 * the packet's end, shifts by X >= 32, X = 0 divisors, jumps of every length, extensions and
 * negative offsets) and from the shared `arbInsn` (anything at all, invalid instructions included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsns } from '../../../testkit/arbitrary-insn.ts';
import { createRng, randomFrame } from '../../../testkit/random-program.ts';
import type { AluOp, Insn, JumpCond, Size } from '../../isa/insn.ts';
import {
  EXTENSION_OFFSETS,
  type ExtensionName,
  extensionK,
  SKF_LL_OFF,
  SKF_NET_OFF,
} from '../../isa/opcodes.ts';
import { run } from '../run.ts';
import type { PacketContext, PacketMeta, Semantics } from '../types.ts';
import { compileFast, type FastFilter, type PacketBatch } from './compile-fast.ts';

const SEMANTICS: Semantics[] = ['linux', 'libpcap'];
/** Captured lengths the packets favour, so offsets near them hit the bounds checks' edges. */
const EDGE_LENGTHS = [0, 1, 2, 3, 4, 5, 13, 14, 15, 20, 34, 42, 54, 60, 64];
const EXTENSIONS = Object.keys(EXTENSION_OFFSETS) as ExtensionName[];
const ALU: AluOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'];
const CONDS: JumpCond[] = ['jeq', 'jgt', 'jge', 'jset'];

// ---------------------------------------------------------------------------------------------
// Programs. A "snippet" is one or a few instructions; jumps carry a seed that becomes an
// in-range offset once the program's length is known.

type Draft =
  | Insn
  | { op: 'jmp-draft'; cond: JumpCond; src: 'k' | 'x'; k: number; t: number; f: number }
  | { op: 'ja-draft'; s: number };

const arbOffset: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 12 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...EDGE_LENGTHS), fc.integer({ min: -5, max: 2 }))
      .map(([l, d]) => Math.max(0, l + d)),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 0, max: 1600 }), weight: 1 },
  { arbitrary: fc.constantFrom(0x7ffffffc, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 70 }).map((n) => (SKF_NET_OFF + n) >>> 0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 70 }).map((n) => (SKF_LL_OFF + n) >>> 0), weight: 1 },
);
const arbValue: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1, 2, 4, 14, 31, 32, 33, 36, 63, 0x800, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
  fc.integer({ min: 0, max: 0xffffffff }),
);
/** Values for X before an indirect load: small, near the 32-bit wrap, or at the negative bases. */
const arbIndexX: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 70 }), weight: 6 },
  { arbitrary: fc.constantFrom(0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffe, 0xffffffff), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => (SKF_NET_OFF + n) >>> 0), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => (SKF_LL_OFF + n) >>> 0), weight: 1 },
);
const arbSize = fc.constantFrom<Size>(1, 2, 4);
const arbCell = fc.integer({ min: 0, max: 15 });
const seed = fc.nat();

const arbSnippet: fc.Arbitrary<Draft[]> = fc.oneof(
  {
    arbitrary: fc
      .record({ size: arbSize, k: arbOffset })
      .map(({ size, k }): Draft[] => [{ op: 'ld', mode: 'abs', size, k }]),
    weight: 6,
  },
  {
    arbitrary: fc
      .record({
        x: fc.option(fc.oneof(arbIndexX, fc.constant<'len'>('len'))),
        size: arbSize,
        k: fc.oneof(fc.integer({ min: 0, max: 40 }), arbOffset),
      })
      .map(({ x, size, k }): Draft[] => [
        // X from #len is never bounded statically: the 64-bit / negative-offset paths run.
        ...(x === null
          ? []
          : x === 'len'
            ? [{ op: 'ldx', mode: 'len' } as const]
            : [{ op: 'ldx', mode: 'imm', k: x } as const]),
        { op: 'ld', mode: 'ind', size, k },
      ]),
    weight: 5,
  },
  { arbitrary: arbOffset.map((k): Draft[] => [{ op: 'ldx', mode: 'msh', k }]), weight: 2 },
  { arbitrary: arbValue.map((k): Draft[] => [{ op: 'ld', mode: 'imm', k }]), weight: 2 },
  {
    arbitrary: fc.oneof(arbIndexX, arbValue).map((k): Draft[] => [{ op: 'ldx', mode: 'imm', k }]),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom<Draft[]>([{ op: 'ld', mode: 'len' }], [{ op: 'ldx', mode: 'len' }]),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ op: fc.constantFrom('st', 'stx', 'ld', 'ldx'), k: arbCell })
      .map(({ op, k }): Draft[] => [op === 'st' || op === 'stx' ? { op, k } : { op, mode: 'mem', k }]),
    weight: 3,
  },
  {
    // ALU with a constant: no constant zero divisor, no constant shift >= 32 (both checkers' rules).
    arbitrary: fc.record({ alu: fc.constantFrom(...ALU), k: arbValue }).map(({ alu, k }): Draft[] => {
      let kk = k;
      if ((alu === 'div' || alu === 'mod') && kk === 0) kk = 3;
      if (alu === 'lsh' || alu === 'rsh') kk &= 31;
      return [{ op: 'alu', alu, src: 'k', k: kk }];
    }),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(...ALU).map((alu): Draft[] => [{ op: 'alu', alu, src: 'x', k: 0 }]),
    weight: 2,
  },
  {
    // Shifts by X >= 32: masked by Linux, zero for libpcap.
    arbitrary: fc
      .record({
        x: fc.constantFrom(31, 32, 33, 36, 63, 64, 0x80000000, 0xffffffff),
        alu: fc.constantFrom<AluOp>('lsh', 'rsh'),
      })
      .map(({ x, alu }): Draft[] => [
        { op: 'ldx', mode: 'imm', k: x },
        { op: 'alu', alu, src: 'x', k: 0 },
      ]),
    weight: 2,
  },
  {
    // Division and modulo by X = 0 at run time: return 0.
    arbitrary: fc.constantFrom<AluOp>('div', 'mod').map((alu): Draft[] => [
      { op: 'ldx', mode: 'imm', k: 0 },
      { op: 'alu', alu, src: 'x', k: 0 },
    ]),
    weight: 1,
  },
  { arbitrary: fc.constantFrom<Draft[]>([{ op: 'neg' }], [{ op: 'tax' }], [{ op: 'txa' }]), weight: 2 },
  {
    arbitrary: fc
      .constantFrom(...EXTENSIONS)
      .map((ext): Draft[] => [{ op: 'ld', mode: 'abs', size: 4, k: extensionK(ext) }]),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({
        cond: fc.constantFrom(...CONDS),
        src: fc.constantFrom<'k' | 'x'>('k', 'x'),
        k: arbValue,
        t: seed,
        f: seed,
      })
      .map(({ cond, src, k, t, f }): Draft[] => [
        { op: 'jmp-draft', cond, src, k: src === 'x' ? 0 : k, t, f },
      ]),
    weight: 5,
  },
  { arbitrary: seed.map((s): Draft[] => [{ op: 'ja-draft', s }]), weight: 1 },
  {
    // A ret in the middle of the program (some code after it is then reachable only by jumps).
    arbitrary: fc
      .oneof(
        arbValue.map((k): Insn => ({ op: 'ret', src: 'k', k })),
        fc.constant<Insn>({ op: 'ret', src: 'a' }),
      )
      .map((r): Draft[] => [r]),
    weight: 1,
  },
);

/** A jump offset in [0, max] from a seed: 0 and the farthest target often, short hops mostly. */
function offsetFrom(s: number, max: number): number {
  if (max <= 0) return 0;
  const pick = s % 10;
  if (pick === 0) return max;
  if (pick <= 2) return 0;
  if (pick <= 6) return (s >>> 4) % Math.min(max + 1, 4);
  return (s >>> 4) % (max + 1);
}

function finish(drafts: readonly Draft[], last: Insn): Insn[] {
  const n = drafts.length + 1;
  const insns = drafts.map((d, pc): Insn => {
    const room = n - pc - 2; // farthest in-range offset
    if (d.op === 'jmp-draft') {
      const max = Math.min(255, room);
      return {
        op: 'jmp',
        cond: d.cond,
        src: d.src,
        k: d.k,
        jt: offsetFrom(d.t, max),
        jf: offsetFrom(d.f, max),
      };
    }
    if (d.op === 'ja-draft') return { op: 'ja', k: offsetFrom(d.s, room) };
    return d;
  });
  insns.push(last);
  return insns;
}

/** A valid program: forward jumps inside it, last instruction a ret; 1..~60 or 257..300 insns. */
const arbValidProgram: fc.Arbitrary<Insn[]> = fc
  .record({
    snippets: fc.oneof(
      { arbitrary: fc.array(arbSnippet, { minLength: 0, maxLength: 3 }), weight: 3 },
      { arbitrary: fc.array(arbSnippet, { minLength: 4, maxLength: 30, size: 'max' }), weight: 16 },
      { arbitrary: fc.array(arbSnippet, { minLength: 170, maxLength: 200, size: 'max' }), weight: 1 },
    ),
    last: fc.oneof(
      arbValue.map((k): Insn => ({ op: 'ret', src: 'k', k })),
      fc.constant<Insn>({ op: 'ret', src: 'a' }),
    ),
  })
  .map(({ snippets, last }) => finish(snippets.flat(), last));

// ---------------------------------------------------------------------------------------------
// Packets.

const arbBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 3 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...EDGE_LENGTHS), fc.nat())
      .map(([len, s]) => Uint8Array.from({ length: len }, (_, i) => (s + i * 37) & 0xff)),
    weight: 2,
  },
  { arbitrary: fc.uint8Array({ minLength: 4, maxLength: 120, size: 'max' }), weight: 2 },
  { arbitrary: fc.nat().map((s) => randomFrame(createRng(s))), weight: 5 },
);

const arbMeta: fc.Arbitrary<Partial<PacketMeta> | undefined> = fc.option(
  fc.record(
    {
      protocol: arbValue,
      pktType: arbValue,
      ifindex: arbValue,
      mark: arbValue,
      queue: arbValue,
      hatype: arbValue,
      rxhash: arbValue,
      cpu: arbValue,
      random: arbValue,
      vlanPresent: fc.boolean(),
      vlanTci: arbValue,
      vlanTpid: arbValue,
      networkOffset: fc.oneof(fc.integer({ min: 0, max: 70 }), fc.constantFrom(-3, 1600, 0x7fffffff)),
      linkOffset: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(-2, 5000)),
      payloadOffset: fc.integer({ min: 0, max: 100 }),
    },
    { requiredKeys: [] },
  ),
  { freq: 3 },
);

const arbPacket: fc.Arbitrary<PacketContext> = fc
  .record({
    bytes: arbBytes,
    extra: fc.oneof(
      fc.constant(0),
      fc.constant(0),
      fc.integer({ min: 1, max: 1600 }),
      fc.constantFrom(-1, 0x7fffffff),
    ),
    meta: arbMeta,
  })
  .map(({ bytes, extra, meta }) => {
    const wireLength = extra === -1 ? 0xffffffff : bytes.length + extra;
    return meta ? { bytes, wireLength, meta } : { bytes, wireLength };
  });

// ---------------------------------------------------------------------------------------------

function expectSame(insns: readonly Insn[], packets: readonly PacketContext[], semantics: Semantics): void {
  const fast = compileFast(insns, semantics);
  const usesNetlink = insns.some(
    (i) => i.op === 'ld' && i.mode === 'abs' && (i.k === extensionK('nla') || i.k === extensionK('nlan')),
  );
  if (!(semantics === 'linux' && usesNetlink)) expect(fast.kind).toBe('wasm');
  for (const packet of packets) {
    expect(fast.filter(packet)).toBe(run(insns, packet, semantics).verdict);
  }
}

describe('compileFast equals run on valid programs', () => {
  for (const semantics of SEMANTICS) {
    it(`${semantics}: one packet at a time`, () => {
      fc.assert(
        fc.property(
          arbValidProgram,
          fc.array(arbPacket, { minLength: 1, maxLength: 8 }),
          (insns, packets) => {
            expectSame(insns, packets, semantics);
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});

describe('compileFast equals run on arbitrary instruction lists', () => {
  for (const semantics of SEMANTICS) {
    it(`${semantics}: invalid opcodes, ret x, M[16+], jumps off the end, backward ja`, () => {
      fc.assert(
        fc.property(arbInsns(24), fc.array(arbPacket, { minLength: 1, maxLength: 6 }), (insns, packets) => {
          const fast = compileFast(insns, semantics);
          for (const packet of packets)
            expect(fast.filter(packet)).toBe(run(insns, packet, semantics).verdict);
        }),
        { numRuns: 300 },
      );
    });
  }
});

/** Lay packets out in one buffer in a shuffled order with gaps, as a capture's records might be. */
function layOut(packets: readonly PacketContext[], order: readonly number[], gap: number): PacketBatch {
  const offsets = new Uint32Array(packets.length);
  let size = 0;
  for (const i of order) {
    offsets[i] = size;
    size += packets[i]!.bytes.length + gap;
  }
  const data = new Uint8Array(size);
  packets.forEach((p, i) => {
    data.set(p.bytes, offsets[i]!);
  });
  return {
    data,
    offsets,
    caplens: Uint32Array.from(packets, (p) => p.bytes.length),
    wirelens: Uint32Array.from(packets, (p) => p.wireLength >>> 0),
    metas: packets.map((p) => p.meta),
  };
}

/** The same batch copied into the filter's own memory (`allocateBatch`: read in place). */
function inPlace(fast: FastFilter, batch: PacketBatch): PacketBatch {
  const own = fast.allocateBatch!(batch.offsets.length, batch.data.length);
  own.data.set(batch.data);
  own.offsets.set(batch.offsets);
  own.caplens.set(batch.caplens);
  own.wirelens.set(batch.wirelens);
  if (batch.metas) own.metas = batch.metas;
  return own;
}

describe('filterBatch equals per-packet results', () => {
  for (const semantics of SEMANTICS) {
    it(`${semantics}: shuffled layout, gaps, metadata per packet or none, copied or in place`, () => {
      const arbBatch = fc.array(arbPacket, { minLength: 0, maxLength: 30 }).chain((packets) =>
        fc.record({
          packets: fc.constant(packets),
          order: fc.shuffledSubarray(
            packets.map((_, i) => i),
            { minLength: packets.length, maxLength: packets.length },
          ),
          gap: fc.integer({ min: 0, max: 5 }),
          withMeta: fc.boolean(),
          own: fc.boolean(),
        }),
      );
      fc.assert(
        fc.property(arbValidProgram, arbBatch, (insns, { packets, order, gap, withMeta, own }) => {
          const fast = compileFast(insns, semantics);
          let batch = layOut(packets, order, gap);
          if (!withMeta) delete batch.metas;
          if (own) batch = inPlace(fast, batch);
          const expected = packets.map(
            (p) => run(insns, withMeta ? p : { bytes: p.bytes, wireLength: p.wireLength }, semantics).verdict,
          );
          expect([...fast.filterBatch(batch)]).toEqual(expected);
          // A second batch through the same instance: nothing from the first one leaks.
          const again = fast.filterBatch(batch, new Uint32Array(packets.length + 2));
          expect([...again].slice(0, packets.length)).toEqual(expected);
        }),
        { numRuns: 200 },
      );
    });
  }
});
