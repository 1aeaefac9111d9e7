// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { alu, aluX, ld, ldb, ldh, ldInd, ldLen, ldxLen, msh, only, retA } from './testdata/build.ts';

const seccomp = { mode: 'seccomp' } as const;

describe('rule 13: instructions a seccomp filter may not use (seccomp_check_filter)', () => {
  it('refuses ldh/ldb, indexed loads, ldxb and mod', () => {
    const program = [ldh(0), ldb(4), ldInd(0), msh(0), alu('mod', 3), aluX('mod'), retA];
    const ds = only(check(program, seccomp), CHK.seccompInsn);
    expect(ds.map((d) => d.pc)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ds[0]?.message).toBe(
      'not allowed in seccomp: `ldh [0]` at pc 0 is not allowed in a seccomp filter',
    );
  });

  it('says which seccomp_data word to load instead of a narrow load', () => {
    const [d] = only(check([ldb(17), retA], seccomp), CHK.seccompInsn);
    expect(d?.hint).toBe(
      'seccomp allows only 32-bit loads: `ld [16]` reads args[0], low half on little-endian; then use `and`/`rsh` to pick the bytes',
    );
  });

  it('shows how to compute mod without mod', () => {
    const [d] = only(check([alu('mod', 3), retA], seccomp), CHK.seccompInsn);
    expect(d?.hint).toContain('st M[0]; div #k; mul #k; tax; ld M[0]; sub x');
  });

  it('allows what seccomp allows, and says `#len` reads 64', () => {
    const program = [ld(0), ld(4), ldLen, ldxLen, alu('div', 2), aluX('and'), retA];
    const ds = check(program, seccomp);
    expect(only(ds, CHK.seccompInsn)).toEqual([]);
    const info = only(ds, CHK.seccompLength);
    expect(info.map((d) => [d.severity, d.pc])).toEqual([
      ['info', 2],
      ['info', 3],
    ]);
    expect(info[0]?.message).toContain('always reads 64');
  });

  it('does nothing in socket mode', () => {
    expect(only(check([ldh(0), alu('mod', 3), ldLen, retA]), CHK.seccompInsn)).toEqual([]);
  });
});
