// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { jmp, only, ret, txa } from './testdata/build.ts';

describe('rule 7: conditional jump targets', () => {
  it('accepts targets up to the last instruction', () => {
    expect(only(check([jmp('jeq', 1, 1, 0), txa, ret()]), CHK.jumpTarget)).toEqual([]);
  });

  it('names each branch that leaves the program', () => {
    const [d] = only(check([jmp('jgt', 1, 10, 20), txa, ret()]), CHK.jumpTarget);
    expect(d?.message).toBe(
      'jump target out of range: `jgt` at pc 0: jt = 10 targets pc 11 and jf = 20 targets pc 21, past the last instruction (pc 2)',
    );
    expect(d?.hint).toBe('jt and jf count from the next instruction: at pc 0 they can be at most 1');
  });

  it('reports only the bad branch', () => {
    const [d] = only(check([jmp('jset', 1, 0, 2), txa, ret()]), CHK.jumpTarget);
    expect(d?.message).toContain('jf = 2 targets pc 3');
    expect(d?.message).not.toContain('jt =');
  });

  it('says a conditional jump cannot be last', () => {
    const [d] = only(check([ret(), jmp('jeq', 0, 0, 0)]), CHK.jumpTarget);
    expect(d?.hint).toContain('cannot be the last instruction');
  });
});
