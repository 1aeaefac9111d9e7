// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { AluOp } from '../isa/insn.ts';
import { aluCompute, DIVIDE_BY_ZERO, negate, shiftCount } from './alu.ts';
import { asm, exec, packet, SEMANTICS } from './test-helpers.ts';

const empty = packet('');

/** `A = a; X = x; A <op>= k|x; ret a` */
function aluProgram(op: AluOp, a: number, operand: number, src: 'k' | 'x') {
  return src === 'k'
    ? asm(`ld #${a}\n${op} #${operand}\nret a`)
    : asm(`ld #${a}\nldx #${operand}\n${op} x\nret a`);
}

describe('alu: the same in both semantics', () => {
  const cases: [AluOp, number, number, number][] = [
    ['add', 1, 2, 3],
    ['add', 0xffffffff, 1, 0],
    ['add', 0x80000000, 0x80000000, 0],
    ['sub', 5, 3, 2],
    ['sub', 0, 1, 0xffffffff],
    ['mul', 6, 7, 42],
    ['mul', 0x10000, 0x10000, 0],
    ['mul', 0xffffffff, 0xffffffff, 1],
    ['mul', 0x12345678, 0x9abcdef, Number((0x12345678n * 0x9abcdefn) & 0xffffffffn)],
    ['div', 7, 2, 3],
    ['div', 0xffffffff, 1, 0xffffffff],
    ['div', 0xffffffff, 0xfffffffe, 1],
    ['div', 0xfffffffe, 0xffffffff, 0],
    ['div', 0x80000000, 3, 0x2aaaaaaa],
    ['mod', 7, 3, 1],
    ['mod', 0xffffffff, 0x10, 0xf],
    ['mod', 0x80000000, 0xffffffff, 0x80000000],
    ['and', 0xf0f0f0f0, 0xff00ff00, 0xf000f000],
    ['or', 0xf0f0f0f0, 0x0f0f0f0f, 0xffffffff],
    ['xor', 0xffffffff, 0x0f0f0f0f, 0xf0f0f0f0],
    ['lsh', 1, 31, 0x80000000],
    ['lsh', 0xffffffff, 4, 0xfffffff0],
    ['rsh', 0x80000000, 31, 1],
    ['rsh', 0xffffffff, 28, 0xf],
    ['lsh', 5, 0, 5],
  ];
  for (const semantics of SEMANTICS) {
    it.each(cases)(`${semantics}: %s %d, %d = %d (k and x)`, (op, a, b, want) => {
      expect(exec(aluProgram(op, a, b, 'k'), empty, semantics).verdict).toBe(want);
      expect(exec(aluProgram(op, a, b, 'x'), empty, semantics).verdict).toBe(want);
    });
  }

  it.each(SEMANTICS)('%s: neg is two’s complement', (semantics) => {
    for (const [a, want] of [
      [0, 0],
      [1, 0xffffffff],
      [0x80000000, 0x80000000],
      [0xffffffff, 1],
      [5, 0xfffffffb],
    ] as const) {
      expect(exec(asm(`ld #${a}\nneg\nret a`), empty, semantics).verdict).toBe(want);
    }
  });

  it.each(SEMANTICS)('%s: div and mod by X = 0 return 0 from the program', (semantics) => {
    for (const op of ['div', 'mod'] as const) {
      const result = exec(asm(`ld #7\nldx #0\n${op} x\nret #99`), empty, semantics);
      expect(result).toMatchObject({ verdict: 0, end: 'divide-by-zero' });
      expect(result.steps).toHaveLength(3);
      expect(result.steps[2]).toMatchObject({ pc: 2, aAfter: 7, verdict: 0, end: 'divide-by-zero' });
    }
  });

  it.each(SEMANTICS)('%s: a constant divisor of 0 (checkers reject it) also returns 0', (semantics) => {
    for (const op of ['div', 'mod'] as const) {
      const insns = [
        { op: 'ld', mode: 'imm', k: 7 } as const,
        { op: 'alu', alu: op, src: 'k', k: 0 } as const,
      ];
      expect(exec([...insns, { op: 'ret', src: 'a' }], empty, semantics)).toMatchObject({
        verdict: 0,
        end: 'divide-by-zero',
      });
    }
  });

  it.each(SEMANTICS)('%s: the k of an X-sourced op is ignored', (semantics) => {
    const insns = asm('ld #10\nldx #3\nadd x\nret a');
    insns[2] = { op: 'alu', alu: 'add', src: 'x', k: 1000 };
    expect(exec(insns, empty, semantics).verdict).toBe(13);
  });
});

describe('alu: shifts', () => {
  it('linux masks a shift by X >= 32 with & 31 (kernel/bpf/core.c; reference §6: 5<<32 = 5)', () => {
    expect(exec(aluProgram('lsh', 5, 32, 'x'), empty, 'linux').verdict).toBe(5);
    expect(exec(aluProgram('lsh', 1, 33, 'x'), empty, 'linux').verdict).toBe(2);
    expect(exec(aluProgram('rsh', 0x30, 36, 'x'), empty, 'linux').verdict).toBe(3);
    expect(exec(aluProgram('lsh', 1, 0xffffffff, 'x'), empty, 'linux').verdict).toBe(0x80000000);
  });

  it('libpcap gives A = 0 for a shift by X >= 32 (bpf_filter.c since db833b99)', () => {
    expect(exec(aluProgram('lsh', 5, 32, 'x'), empty, 'libpcap').verdict).toBe(0);
    expect(exec(aluProgram('lsh', 1, 33, 'x'), empty, 'libpcap').verdict).toBe(0);
    expect(exec(aluProgram('rsh', 0x30, 36, 'x'), empty, 'libpcap').verdict).toBe(0);
    expect(exec(aluProgram('rsh', 0xffffffff, 0xffffffff, 'x'), empty, 'libpcap').verdict).toBe(0);
    // ... while shifts by X < 32 are ordinary.
    expect(exec(aluProgram('lsh', 5, 31, 'x'), empty, 'libpcap').verdict).toBe(0x80000000);
  });

  it('linux masks a constant shift >= 32 (the checker rejects it; the interpreter/JIT would mask)', () => {
    expect(exec(aluProgram('lsh', 1, 32, 'k'), empty, 'linux').verdict).toBe(1);
    expect(exec(aluProgram('lsh', 1, 33, 'k'), empty, 'linux').verdict).toBe(2);
    expect(exec(aluProgram('rsh', 0x30, 36, 'k'), empty, 'linux').verdict).toBe(3);
  });

  it('libpcap masks a constant shift >= 32 as its x86-64/arm64 builds do (C `<<` by k, UB in C)', () => {
    // Verified against libpcap 1.10.3 bpf_filter() on x86-64: 1<<32 = 1, 1<<33 = 2, 0x30>>36 = 3,
    // 5<<0xffffffff = 0x80000000.
    expect(exec(aluProgram('lsh', 1, 32, 'k'), empty, 'libpcap').verdict).toBe(1);
    expect(exec(aluProgram('lsh', 1, 33, 'k'), empty, 'libpcap').verdict).toBe(2);
    expect(exec(aluProgram('rsh', 0x30, 36, 'k'), empty, 'libpcap').verdict).toBe(3);
    expect(exec(aluProgram('lsh', 5, 0xffffffff, 'k'), empty, 'libpcap').verdict).toBe(0x80000000);
  });

  it('shiftCount names the rule directly', () => {
    expect(shiftCount(33, 'x', 'linux')).toBe(1);
    expect(shiftCount(33, 'x', 'libpcap')).toBe(-1);
    expect(shiftCount(31, 'x', 'libpcap')).toBe(31);
    expect(shiftCount(33, 'k', 'libpcap')).toBe(1);
    expect(shiftCount(0xffffffff, 'k', 'linux')).toBe(31);
  });
});

describe('alu: aluCompute and negate (the functions both run paths share)', () => {
  it('returns DIVIDE_BY_ZERO only for a zero divisor', () => {
    expect(aluCompute('div', 1, 0, 'x', 'linux')).toBe(DIVIDE_BY_ZERO);
    expect(aluCompute('mod', 1, 0, 'k', 'libpcap')).toBe(DIVIDE_BY_ZERO);
    expect(aluCompute('div', 0, 1, 'x', 'linux')).toBe(0);
  });

  it('always returns a u32', () => {
    for (const op of ['add', 'sub', 'mul', 'and', 'or', 'xor', 'lsh', 'rsh'] as const) {
      const v = aluCompute(op, 0xdeadbeef, 0xcafebabe, 'k', 'linux');
      expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
    }
    expect(negate(0)).toBe(0);
    expect(Object.is(negate(0), -0)).toBe(false);
  });
});
