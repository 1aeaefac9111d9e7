// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';
import { type Lowered, lower, Op, SLOTS } from './lower.ts';
import { fixedAbsoluteAddress } from './packet-access.ts';
import { run } from './run.ts';
import { asm, counting, exec, packet, SEMANTICS } from './test-helpers.ts';

/** The op of every instruction, sentinel included. */
const ops = (low: Lowered): number[] =>
  Array.from({ length: low.code.length / SLOTS }, (_, pc) => low.code[pc * SLOTS]!);
/** The pcs an instruction continues at when its test holds and when it does not. */
const targets = (low: Lowered, pc: number): number[] => [
  low.code[pc * SLOTS + 2]! / SLOTS,
  low.code[pc * SLOTS + 3]! / SLOTS,
];

describe('lowering for the untraced loop', () => {
  it('the loop spells every lowered opcode with its number (case N: // name)', () => {
    const source = readFileSync(join(import.meta.dirname, 'run-untraced.ts'), 'utf8');
    const cases = [...source.matchAll(/case (\d+): \/\/ (\w+)/g)].map(([, n, name]) => [name, Number(n)]);
    expect(Object.fromEntries(cases)).toEqual(Op);
    expect(cases).toHaveLength(Object.keys(Op).length);
  });

  it('resolves fixed load addresses ahead of time, and only those', () => {
    expect(fixedAbsoluteAddress(12, 'linux')).toBe(12);
    expect(fixedAbsoluteAddress(0x7fffffff, 'linux')).toBe(0x7fffffff);
    expect(fixedAbsoluteAddress(SKF_NET_OFF + 9, 'linux')).toBeUndefined();
    expect(fixedAbsoluteAddress(SKF_LL_OFF + 9, 'linux')).toBeUndefined();
    expect(fixedAbsoluteAddress(0x80000000, 'linux')).toBeUndefined(); // no address at all
    expect(fixedAbsoluteAddress(SKF_NET_OFF + 9, 'libpcap')).toBe(SKF_NET_OFF + 9);
    expect(fixedAbsoluteAddress(0xffffffff, 'libpcap')).toBe(0xffffffff);
  });

  it('picks an op per behaviour, with the sentinel one past the end', () => {
    const insns: Insn[] = [
      ...asm(
        'ldh [12]\nld #proto\nldb [x + 3]\nldxb 4*([14]&0xf)\nst M[2]\nrsh x\njset #4, a, b\na: ret a\nb: ret #0',
      ),
      { op: 'ld', mode: 'abs', size: 4, k: SKF_NET_OFF },
      { op: 'ret', src: 'x' },
    ];
    const linux = lower(insns, 'linux');
    expect(ops(linux)).toEqual([
      Op.ldH,
      Op.ldExt,
      Op.ldIndB,
      Op.ldxMsh,
      Op.st,
      Op.rshX,
      Op.jsetK,
      Op.retA,
      Op.retK,
      Op.ldAbsW,
      Op.invalid,
      Op.fellOff,
    ]);
    expect(linux.ext[1]).toBe('proto');
    expect(linux.usesMem).toBe(true);
    expect(targets(linux, 6)).toEqual([7, 8]);
    const libpcap = lower(insns, 'libpcap');
    expect(ops(libpcap)[1]).toBe(Op.ldW); // an offset like any other
    expect(ops(libpcap)[9]).toBe(Op.ldW);
    expect(libpcap.code[9 * SLOTS + 1]! >>> 0).toBe(SKF_NET_OFF);
  });

  it('sends every jump out of the program to the sentinel', () => {
    const insns: Insn[] = [
      { op: 'ja', k: 0xfffffffe },
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 200, jf: 0 },
      { op: 'ret', src: 'a' },
    ];
    expect(targets(lower(insns, 'linux'), 0)[0]).toBe(3);
    expect(targets(lower(insns, 'libpcap'), 0)[0]).toBe(3); // back to -1: before the start
    const loop: Insn[] = [
      { op: 'ld', mode: 'imm', k: 0 },
      { op: 'ja', k: 0xfffffffe },
    ];
    expect(targets(lower(loop, 'libpcap'), 1)[0]).toBe(0);
    expect(targets(lower(insns, 'linux'), 1)[0]).toBe(3);
    expect(targets(lower([{ op: 'ja', k: 0xfffffff0 }], 'libpcap'), 0)[0]).toBe(1);
  });
});

describe('fused load + jump ops', () => {
  it('fuse a fixed or [x + k] load with the conditional jump on k after it, and nothing else', () => {
    const insns = asm(
      [
        'ldh [12]', // 0: fused with 1
        'jeq #0x800, l2, drop',
        'l2: ldb [x + 23]', // 2: fused with 3
        'jset #0x40, drop, l4',
        'l4: ld [26]', // 4: not fused: jeq x
        'jeq x, keep, l6',
        'l6: ldh [x + 2]', // 6: not fused: the next is an ALU op
        'add #1',
        'jgt #3, keep, drop',
        'keep: ret #-1',
        'drop: ret #0',
      ].join('\n'),
    );
    expect(ops(lower(insns, 'libpcap'))).toEqual([
      Op.ldHJeq,
      Op.jeqK,
      Op.ldIndBJset,
      Op.jsetK,
      Op.ldW,
      Op.jeqX,
      Op.ldIndH,
      Op.addK,
      Op.jgtK,
      Op.retK,
      Op.retK,
      Op.fellOff,
    ]);
  });

  it.each(SEMANTICS)('%s: a jump into the jump half of a fused pair runs it alone', (semantics) => {
    const insns = asm('ld #7\nja test\nldb [0]\ntest: jeq #7, yes, no\nyes: ret #1\nno: ret #2');
    expect(ops(lower(insns, semantics))[2]).toBe(Op.ldBJeq);
    expect(exec(insns, packet('00'), semantics).verdict).toBe(1);
  });

  it.each(SEMANTICS)(
    '%s: each half counts as a step, and a failed load ends before the jump',
    (semantics) => {
      for (const size of ['ldb', 'ldh', 'ld']) {
        const insns = asm(`${size} [1]\njge #2, yes, no\nyes: ret #1\nno: ret #2`);
        for (const bytes of [counting(8), counting(2)]) {
          for (let maxSteps = 0; maxSteps <= 3; maxSteps++)
            exec(insns, packet(bytes), semantics, { maxSteps });
        }
      }
    },
  );

  it.each(SEMANTICS)('%s: a change to the jump half alone is noticed', (semantics) => {
    const insns = asm('ldb [1]\njeq #1, yes, no\nyes: ret #1\nno: ret #2');
    const pkt = packet(counting(4));
    expect(run(insns, pkt, semantics, { trace: false }).verdict).toBe(1);
    insns[1] = { op: 'jmp', cond: 'jeq', src: 'k', k: 2, jt: 0, jf: 1 };
    expect(run(insns, pkt, semantics, { trace: false }).verdict).toBe(2);
  });

  it('untraced runs share one frozen result per `ret #k` and early end; `ret a` makes its own', () => {
    const insns = asm('ldb [0]\njeq #0, yes, no\nyes: ret #1\nno: ret a');
    const first = run(insns, packet('00'), 'linux', { trace: false });
    expect(first).toEqual({ verdict: 1, end: 'ret', steps: [] });
    expect(Object.isFrozen(first) && Object.isFrozen(first.steps)).toBe(true);
    expect(run(insns, packet('00'), 'linux', { trace: false })).toBe(first);
    const early = run(insns, packet(''), 'linux', { trace: false });
    expect(early).toEqual({ verdict: 0, end: 'out-of-bounds', steps: [] });
    expect(run(insns, packet(''), 'libpcap', { trace: false })).toBe(early);
    const other = run(insns, packet('05'), 'libpcap', { trace: false });
    expect(other).toEqual({ verdict: 5, end: 'ret', steps: [] });
    expect(run(insns, packet('05'), 'libpcap', { trace: false })).not.toBe(other);
  });
});
