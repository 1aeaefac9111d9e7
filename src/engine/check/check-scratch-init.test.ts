// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbRawInsn } from '../../testkit/arbitrary-insn.ts';
import { decode } from '../isa/codec.ts';
import type { RawInsn } from '../isa/insn.ts';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import type { CheckContext } from './context.ts';
import { predecessors, successors } from './flow.ts';
import { formatPath, pathWithoutWrite, unwrittenOnEntry } from './scratch-flow.ts';
import { ja, jmp, ldi, ldMem, ldxMem, only, ret, retA, st, stx, txa } from './testdata/build.ts';

describe('rule 10: scratch read before write (check_load_and_stores)', () => {
  it('accepts a read after a write on every path', () => {
    expect(only(check([ldi(1), st(3), jmp('jeq', 1, 0, 1), txa, ldMem(3), retA]), CHK.scratchInit)).toEqual(
      [],
    );
  });

  it('refuses a read that no write precedes', () => {
    const [d] = only(check([ldxMem(2), retA]), CHK.scratchInit);
    expect(d?.message).toBe(
      'scratch read before write: `ldx M[2]` at pc 0 reads M[2], which is not written on every path to it',
    );
    expect(d?.hint).toContain('st M[2]');
  });

  it('refuses a read written on one branch only, and shows the other path', () => {
    const program = [jmp('jeq', 5, 0, 2), ldi(1), st(3), ldMem(3), retA];
    const [d] = only(check(program), CHK.scratchInit);
    expect(d?.pc).toBe(3);
    expect(d?.notes.map((n) => n.message)).toEqual([
      'one path from pc 0 that reaches pc 3 without writing M[3]: 0 → 3',
      '`jeq` at pc 0: the false branch goes to pc 3',
    ]);
    expect(d?.notes[1]?.pc).toBe(0);
  });

  it('follows the kernel into dead code after a `ret` (its scan falls through), and says so', () => {
    const [d] = only(check([ret(1), ldMem(0), retA]), CHK.scratchInit);
    expect(d?.pc).toBe(1);
    expect(d?.notes[1]?.message).toContain('as if it fell through');
  });

  it('does not follow dead code after a `ja` (the scan resets there)', () => {
    expect(only(check([ja(1), ldMem(0), retA]), CHK.scratchInit)).toEqual([]);
  });

  it('reports every bad read; `stx` counts as a write', () => {
    const ds = only(check([stx(1), ldMem(1), ldMem(2), ldxMem(2), retA]), CHK.scratchInit);
    expect(ds.map((d) => d.pc)).toEqual([2, 3]);
  });

  it('warns in libpcap mode, following only real execution (backward jumps too)', () => {
    const program = [ldi(0), jmp('jeq', 1, 1, 0), ldMem(4), st(4), ret(), ja(0xfffffffc)];
    const ds = only(check(program, { mode: 'libpcap' }), CHK.scratchInit);
    expect(ds.map((d) => [d.severity, d.pc])).toEqual([['warning', 2]]);
    expect(only(check([ret(1), ldMem(0), retA], { mode: 'libpcap' }), CHK.scratchInit)).toEqual([]);
  });
});

describe('scratch flow', () => {
  const ctxOf = (raw: RawInsn[]): CheckContext => ({
    raw,
    insns: raw.map(decode),
    mode: 'socket',
    kernel: true,
  });

  it('folds straight runs of a path', () => {
    expect(formatPath([0, 1, 2, 5, 6, 7, 9])).toBe('0-2 → 5-7 → 9');
  });

  it('finds a witness path exactly when the flow says a cell may be unwritten (property)', () => {
    fc.assert(
      fc.property(fc.array(arbRawInsn(), { minLength: 1, maxLength: 30 }), (raw) => {
        const ctx = ctxOf(raw);
        const succ = successors(ctx, 'scan');
        const preds = predecessors(succ);
        const unwritten = unwrittenOnEntry(ctx, succ);
        for (let pc = 0; pc < raw.length; pc++) {
          for (let cell = 0; cell < 16; cell++) {
            const path = pathWithoutWrite(ctx, preds, pc, cell);
            expect(path !== undefined).toBe(((unwritten[pc] ?? 0) & (1 << cell)) !== 0);
            if (path) expect(path[0]).toBe(0);
          }
        }
      }),
      { numRuns: 100, seed: 10 },
    );
  });
});
