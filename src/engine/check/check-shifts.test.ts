// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { alu, aluX, only, retA } from './testdata/build.ts';

describe('rule 4: constant shift of 32 or more', () => {
  it('refuses `lsh #32` and `rsh #0xffffffff`, accepts 31', () => {
    const ds = only(check([alu('lsh', 31), alu('lsh', 32), alu('rsh', 0xffffffff), retA]), CHK.shiftTooFar);
    expect(ds.map((d) => [d.severity, d.pc])).toEqual([
      ['error', 1],
      ['error', 2],
    ]);
    expect(ds[0]?.message).toBe('constant shift too far: `lsh #32` at pc 1 shifts by 32, but must be 0..31');
    expect(ds[0]?.notes[0]?.message).toContain("libpcap's bpf_validate() accepts it");
  });

  it('accepts shifts by X (masked to 31 by Linux at run time)', () => {
    expect(only(check([aluX('lsh'), aluX('rsh'), retA]), CHK.shiftTooFar)).toEqual([]);
  });

  it('is a warning in libpcap mode, which accepts it', () => {
    expect(only(check([alu('lsh', 40), retA], { mode: 'libpcap' }), CHK.shiftTooFar)[0]?.severity).toBe(
      'warning',
    );
  });
});
