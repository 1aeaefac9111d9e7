// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsn, arbRawInsn } from '../../testkit/arbitrary-insn.ts';
import { decode, encode } from '../isa/codec.ts';
import { check, checkRaw } from './check.ts';
import { CHECK_RULES, CHK, ruleTitle } from './codes.ts';
import type { CheckMode } from './context.ts';
import { alu, ja, ldMem, retX, st, summary, wire } from './testdata/build.ts';
import { socketCorpus } from './testdata/corpus.ts';

/** `tcpdump -ddd 'ip and udp port 53'` (reference §7.2). */
const DNS = [
  [40, 0, 0, 12],
  [21, 0, 10, 2048],
  [48, 0, 0, 23],
  [21, 0, 8, 17],
  [40, 0, 0, 20],
  [69, 6, 0, 8191],
  [177, 0, 0, 14],
  [72, 0, 0, 14],
  [21, 2, 0, 53],
  [72, 0, 0, 16],
  [21, 0, 1, 53],
  [6, 0, 0, 262144],
  [6, 0, 0, 0],
].map(([code, jt, jf, k]) => wire(code as number, jt, jf, k));

const MODES: CheckMode[] = ['socket', 'seccomp', 'libpcap'];

describe('check', () => {
  it('finds nothing wrong with what tcpdump compiles', () => {
    expect(checkRaw(DNS)).toEqual([]);
    expect(check(DNS.map(decode))).toEqual([]);
  });

  it('reports every problem, in pc order, not only the first as the kernel does', () => {
    const program = [alu('div', 0), st(20), ldMem(1), ja(9), retX];
    expect(summary(check(program))).toEqual([
      `error ${CHK.divideByZero} @0`,
      `error ${CHK.scratchIndex} @1`,
      `error ${CHK.scratchInit} @2`,
      `error ${CHK.jaRange} @3`,
      `error ${CHK.opcode} @4`,
      `error ${CHK.finalRet} @4`,
      `warning ${CHK.unreachable} @4`,
    ]);
  });

  it('puts program-wide problems first', () => {
    expect(summary(check([]))).toEqual([`error ${CHK.length}`]);
  });

  it('defaults to socket mode', () => {
    expect(check([retX])).toEqual(check([retX], { mode: 'socket' }));
  });

  it('has one catalogue entry per code, each title starting its messages', () => {
    expect(new Set(CHECK_RULES.map((r) => r.code)).size).toBe(Object.keys(CHK).length);
    for (const rule of CHECK_RULES) expect(ruleTitle(rule.code)).toBe(rule.title);
  });

  it('never throws, names its rule, and gives every error a pc-or-program scope and a hint (property)', () => {
    fc.assert(
      fc.property(fc.array(arbRawInsn(), { maxLength: 40 }), fc.constantFrom(...MODES), (raw, mode) => {
        for (const d of checkRaw(raw, { mode })) {
          const rule = CHECK_RULES.find((r) => r.code === d.code);
          expect(rule).toBeDefined();
          expect(d.message.startsWith(`${rule?.title}: `)).toBe(true);
          expect(d.hint).toBeTruthy();
          if (d.pc !== undefined) expect(d.pc).toBeLessThanOrEqual(Math.max(raw.length - 1, 4096));
        }
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('judges typed programs like their encoding (property)', () => {
    fc.assert(
      fc.property(fc.array(arbInsn({ maxJump: 10 }), { minLength: 1, maxLength: 20 }), (insns) => {
        expect(check(insns)).toEqual(checkRaw(insns.map(encode)));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('judges a decoded program like its wire form (decode drops only fields the kernel ignores)', () => {
    for (const mode of MODES) {
      for (const p of socketCorpus(0xdec0de, 300))
        expect(check(p.map(decode), { mode })).toEqual(checkRaw(p, { mode }));
    }
  });
});
