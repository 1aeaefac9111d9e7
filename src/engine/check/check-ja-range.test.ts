// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { ja, only, ret, txa } from './testdata/build.ts';

describe('rule 6: ja range (k < flen - pc - 1)', () => {
  it('accepts a jump to the last instruction', () => {
    expect(only(check([ja(1), txa, ret()]), CHK.jaRange)).toEqual([]);
  });

  it('refuses a jump past the end, naming the target and the largest k', () => {
    const [d] = only(check([txa, txa, txa, ja(5), txa, txa, txa, ret()]), CHK.jaRange);
    expect(d?.message).toBe('ja out of range: `ja` at pc 3 targets pc 9, past the last instruction (pc 7)');
    expect(d?.hint).toBe('k counts from the next instruction: at pc 3 it can be at most 3');
  });

  it('refuses a backward jump, with a note that libpcap allows it', () => {
    const [d] = only(check([ret(), ja(0xfffffffe), ret()]), CHK.jaRange);
    expect(d?.message).toBe(
      'ja out of range: `ja` at pc 1 has k = 0xfffffffe (-2), which jumps backward to pc 0',
    );
    expect(d?.notes.map((n) => n.pc)).toEqual([undefined, 0]);
    expect(d?.notes[0]?.message).toContain('protochain');
  });

  it('names a jump to itself as an endless loop', () => {
    const [d] = only(check([ja(0xffffffff), ret()]), CHK.jaRange);
    expect(d?.message).toContain('jumps to itself, an endless loop');
  });

  it('says a jump cannot be last', () => {
    const [d] = only(check([ret(), ja(0)]), CHK.jaRange);
    expect(d?.hint).toContain('cannot be the last instruction');
  });

  it('libpcap mode: backward is a warning, past the end (even after wrapping) an error', () => {
    const back = only(check([ret(), ja(0xfffffffe), ret()], { mode: 'libpcap' }), CHK.jaRange);
    expect(back[0]?.severity).toBe('warning');
    const wrapped = only(check([ret(), ja(0xfffffff0), ret()], { mode: 'libpcap' }), CHK.jaRange);
    expect(wrapped[0]?.severity).toBe('error');
  });
});
