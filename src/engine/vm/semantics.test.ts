// SPDX-License-Identifier: MIT
/**
 * Reference §6, row by row: what both machines share, and one named test per difference, with
 * the values verified on Linux 6.18 and libpcap 1.10.3 as golden numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { extensionK, SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';
import { asm, counting, exec, packet, SEMANTICS, verdictOf } from './test-helpers.ts';

const hundred = packet(counting(100));
const udpFrame = packet(
  '00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 1c 00 01 00 00 40 11 00 00 0a 00 00 01 0a 00 00 02 30 39 00 35 00 08 00 00',
  { meta: { networkOffset: 14, protocol: 0x0800 } },
);

describe('reference §6: shared by both semantics', () => {
  it.each(SEMANTICS)('%s: initial A and X are 0', (semantics) => {
    expect(verdictOf('ret a', hundred, semantics)).toBe(0);
    expect(verdictOf('txa\nret a', hundred, semantics)).toBe(0);
  });

  it.each(SEMANTICS)('%s: M[] starts zeroed', (semantics) => {
    expect(verdictOf('ld M[15]\nret a', hundred, semantics)).toBe(0);
  });

  it.each(SEMANTICS)('%s: ld [k] past caplen, partial or full, returns 0', (semantics) => {
    expect(verdictOf('ld [98]\nret #100', hundred, semantics)).toBe(0);
    expect(verdictOf('ld [1000]\nret #100', hundred, semantics)).toBe(0);
    expect(verdictOf('ld [96]\nret #100', hundred, semantics)).toBe(100);
  });

  it.each(SEMANTICS)('%s: [x + k] past caplen returns 0', (semantics) => {
    expect(verdictOf('ldx #97\nld [x + 0]\nret #100', hundred, semantics)).toBe(0);
  });

  it.each(SEMANTICS)('%s: ldxb 4*([k]&0xf) past caplen returns 0', (semantics) => {
    expect(verdictOf('ldxb 4*([100]&0xf)\nret #100', hundred, semantics)).toBe(0);
  });

  it.each(SEMANTICS)('%s: div/mod by X = 0 returns 0', (semantics) => {
    expect(verdictOf('ld #1\ndiv x\nret #100', hundred, semantics)).toBe(0);
    expect(verdictOf('ld #1\nmod x\nret #100', hundred, semantics)).toBe(0);
  });

  it.each(SEMANTICS)('%s: neg is two’s complement', (semantics) => {
    expect(verdictOf('ld #1\nneg\nret a', hundred, semantics)).toBe(0xffffffff);
  });

  it.each(SEMANTICS)('%s: #len is the wire length, ldx #len sets X', (semantics) => {
    const truncated = packet(counting(64), { wireLength: 1514 });
    expect(verdictOf('ld #len\nret a', truncated, semantics)).toBe(1514);
    expect(verdictOf('ldx #len\ntxa\nret a', truncated, semantics)).toBe(1514);
  });

  it.each(SEMANTICS)('%s: loads are big-endian', (semantics) => {
    expect(verdictOf('ld [4]\nret a', hundred, semantics)).toBe(0x04050607);
  });
});

describe('reference §6: each difference', () => {
  it('shift by X >= 32: linux masks (5<<32 = 5, 1<<33 = 2, 0x30>>36 = 3)', () => {
    expect(verdictOf('ld #5\nldx #32\nlsh x\nret a', hundred, 'linux')).toBe(5);
    expect(verdictOf('ld #1\nldx #33\nlsh x\nret a', hundred, 'linux')).toBe(2);
    expect(verdictOf('ld #0x30\nldx #36\nrsh x\nret a', hundred, 'linux')).toBe(3);
  });

  it('shift by X >= 32: libpcap gives A = 0', () => {
    expect(verdictOf('ld #5\nldx #32\nlsh x\nret a', hundred, 'libpcap')).toBe(0);
    expect(verdictOf('ld #1\nldx #33\nlsh x\nret a', hundred, 'libpcap')).toBe(0);
    expect(verdictOf('ld #0x30\nldx #36\nrsh x\nret a', hundred, 'libpcap')).toBe(0);
  });

  it('constant shift >= 32: linux (checker rejects it) would mask by 31', () => {
    expect(verdictOf('ld #1\nlsh #33\nret a', hundred, 'linux')).toBe(2);
  });

  it('constant shift >= 32: libpcap accepts it and masks by 31 like its x86-64 build', () => {
    expect(verdictOf('ld #1\nlsh #32\nret a', hundred, 'libpcap')).toBe(1);
    expect(verdictOf('ld #0x30\nrsh #36\nret a', hundred, 'libpcap')).toBe(3);
  });

  it('X + k overflow: linux wraps (X=0xffffffff, k=1 reads byte 0; X=0xfffffffe, k=3 reads byte 1)', () => {
    const p = packet('aa bb cc dd');
    expect(verdictOf('ldx #0xffffffff\nldb [x + 1]\nret a', p, 'linux')).toBe(0xaa);
    expect(verdictOf('ldx #0xfffffffe\nldb [x + 3]\nret a', p, 'linux')).toBe(0xbb);
  });

  it('X + k overflow: libpcap returns 0', () => {
    const p = packet('aa bb cc dd');
    const result = exec(asm('ldx #0xffffffff\nldb [x + 1]\nret #7'), p, 'libpcap');
    expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    expect(result.steps[1]!.read).toEqual({ kind: 'packet', offset: 0x100000000, length: 1 });
  });

  it('negative offsets: linux reads relative to the network/link header (IP proto 17 via NET_OFF+9)', () => {
    const net: Insn[] = [
      { op: 'ld', mode: 'abs', size: 1, k: SKF_NET_OFF + 9 },
      { op: 'ret', src: 'a' },
    ];
    const ll: Insn[] = [
      { op: 'ld', mode: 'abs', size: 2, k: SKF_LL_OFF + 12 },
      { op: 'ret', src: 'a' },
    ];
    expect(verdictOf(net, udpFrame, 'linux')).toBe(17);
    expect(verdictOf(ll, udpFrame, 'linux')).toBe(0x0800);
  });

  it('negative offsets: libpcap reads a huge offset, out of bounds → 0', () => {
    const net: Insn[] = [
      { op: 'ld', mode: 'abs', size: 1, k: SKF_NET_OFF + 9 },
      { op: 'ret', src: 'k', k: 1 },
    ];
    expect(exec(net, udpFrame, 'libpcap')).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
  });

  it('ancillary loads: linux serves them from the metadata (#proto >> 8 = 8, xor_x = 6)', () => {
    expect(verdictOf('ld #proto\nrsh #8\nret a', udpFrame, 'linux')).toBe(8);
    expect(verdictOf('ld #5\nldx #3\nld #xor_x\nret a', udpFrame, 'linux')).toBe(6);
  });

  it('ancillary loads: libpcap treats them as out-of-bounds offsets → 0', () => {
    expect(exec(asm('ld #proto\nret #1'), udpFrame, 'libpcap')).toMatchObject({
      verdict: 0,
      end: 'out-of-bounds',
    });
    const vlan: Insn[] = [
      { op: 'ld', mode: 'abs', size: 1, k: extensionK('vlan_avail') },
      { op: 'ret', src: 'k', k: 1 },
    ];
    expect(verdictOf(vlan, udpFrame, 'libpcap')).toBe(0);
  });

  it('ret x: linux never loads it → invalid-instruction, verdict 0', () => {
    expect(exec(asm('ldx #5\nret x'), hundred, 'linux')).toMatchObject({
      verdict: 0,
      end: 'invalid-instruction',
    });
  });

  it('ret x: libpcap validates it but bpf_filter aborts → invalid-instruction, verdict 0', () => {
    expect(exec(asm('ldx #5\nret x'), hundred, 'libpcap')).toMatchObject({
      verdict: 0,
      end: 'invalid-instruction',
    });
  });

  it('backward ja: linux reads k unsigned → past the end, fell-off', () => {
    const insns: Insn[] = [
      { op: 'ld', mode: 'imm', k: 1 },
      { op: 'ja', k: 0xfffffffe },
      { op: 'ret', src: 'a' },
    ];
    expect(exec(insns, hundred, 'linux')).toMatchObject({ verdict: 0, end: 'fell-off' });
  });

  it('backward ja: libpcap sign-extends k → jumps back (here to pc 0, looping to the step limit)', () => {
    const insns: Insn[] = [
      { op: 'ld', mode: 'imm', k: 1 },
      { op: 'ja', k: 0xfffffffe },
      { op: 'ret', src: 'a' },
    ];
    const result = exec(insns, hundred, 'libpcap', { maxSteps: 10 });
    expect(result).toMatchObject({ verdict: 0, end: 'step-limit' });
    expect(result.steps.map((s) => s.pc)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });
});
