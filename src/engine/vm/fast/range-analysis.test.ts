// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn } from '../../isa/insn.ts';
import { xUpperBounds } from './range-analysis.ts';

const MAX = 0xffffffff;

describe('xUpperBounds', () => {
  it('ldxb 4*([k]&0xf) bounds X by 60: the usual [x + 14] needs no overflow path', () => {
    const p: Insn[] = [
      { op: 'ldx', mode: 'msh', k: 14 },
      { op: 'ld', mode: 'ind', size: 2, k: 14 },
      { op: 'ret', src: 'a' },
    ];
    expect([...xUpperBounds(p)]).toEqual([0, 60, 60]);
  });

  it('joins the states of both branches at a jump target (the larger bound wins)', () => {
    const p: Insn[] = [
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 0, jf: 2 },
      { op: 'ldx', mode: 'imm', k: 1000 },
      { op: 'ja', k: 1 },
      { op: 'ldx', mode: 'msh', k: 0 },
      { op: 'ret', src: 'a' },
    ];
    expect(xUpperBounds(p)[4]).toBe(1000);
    expect(xUpperBounds(p)[3]).toBe(0); // reached only from pc 0, where X = 0
  });

  it('follows A through loads, masks and tax, and scratch through st/ldx M[k]', () => {
    const p: Insn[] = [
      { op: 'ld', mode: 'abs', size: 1, k: 0 },
      { op: 'tax' },
      { op: 'ld', mode: 'abs', size: 4, k: 0 },
      { op: 'alu', alu: 'and', src: 'k', k: 0x3ff },
      { op: 'st', k: 3 },
      { op: 'ldx', mode: 'mem', k: 3 },
      { op: 'ldx', mode: 'len' },
      { op: 'ret', src: 'a' },
    ];
    const b = xUpperBounds(p);
    expect(b[2]).toBe(255);
    expect(b[6]).toBe(0x3ff);
    expect(b[7]).toBe(MAX);
  });

  it('gives up (MAX) where arithmetic can wrap', () => {
    const p: Insn[] = [
      { op: 'ld', mode: 'abs', size: 1, k: 0 },
      { op: 'alu', alu: 'sub', src: 'k', k: 1 },
      { op: 'tax' },
      { op: 'ret', src: 'a' },
    ];
    expect(xUpperBounds(p)[3]).toBe(MAX);
  });

  it('unreachable instructions and those after an invalid one keep bound 0', () => {
    const p: Insn[] = [
      { op: 'ldx', mode: 'imm', k: 7 },
      { op: 'raw', code: 0xff, jt: 0, jf: 0, k: 0 },
      { op: 'ret', src: 'a' },
    ];
    expect([...xUpperBounds(p)]).toEqual([0, 7, 0]);
  });
});
