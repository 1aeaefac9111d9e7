// SPDX-License-Identifier: MIT
/**
 * Properties of `run` on arbitrary programs (any `Insn`, valid or not: fast-check `arbInsns`) and
 * on seeded corpora of valid ones (`randomProgram`), over arbitrary packets and metadata.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsns } from '../../testkit/arbitrary-insn.ts';
import { createRng, randomPacket, randomProgram } from '../../testkit/random-program.ts';
import type { Insn } from '../isa/insn.ts';
import { initialMachine, makeEnv } from './machine.ts';
import { run } from './run.ts';
import { step } from './step.ts';
import type { PacketContext, PacketMeta, RunResult, Semantics } from './types.ts';

const arbSemantics = fc.constantFrom<Semantics>('linux', 'libpcap');

const arbMeta: fc.Arbitrary<Partial<PacketMeta>> = fc.record(
  {
    protocol: fc.constantFrom(0x0800, 0x86dd, 0x0806, 0),
    vlanPresent: fc.boolean(),
    vlanTci: fc.integer({ min: 0, max: 0xffff }),
    networkOffset: fc.integer({ min: -4, max: 40 }),
    linkOffset: fc.integer({ min: -2, max: 4 }),
    payloadOffset: fc.integer({ min: 0, max: 80 }),
    random: fc.integer({ min: 0, max: 0xffffffff }),
  },
  { requiredKeys: [] },
);

const arbPacket: fc.Arbitrary<PacketContext> = fc
  .record({
    bytes: fc.uint8Array({ maxLength: 96 }),
    extra: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 }), fc.constant(0xffffffff)),
    meta: fc.option(arbMeta, { nil: undefined }),
  })
  .map(({ bytes, extra, meta }) => {
    const p: PacketContext = { bytes, wireLength: Math.min(bytes.length + extra, 0xffffffff) };
    if (meta) p.meta = meta;
    return p;
  });

const RUNS = 400;

/** The trace is a consistent chain of machine states ending where the run says it ends. */
function checkTrace(insns: readonly Insn[], result: RunResult): void {
  const { steps } = result;
  if (steps.length === 0) return;
  expect(steps[0]).toMatchObject({ pc: 0, aBefore: 0, xBefore: 0 });
  const mem = new Array<number>(16).fill(0);
  steps.forEach((s, i) => {
    expect(s.insn).toBe(insns[s.pc]);
    const last = i === steps.length - 1;
    expect(s.end === undefined).toBe(!last);
    expect(s.verdict === undefined).toBe(!last);
    if (s.read?.kind === 'mem') expect(s.read.value).toBe(mem[s.read.index]);
    if (s.memWrite) mem[s.memWrite.index] = s.memWrite.value;
    for (const v of [s.aAfter, s.xAfter]) expect(v >>> 0).toBe(v);
    if (last) return;
    const next = steps[i + 1]!;
    expect(next.aBefore).toBe(s.aAfter);
    expect(next.xBefore).toBe(s.xAfter);
    expect(next.pc).toBe(s.branch ? s.branch.target : s.pc + 1);
  });
  const last = steps.at(-1)!;
  expect(last.verdict).toBe(result.verdict);
  expect(last.end).toBe(result.end);
}

describe('run on arbitrary programs', () => {
  it('never throws; traced and untraced agree; the trace is a consistent chain', () => {
    fc.assert(
      fc.property(arbInsns(24), arbPacket, arbSemantics, (insns, pkt, semantics) => {
        const traced = run(insns, pkt, semantics, { maxSteps: 200 });
        const quick = run(insns, pkt, semantics, { maxSteps: 200, trace: false });
        expect({ verdict: quick.verdict, end: quick.end }).toEqual({
          verdict: traced.verdict,
          end: traced.end,
        });
        expect(quick.steps).toEqual([]);
        expect(traced.verdict >>> 0).toBe(traced.verdict);
        if (traced.end !== 'ret') expect(traced.verdict).toBe(0);
        checkTrace(insns, traced);
      }),
      { numRuns: RUNS },
    );
  });

  it('linux: steps never exceed the program length, and the default limit never cuts a run short', () => {
    fc.assert(
      fc.property(arbInsns(32, { maxJump: 40 }), arbPacket, (insns, pkt) => {
        const result = run(insns, pkt, 'linux');
        expect(result.steps.length).toBeLessThanOrEqual(insns.length);
        expect(result.end).not.toBe('step-limit');
      }),
      { numRuns: RUNS },
    );
  });

  it('libpcap: a run stops at maxSteps', () => {
    fc.assert(
      fc.property(
        arbInsns(16, { maxJump: 8 }),
        arbPacket,
        fc.integer({ min: 0, max: 50 }),
        (insns, pkt, max) => {
          const result = run(insns, pkt, 'libpcap', { maxSteps: max });
          expect(result.steps.length).toBeLessThanOrEqual(max);
          if (result.end === 'step-limit') expect(result.steps).toHaveLength(max);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('step is pure: the same state gives the same result, and states are not mutated', () => {
    fc.assert(
      fc.property(arbInsns(12), arbPacket, arbSemantics, (insns, pkt, semantics) => {
        const env = makeEnv(pkt, semantics);
        let state = initialMachine();
        for (let i = 0; i < 12; i++) {
          const frozen = Object.freeze({ ...state, mem: Object.freeze([...state.mem]) });
          const one = step(insns, frozen, env);
          expect(step(insns, frozen, env)).toEqual(one);
          if (one.halt) break;
          state = one.state;
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe('run on valid programs (seeded corpus)', () => {
  it('traced and untraced agree on 800 programs × 5 packets, and every trace is consistent', () => {
    const rng = createRng(0x5eed);
    const ends = new Map<string, number>();
    for (let i = 0; i < 800; i++) {
      const packets = Array.from({ length: 5 }, () => randomPacket(rng));
      const insns = randomProgram(rng, { packetLengths: packets.map((p) => p.bytes.length) });
      for (const pkt of packets) {
        const meta = rng.chance(0.5) ? { networkOffset: 14, protocol: 0x0800 } : undefined;
        const context: PacketContext = meta ? { ...pkt, meta } : pkt;
        for (const semantics of ['linux', 'libpcap'] as const) {
          const traced = run(insns, context, semantics);
          const quick = run(insns, context, semantics, { trace: false });
          if (quick.verdict !== traced.verdict || quick.end !== traced.end) {
            expect({ insns, semantics, quick, traced: { verdict: traced.verdict, end: traced.end } }).toBe(
              'agreeing',
            );
          }
          if (semantics === 'linux') expect(traced.steps.length).toBeLessThanOrEqual(insns.length);
          ends.set(traced.end, (ends.get(traced.end) ?? 0) + 1);
          if (i % 4 === 0) checkTrace(insns, traced);
        }
      }
    }
    // The corpus reaches the interesting ends, not just `ret`.
    expect(ends.get('ret')).toBeGreaterThan(400);
    expect(ends.get('out-of-bounds')).toBeGreaterThan(40);
    expect(ends.get('divide-by-zero')).toBeGreaterThan(4);
  });
});
