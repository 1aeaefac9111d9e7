// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check, checkRaw } from './check.ts';
import { CHK } from './codes.ts';
import { ldh, only, ret, retA, retX, wire } from './testdata/build.ts';

describe('rule 9: the last instruction is `ret #k` or `ret a`', () => {
  it('accepts both returns, and junk in the fields ret ignores', () => {
    expect(only(check([ret(1)]), CHK.finalRet)).toEqual([]);
    expect(only(check([retA]), CHK.finalRet)).toEqual([]);
    expect(only(checkRaw([wire(0x06, 3, 4, 0)]), CHK.finalRet)).toEqual([]);
  });

  it('refuses a program that runs off its end', () => {
    const [d] = only(check([ret(), ldh(12)]), CHK.finalRet);
    expect(d?.message).toBe(
      'missing final ret: the last instruction (pc 1) is `ldh [12]`, but a program must end with `ret #k` or `ret a`',
    );
    expect(d?.pc).toBe(1);
  });

  it('does not count `ret x`, and says what to write instead', () => {
    expect(only(check([retX]), CHK.finalRet)[0]?.hint).toContain('txa; ret a');
  });

  it('libpcap mode takes any RET-class code, as bpf_validate does', () => {
    expect(only(check([retX], { mode: 'libpcap' }), CHK.finalRet)).toEqual([]);
  });
});
