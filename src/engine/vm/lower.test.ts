// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';
import { lower, Op } from './lower.ts';
import { fixedAbsoluteAddress } from './packet-access.ts';
import { asm } from './test-helpers.ts';

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
    expect([...linux.op]).toEqual([
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
    expect([linux.whenTrue[6], linux.whenFalse[6]]).toEqual([7, 8]);
    const libpcap = lower(insns, 'libpcap');
    expect(libpcap.op[1]).toBe(Op.ldW); // an offset like any other
    expect(libpcap.op[9]).toBe(Op.ldW);
    expect(libpcap.k[9]).toBe(SKF_NET_OFF);
  });

  it('sends every jump out of the program to the sentinel', () => {
    const insns: Insn[] = [
      { op: 'ja', k: 0xfffffffe },
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 200, jf: 0 },
      { op: 'ret', src: 'a' },
    ];
    expect(lower(insns, 'linux').whenTrue[0]).toBe(3);
    expect(lower(insns, 'libpcap').whenTrue[0]).toBe(3); // back to -1: before the start
    const loop: Insn[] = [
      { op: 'ld', mode: 'imm', k: 0 },
      { op: 'ja', k: 0xfffffffe },
    ];
    expect(lower(loop, 'libpcap').whenTrue[1]).toBe(0);
    expect(lower(insns, 'linux').whenTrue[1]).toBe(3);
    expect(lower([{ op: 'ja', k: 0xfffffff0 }], 'libpcap').whenTrue[0]).toBe(1);
  });
});
