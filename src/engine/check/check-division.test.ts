// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check, checkRaw } from './check.ts';
import { CHK } from './codes.ts';
import { alu, aluX, only, retA, wire } from './testdata/build.ts';

describe('rule 3: div/mod by constant 0', () => {
  it('refuses `div #0` and `mod #0` with their pcs', () => {
    const ds = only(check([alu('div', 0), alu('mod', 0), retA]), CHK.divideByZero);
    expect(ds.map((d) => d.message)).toEqual([
      'division by constant zero: `div #0` at pc 0 divides by the constant 0',
      'division by constant zero: `mod #0` at pc 1 divides by the constant 0',
    ]);
    expect(ds[0]?.hint).toContain('ret #0');
  });

  it('accepts a non-zero constant and division by X (X = 0 only returns 0 at run time)', () => {
    expect(only(check([alu('div', 1), aluX('div'), aluX('mod'), retA]), CHK.divideByZero)).toEqual([]);
  });

  it('libpcap mode goes by op and source bits, as bpf_validate does', () => {
    expect(only(checkRaw([wire(0x134), wire(0x16)], { mode: 'libpcap' }), CHK.divideByZero)).toHaveLength(1);
    expect(only(checkRaw([wire(0x134), wire(0x16)]), CHK.divideByZero)).toEqual([]);
  });
});
