// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { extensionK } from '../isa/opcodes.ts';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { SECCOMP_DATA_SIZE, seccompField, seccompWord } from './seccomp-data.ts';
import { ld, only, retA } from './testdata/build.ts';

const seccomp = { mode: 'seccomp' } as const;

describe('rule 13: seccomp_data offsets', () => {
  it('accepts every aligned word of struct seccomp_data', () => {
    const words = Array.from({ length: SECCOMP_DATA_SIZE / 4 }, (_, i) => ld(4 * i));
    expect(only(check([...words, retA], seccomp), CHK.seccompOffset)).toEqual([]);
  });

  it('refuses an unaligned offset and names the aligned word', () => {
    const [d] = only(check([ld(13), retA], seccomp), CHK.seccompOffset);
    expect(d?.message).toBe(
      'seccomp_data offset: `ld [13]` at pc 0 reads offset 13, inside instruction_pointer (bytes 8-15) but not 4-byte aligned',
    );
    expect(d?.hint).toBe(
      'load the aligned word `ld [12]` (instruction_pointer, high half on little-endian) and shift or mask it',
    );
  });

  it('refuses offsets past the 64 bytes and Linux extensions', () => {
    const ds = only(check([ld(64), ld(extensionK('proto')), retA], seccomp), CHK.seccompOffset);
    expect(ds[0]?.message).toContain('past the 64 bytes of struct seccomp_data');
    expect(ds[1]?.message).toContain('the ancillary field `proto`');
  });

  it('leaves an unknown ancillary offset to rule 8 (one diagnostic per mistake)', () => {
    const ds = check([ld(0xfffff040), retA], seccomp);
    expect(only(ds, CHK.seccompOffset)).toEqual([]);
    expect(only(ds, CHK.ancillary)).toHaveLength(1);
  });

  it('names every field of struct seccomp_data', () => {
    expect([0, 4, 8, 12, 16, 20, 56, 60].map(seccompWord)).toEqual([
      'nr, the system call number',
      'arch, the AUDIT_ARCH_* value',
      'instruction_pointer, low half on little-endian',
      'instruction_pointer, high half on little-endian',
      'args[0], low half on little-endian',
      'args[0], high half on little-endian',
      'args[5], low half on little-endian',
      'args[5], high half on little-endian',
    ]);
    expect(seccompField(63)).toBe('args[5] (bytes 56-63)');
    expect(seccompField(64)).toBeUndefined();
  });
});
