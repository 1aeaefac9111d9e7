// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { ldi, only, ret } from './testdata/build.ts';

const program = (n: number) => [...Array.from({ length: n - 1 }, () => ldi(1)), ret()];

describe('rule 1: program length (bpf_check_basics_ok)', () => {
  it('refuses an empty program in every mode, with a fix', () => {
    for (const mode of ['socket', 'seccomp', 'libpcap'] as const) {
      const [d] = only(check([], { mode }), CHK.length);
      expect(d?.severity).toBe('error');
      expect(d?.message).toBe('program length: the program is empty, but it needs at least one instruction');
      expect(d?.hint).toContain('ret #0');
    }
  });

  it('accepts 1 and 4096 instructions', () => {
    expect(only(check(program(1)), CHK.length)).toEqual([]);
    expect(only(check(program(4096)), CHK.length)).toEqual([]);
  });

  it('refuses 4097 instructions, pointing at the first one over the limit', () => {
    const [d] = only(check(program(4097)), CHK.length);
    expect(d).toMatchObject({ severity: 'error', pc: 4096 });
    expect(d?.message).toContain('4097 instructions, more than the kernel');
    expect(d?.notes[0]?.message).toContain('no upper limit');
  });

  it('only warns in libpcap mode, which has no upper limit', () => {
    expect(only(check(program(5000), { mode: 'libpcap' }), CHK.length)[0]?.severity).toBe('warning');
  });
});
