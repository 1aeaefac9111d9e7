// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { ld, ldi, only, ret } from './testdata/build.ts';
import { chargedBytes, fitsOptmem, translatedCost } from './translated-size.ts';

const loads = (n: number, k = 1) => [...Array.from({ length: n }, () => ld(k)), ret()];

describe('translated size (warning, socket mode)', () => {
  it('warns past the measured limit: 1168 `ld [1]` fit the default optmem_max, 1169 do not', () => {
    expect(only(check(loads(1168)), CHK.translatedSize)).toEqual([]);
    const [d] = only(check(loads(1169)), CHK.translatedSize);
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('attaching likely fails with ENOMEM');
  });

  it('never warns about cheap instructions, even 4096 of them', () => {
    expect(only(check([...Array.from({ length: 4095 }, () => ldi(1)), ret()]), CHK.translatedSize)).toEqual(
      [],
    );
  });

  it('is for sockets only, and not for programs rule 1 already refuses', () => {
    expect(only(check(loads(2000), { mode: 'seccomp' }), CHK.translatedSize)).toEqual([]);
    expect(only(check(loads(5000)), CHK.translatedSize)).toEqual([]);
  });

  it('costs loads by offset as measured (no add for 0, a wide add from 0x8000, helper only when negative)', () => {
    const cost = (code: number, k: number) => translatedCost({ code, jt: 0, jf: 0, k });
    expect([0, 1, 0x7fff, 0x8000, 0xfff00000].map((k) => cost(0x20, k))).toEqual([13, 14, 14, 16, 8]);
    expect(cost(0x20, 0xfffff000)).toBe(2);
    expect(cost(0x3c, 0)).toBe(5);
    expect(chargedBytes([{ code: 0x16, jt: 0, jf: 0, k: 0 }])).toBe(136);
    expect(fitsOptmem([{ code: 0x16, jt: 0, jf: 0, k: 0 }], 136)).toBe(false);
  });
});
