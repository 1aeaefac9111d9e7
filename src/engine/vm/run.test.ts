// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { lowerCached } from './lower.ts';
import { defaultMaxSteps, LIBPCAP_MIN_STEPS, prepareRun, run } from './run.ts';
import { asm, counting, packet, SEMANTICS } from './test-helpers.ts';

const pkt = packet(counting(32));

describe('run options', () => {
  it('default step limit: the program length for linux, a generous floor for libpcap', () => {
    expect(defaultMaxSteps(10, 'linux')).toBe(10);
    expect(defaultMaxSteps(10, 'libpcap')).toBe(LIBPCAP_MIN_STEPS);
    expect(defaultMaxSteps(10_000, 'libpcap')).toBe(160_000);
  });

  it.each(SEMANTICS)(
    '%s: maxSteps below the path length ends with step-limit on the last step',
    (semantics) => {
      const insns = asm('ld #1\nld #2\nld #3\nret a');
      for (const trace of [true, false]) {
        const result = run(insns, pkt, semantics, { maxSteps: 2, trace });
        expect(result).toMatchObject({ verdict: 0, end: 'step-limit' });
        if (trace) {
          expect(result.steps).toHaveLength(2);
          expect(result.steps[1]).toMatchObject({ pc: 1, aAfter: 2, verdict: 0, end: 'step-limit' });
          expect(result.steps[0]!.end).toBeUndefined();
        }
      }
      expect(run(insns, pkt, semantics, { maxSteps: 4 })).toMatchObject({ verdict: 3, end: 'ret' });
    },
  );

  it.each(SEMANTICS)('%s: maxSteps 0 runs nothing; NaN means the default', (semantics) => {
    const insns = asm('ret #5');
    expect(run(insns, pkt, semantics, { maxSteps: 0 })).toEqual({ verdict: 0, end: 'step-limit', steps: [] });
    expect(run(insns, pkt, semantics, { maxSteps: 0, trace: false })).toEqual({
      verdict: 0,
      end: 'step-limit',
      steps: [],
    });
    expect(run(insns, pkt, semantics, { maxSteps: Number.NaN }).verdict).toBe(5);
  });

  it.each(SEMANTICS)('%s: trace false returns no steps and the same outcome', (semantics) => {
    const insns = asm('ldb [3]\nadd #1\nret a');
    expect(run(insns, pkt, semantics, { trace: false })).toEqual({ verdict: 4, end: 'ret', steps: [] });
    expect(run(insns, pkt, semantics).steps).toHaveLength(3);
  });

  it.each(SEMANTICS)('%s: the untraced path notices a program array changed in place', (semantics) => {
    const insns: Insn[] = asm('ret #1');
    expect(run(insns, pkt, semantics, { trace: false }).verdict).toBe(1);
    insns[0] = { op: 'ret', src: 'k', k: 2 };
    expect(run(insns, pkt, semantics, { trace: false }).verdict).toBe(2);
    insns.unshift({ op: 'ld', mode: 'imm', k: 0 });
    expect(run(insns, pkt, semantics, { trace: false }).verdict).toBe(2);
  });

  it('the untraced path lowers a program once and reuses it', () => {
    const insns = asm('ldh [12]\njeq #0x800, yes, no\nyes: ret #1\nno: ret #0');
    const first = lowerCached(insns, 'linux');
    expect(lowerCached(insns, 'linux')).toBe(first);
    expect(lowerCached(insns, 'libpcap')).not.toBe(first);
    expect(lowerCached(insns, 'linux')).toBe(first);
  });

  it.each(SEMANTICS)('%s: prepareRun gives what run(trace: false) gives, from a snapshot', (semantics) => {
    const insns: Insn[] = asm('ldb [1]\nldx #32\nlsh x\nadd #5\nret a');
    const runner = prepareRun(insns, semantics);
    expect(runner(pkt)).toEqual(run(insns, pkt, semantics, { trace: false }));
    insns[4] = { op: 'ret', src: 'k', k: 0 };
    expect(runner(pkt).verdict).toBe(semantics === 'linux' ? 6 : 5);
    expect(prepareRun(insns, semantics, { maxSteps: 1 })(pkt)).toMatchObject({
      verdict: 0,
      end: 'step-limit',
    });
  });

  it('a program array frozen before its first run is trusted; one frozen later is still checked', () => {
    const frozen = Object.freeze(asm('ret #1'));
    expect(run(frozen, pkt, 'linux', { trace: false }).verdict).toBe(1);
    expect(lowerCached(frozen, 'linux').frozen).toBe(true);
    const later: Insn[] = asm('ret #1');
    expect(run(later, pkt, 'linux', { trace: false }).verdict).toBe(1);
    later[0] = { op: 'ret', src: 'k', k: 3 };
    Object.freeze(later);
    expect(lowerCached(later, 'linux').frozen).toBe(false);
    expect(run(later, pkt, 'linux', { trace: false }).verdict).toBe(3);
  });

  it('the same array runs under both semantics without mixing them up', () => {
    const insns = asm('ld #1\nldx #32\nlsh x\nret a');
    for (let i = 0; i < 3; i++) {
      expect(run(insns, pkt, 'linux', { trace: false }).verdict).toBe(1);
      expect(run(insns, pkt, 'libpcap', { trace: false }).verdict).toBe(0);
    }
  });

  it('does not mutate the packet or the program', () => {
    const insns = Object.freeze(asm('ld #7\nst M[0]\nldb [0]\nret a').map((i) => Object.freeze(i)));
    const bytes = counting(4);
    const p = Object.freeze({ bytes, wireLength: 4, meta: Object.freeze({ mark: 1 }) });
    for (const semantics of SEMANTICS) {
      expect(run(insns, p, semantics).verdict).toBe(0);
      expect(run(insns, p, semantics, { trace: false }).verdict).toBe(0);
    }
    expect([...bytes]).toEqual([0, 1, 2, 3]);
  });
});

describe('the trace', () => {
  it('records every step: pc, insn, A/X before and after, reads, writes, branches, verdict', () => {
    const insns = asm('ldh [2]\nst M[1]\nldx #4\njgt x, big, small\nbig: ld #len\nret a\nsmall: ret #0');
    const result = run(insns, packet(counting(8), { wireLength: 60 }), 'linux');
    expect(result).toEqual({
      verdict: 60,
      end: 'ret',
      steps: [
        {
          pc: 0,
          insn: insns[0],
          aBefore: 0,
          xBefore: 0,
          aAfter: 0x0203,
          xAfter: 0,
          read: { kind: 'packet', offset: 2, length: 2 },
        },
        {
          pc: 1,
          insn: insns[1],
          aBefore: 0x0203,
          xBefore: 0,
          aAfter: 0x0203,
          xAfter: 0,
          memWrite: { index: 1, value: 0x0203 },
        },
        { pc: 2, insn: insns[2], aBefore: 0x0203, xBefore: 0, aAfter: 0x0203, xAfter: 4 },
        {
          pc: 3,
          insn: insns[3],
          aBefore: 0x0203,
          xBefore: 4,
          aAfter: 0x0203,
          xAfter: 4,
          branch: { taken: true, target: 4, other: 6, lhs: 0x0203, rhs: 4 },
        },
        {
          pc: 4,
          insn: insns[4],
          aBefore: 0x0203,
          xBefore: 4,
          aAfter: 60,
          xAfter: 4,
          read: { kind: 'len', value: 60 },
        },
        { pc: 5, insn: insns[5], aBefore: 60, xBefore: 4, aAfter: 60, xAfter: 4, verdict: 60, end: 'ret' },
      ],
    });
  });

  it('is structured-cloneable plain data (the worker sends it as is)', () => {
    const result = run(asm('ldb [0]\nret a'), packet('2a'), 'linux');
    expect(structuredClone(result)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
