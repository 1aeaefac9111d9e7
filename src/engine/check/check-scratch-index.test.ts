// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check, checkRaw } from './check.ts';
import { CHK } from './codes.ts';
import { ldMem, ldxMem, only, retA, st, stx, wire } from './testdata/build.ts';

describe('rule 5: scratch index M[0]..M[15]', () => {
  it('refuses index 16 and more for ld, ldx, st and stx', () => {
    const ds = only(check([st(16), stx(17), ldMem(255), ldxMem(0xffffffff), retA]), CHK.scratchIndex);
    expect(ds.map((d) => d.pc)).toEqual([0, 1, 2, 3]);
    expect(ds[0]?.message).toBe(
      'scratch index out of range: `st M[16]` at pc 0 uses cell 16, but the cells are M[0]..M[15]',
    );
    expect(ds[3]?.message).toContain('`ldx M[4294967295]`');
  });

  it('accepts M[15]', () => {
    expect(only(check([st(15), stx(15), ldMem(15), ldxMem(15), retA]), CHK.scratchIndex)).toEqual([]);
  });

  it('libpcap mode checks every ST-class code, as bpf_validate does', () => {
    const ds = only(checkRaw([wire(0x12, 0, 0, 16), wire(0x16)], { mode: 'libpcap' }), CHK.scratchIndex);
    expect(ds).toHaveLength(1);
  });
});
