// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { ja, jmp, only, ret, retA, txa } from './testdata/build.ts';

describe('unreachable code (warning)', () => {
  it('warns once per run of dead instructions, naming what cuts them off', () => {
    const ds = only(check([jmp('jeq', 1, 2, 2), txa, txa, jmp('jeq', 1, 1, 1), txa, retA]), CHK.unreachable);
    expect(ds.map((d) => [d.severity, d.pc])).toEqual([
      ['warning', 1],
      ['warning', 4],
    ]);
    expect(ds[0]?.message).toBe(
      'unreachable code: pc 1-2 (2 instructions) are never executed: no jump or fall-through reaches them',
    );
    expect(ds[1]?.message).toContain('pc 4 is never executed');
    expect(ds[1]?.notes[0]).toEqual({ message: 'the jump at pc 3 goes around it', pc: 3 });
  });

  it('notes a `ret` that ends the run before dead code', () => {
    const [d] = only(check([ret(), txa, retA]), CHK.unreachable);
    expect(d?.notes[0]).toEqual({ message: '`ret #0` at pc 0 ends the run before it', pc: 0 });
  });

  it('notes a `ja` that jumps over code', () => {
    const [d] = only(check([ja(1), txa, retA]), CHK.unreachable);
    expect(d?.notes[0]?.message).toBe('`ja` at pc 0 jumps over it');
  });

  it('is silent when everything runs', () => {
    expect(only(check([jmp('jeq', 1, 0, 1), txa, retA]), CHK.unreachable)).toEqual([]);
  });

  it('is not an error: the kernel loads dead code', () => {
    expect(check([ret(), txa, retA]).every((d) => d.severity !== 'error')).toBe(true);
  });
});
