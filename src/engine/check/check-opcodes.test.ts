// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { KNOWN_OPCODES } from '../isa/codec.ts';
import { KERNEL_CODES, kernelAllows, libpcapValidates } from './allowed-codes.ts';
import { check, checkRaw } from './check.ts';
import { CHK } from './codes.ts';
import { opcodeHint } from './opcode-hints.ts';
import { only, raw, ret, retA, retX, txa, wire } from './testdata/build.ts';

describe('rule 2: opcode allow-list (chk_code_allowed)', () => {
  it('has the kernel list: every known opcode except `ret x`', () => {
    expect(KERNEL_CODES.size).toBe(KNOWN_OPCODES.length - 1);
    expect([...KERNEL_CODES].sort((a, b) => a - b)).toEqual(KNOWN_OPCODES.filter((c) => c !== 0x0e));
  });

  it("has exactly the codes of net/core/filter.c's chk_code_allowed", () => {
    // Spelled out here, so a code the codec learns to decode cannot slip onto the list unseen.
    const kernel = [
      0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0c, 0x14, 0x15, 0x16, 0x1c, 0x1d, 0x20, 0x24, 0x25,
      0x28, 0x2c, 0x2d, 0x30, 0x34, 0x35, 0x3c, 0x3d, 0x40, 0x44, 0x45, 0x48, 0x4c, 0x4d, 0x50, 0x54, 0x5c,
      0x60, 0x61, 0x64, 0x6c, 0x74, 0x7c, 0x80, 0x81, 0x84, 0x87, 0x94, 0x9c, 0xa4, 0xac, 0xb1,
    ];
    expect([...KERNEL_CODES].sort((a, b) => a - b)).toEqual(kernel);
    expect(kernelAllows(0x21)).toBe(false);
  });

  it('refuses `ret x` and says to use `txa; ret a`', () => {
    const [d] = only(check([retX]), CHK.opcode);
    expect(d?.message).toBe(
      "opcode not allowed: code 0x0e (`ret x`) at pc 0 is not on the kernel's list of allowed opcodes",
    );
    expect(d?.hint).toBe('to return X, use `txa; ret a`');
    expect(d?.notes[0]?.message).toContain('bpf_filter() aborts');
    expect(only(check([txa, retA]), CHK.opcode)).toEqual([]);
  });

  it('refuses LDX W ABS (0x21): ldx cannot load packet bytes', () => {
    const [d] = only(check([raw(0x21, 12), ret()]), CHK.opcode);
    expect(d?.message).toContain('code 0x21 (class ldx, mode 0x20) at pc 0');
    expect(d?.hint).toContain('`tax`');
  });

  it.each([
    [0x55, 'jneq'],
    [0xa5, 'jlt'],
    [0x0d, '0x05'],
    [0x8c, '0x84'],
    [0xa0, 'ldxb'],
    [0x08, 'take no size'],
    [0x12, 'exactly 0x02'],
    [0x1e, 'ret'],
    [0xff, 'tax'],
    [0xc4, 'arsh'],
    [0x1234, 'byte order'],
  ])('refuses raw code %i with a tailored hint (%s)', (code, words) => {
    const [d] = only(checkRaw([wire(code), wire(0x06)]), CHK.opcode);
    expect(d?.severity).toBe('error');
    expect(d?.pc).toBe(0);
    expect(d?.hint).toContain(words);
    expect(opcodeHint(code)).toBe(d?.hint);
  });

  it('reports every refused opcode, not just the first', () => {
    const found = only(check([raw(0x55), retX, raw(0xff), ret()]), CHK.opcode);
    expect(found.map((d) => d.pc)).toEqual([0, 1, 2]);
  });

  it('libpcap mode: an error where bpf_validate refuses, a warning where only bpf_filter() would abort', () => {
    expect(libpcapValidates(0xc0)).toBe(false);
    expect(libpcapValidates(0x0e)).toBe(true);
    const ds = only(check([raw(0xc0), retX], { mode: 'libpcap' }), CHK.opcode);
    expect(ds.map((d) => [d.severity, d.pc])).toEqual([
      ['error', 0],
      ['warning', 1],
    ]);
    expect(ds[1]?.message).toContain('aborts the process');
  });

  it('judges codes above 0xff like bpf_validate: by the low class, mode and op bits', () => {
    expect(kernelAllows(0x106)).toBe(false);
    expect(libpcapValidates(0x106)).toBe(true);
    expect(libpcapValidates(0x1c5)).toBe(false);
  });
});
