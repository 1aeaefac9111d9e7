// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn, Size } from '../isa/insn.ts';
import { SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';
import { loadBytes } from './packet-access.ts';
import { asm, counting, exec, packet, SEMANTICS } from './test-helpers.ts';

const MNEMONIC: Record<Size, string> = { 4: 'ld', 2: 'ldh', 1: 'ldb' };
const ten = packet(counting(10));

describe('ld [k]: big-endian packet loads', () => {
  for (const semantics of SEMANTICS) {
    it.each([
      [4, 0, 0x00010203],
      [4, 6, 0x06070809],
      [2, 0, 0x0001],
      [2, 8, 0x0809],
      [1, 0, 0],
      [1, 9, 9],
    ] as [Size, number, number][])(`${semantics}: size %d at %d reads %d`, (size, k, want) => {
      const result = exec(asm(`${MNEMONIC[size]} [${k}]\nret a`), ten, semantics);
      expect(result).toMatchObject({ verdict: want, end: 'ret' });
      expect(result.steps[0]!.read).toEqual({ kind: 'packet', offset: k, length: size });
      expect(result.steps[0]!.aAfter).toBe(want);
    });
  }

  it.each(SEMANTICS)('%s: the loaded word is unsigned', (semantics) => {
    expect(exec(asm('ld [0]\nret a'), packet('ff ff ff fe'), semantics).verdict).toBe(0xfffffffe);
  });
});

describe('out-of-bounds loads return 0 (partial and full, every size)', () => {
  // The packet has 10 bytes: a load that reaches byte 10 or beyond ends the program with 0.
  const cases: [Size, number][] = [
    [4, 7], // partial: bytes 7..10
    [4, 9],
    [4, 10], // just past
    [4, 1000], // fully beyond (bpf_dbg missed these, reference §3 defect 1)
    [4, 0x7fffffff],
    [2, 9],
    [2, 10],
    [2, 0x7ffffffe],
    [1, 10],
    [1, 11],
    [1, 0x7fffffff],
  ];
  for (const semantics of SEMANTICS) {
    it.each(cases)(`${semantics}: size %d at %d`, (size, k) => {
      const result = exec(asm(`ld #77\n${MNEMONIC[size]} [${k}]\nret #5`), ten, semantics);
      expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
      expect(result.steps).toHaveLength(2);
      expect(result.steps[1]).toMatchObject({
        read: { kind: 'packet', offset: k, length: size },
        aAfter: 77,
        verdict: 0,
        end: 'out-of-bounds',
      });
    });
  }

  it.each(SEMANTICS)('%s: an empty packet has no byte 0', (semantics) => {
    expect(exec(asm('ldb [0]\nret #5'), packet(''), semantics).end).toBe('out-of-bounds');
  });

  it('loadBytes cannot overflow on any offset', () => {
    const b = counting(8);
    expect(loadBytes(b, 4, 4)).toBe(0x04050607);
    expect(loadBytes(b, 5, 4)).toBe(-1);
    expect(loadBytes(b, 0xffffffff, 1)).toBe(-1);
    expect(loadBytes(b, 2 ** 33, 4)).toBe(-1);
    expect(loadBytes(b, -1, 1)).toBe(-1);
    expect(loadBytes(b, Number.NaN, 1)).toBe(-1);
  });
});

describe('#len and caplen', () => {
  it.each(SEMANTICS)('%s: ld #len and ldx #len read the wire length, not the captured one', (semantics) => {
    const truncated = packet(counting(20), { wireLength: 1500 });
    const a = exec(asm('ld #len\nret a'), truncated, semantics);
    expect(a.verdict).toBe(1500);
    expect(a.steps[0]!.read).toEqual({ kind: 'len', value: 1500 });
    // ldx #len sets X (bpf_dbg wrote A: reference §3 defect 3).
    const x = exec(asm('ldx #len\ntxa\nret a'), truncated, semantics);
    expect(x.verdict).toBe(1500);
    expect(x.steps[0]).toMatchObject({ aAfter: 0, xAfter: 1500 });
  });

  it.each(SEMANTICS)('%s: loads stay bounded by caplen when wirelen > caplen', (semantics) => {
    const truncated = packet(counting(20), { wireLength: 1500 });
    expect(exec(asm('ldb [19]\nret a'), truncated, semantics).verdict).toBe(19);
    expect(exec(asm('ldb [20]\nret #1'), truncated, semantics)).toMatchObject({
      verdict: 0,
      end: 'out-of-bounds',
    });
    expect(exec(asm('ldh [x + 19]\nret #1'), truncated, semantics).end).toBe('out-of-bounds');
  });
});

describe('ld [x + k]', () => {
  for (const semantics of SEMANTICS) {
    it.each([
      [4, 2, 3, 0x05060708],
      [2, 0, 8, 0x0809],
      [1, 9, 0, 9],
      [1, 0, 9, 9],
    ] as [Size, number, number, number][])(
      `${semantics}: size %d, X=%d, k=%d reads %d`,
      (size, x, k, want) => {
        const result = exec(asm(`ldx #${x}\n${MNEMONIC[size]} [x + ${k}]\nret a`), ten, semantics);
        expect(result.verdict).toBe(want);
        expect(result.steps[1]!.read).toEqual({ kind: 'packet', offset: x + k, length: size });
      },
    );

    it.each([
      [4, 5, 2],
      [2, 9, 0],
      [1, 5, 5],
      [1, 1000, 0],
    ] as [Size, number, number][])(`${semantics}: size %d, X=%d, k=%d is out of bounds`, (size, x, k) => {
      const result = exec(asm(`ldx #${x}\n${MNEMONIC[size]} [x + ${k}]\nret #1`), ten, semantics);
      expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    });
  }
});

describe('ldx 4*([k]&0xf)', () => {
  it.each(SEMANTICS)('%s: X = 4 * low nibble, A untouched, read marked with bitMask 0x0f', (semantics) => {
    const ipv4 = packet('00 00 00 00 00 00 00 00 00 00 00 00 08 00 46 00');
    const result = exec(asm('ld #9\nldxb 4*([14]&0xf)\ntxa\nret a'), ipv4, semantics);
    expect(result.verdict).toBe(24);
    expect(result.steps[1]).toMatchObject({
      aAfter: 9,
      xAfter: 24,
      read: { kind: 'packet', offset: 14, length: 1, bitMask: 0x0f },
    });
  });

  it.each(SEMANTICS)('%s: out of bounds returns 0', (semantics) => {
    expect(exec(asm('ldxb 4*([10]&0xf)\nret #1'), ten, semantics)).toMatchObject({
      verdict: 0,
      end: 'out-of-bounds',
    });
  });
});

describe('immediates', () => {
  it.each(SEMANTICS)('%s: ld #k and ldx #k', (semantics) => {
    const result = exec(asm('ld #0xffffffff\nldx #7\nret a'), ten, semantics);
    expect(result.verdict).toBe(0xffffffff);
    expect(result.steps[1]).toMatchObject({ aAfter: 0xffffffff, xAfter: 7 });
    expect(result.steps[0]!.read).toBeUndefined();
  });

  it.each(SEMANTICS)('%s: A and X start at 0', (semantics) => {
    expect(exec(asm('ret a'), ten, semantics).verdict).toBe(0);
    expect(exec(asm('txa\nret a'), ten, semantics).verdict).toBe(0);
  });
});

describe('Linux negative offsets (SKF_NET_OFF, SKF_LL_OFF)', () => {
  // An Ethernet + IPv4 + UDP frame: the network header starts at 14, the IP protocol at 14 + 9.
  const frame = packet(
    '00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 1c 00 01 00 00 40 11 00 00 0a 00 00 01 0a 00 00 02 30 39 00 35 00 08 00 00',
    { meta: { networkOffset: 14 } },
  );
  const abs = (size: Size, k: number): Insn => ({ op: 'ld', mode: 'abs', size, k });
  const ret: Insn = { op: 'ret', src: 'a' };

  it('linux: ldb [SKF_NET_OFF + 9] reads the IP protocol (17) relative to the network header', () => {
    const result = exec([abs(1, SKF_NET_OFF + 9), ret], frame, 'linux');
    expect(result.verdict).toBe(17);
    expect(result.steps[0]!.read).toEqual({ kind: 'packet', offset: 23, length: 1 });
  });

  it('linux: ldh [SKF_LL_OFF + 12] reads the EtherType relative to the MAC header (offset 0 by default)', () => {
    const result = exec([abs(2, SKF_LL_OFF + 12), ret], frame, 'linux');
    expect(result.verdict).toBe(0x0800);
    expect(result.steps[0]!.read).toEqual({ kind: 'packet', offset: 12, length: 2 });
  });

  it('linux: SKF_LL_OFF follows meta.linkOffset', () => {
    const shifted = packet(frame.bytes, { meta: { networkOffset: 14, linkOffset: 2 } });
    expect(exec([abs(1, SKF_LL_OFF + 0), ret], shifted, 'linux').verdict).toBe(0x22);
  });

  it('linux: a packet without a known network header returns 0 for SKF_NET_OFF loads (no read)', () => {
    const noHeader = packet(frame.bytes);
    const result = exec([abs(1, SKF_NET_OFF + 9), ret], noHeader, 'linux');
    expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    expect(result.steps[0]!.read).toBeUndefined();
  });

  it('linux: SKF_NET_OFF + n past the captured bytes returns 0', () => {
    const result = exec([abs(4, SKF_NET_OFF + 26), ret], frame, 'linux');
    expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    expect(result.steps[0]!.read).toEqual({ kind: 'packet', offset: 40, length: 4 });
  });

  it('linux: offsets below SKF_LL_OFF have no address and return 0', () => {
    expect(exec([abs(1, SKF_LL_OFF - 1), ret], frame, 'linux').end).toBe('out-of-bounds');
    expect(exec([abs(1, 0x80000000), ret], frame, 'linux').end).toBe('out-of-bounds');
  });

  it('linux: an indirect load whose X + k is negative reaches SKF_NET_OFF too (the helper sees both)', () => {
    // X = SKF_NET_OFF, k = 9: the sum is the same negative offset as `ldb [SKF_NET_OFF + 9]`.
    const viaX: Insn[] = [
      { op: 'ldx', mode: 'imm', k: SKF_NET_OFF },
      { op: 'ld', mode: 'ind', size: 1, k: 9 },
      ret,
    ];
    expect(exec(viaX, frame, 'linux').verdict).toBe(17);
    // X = 0, k = SKF_NET_OFF + 9 (a negative k in `[x + k]`, as Android's DHCP filter uses).
    const viaK: Insn[] = [{ op: 'ld', mode: 'ind', size: 1, k: SKF_NET_OFF + 9 }, ret];
    expect(exec(viaK, frame, 'linux').verdict).toBe(17);
  });

  it('linux: ldxb 4*([SKF_NET_OFF]&0xf) reads the IP header length (msh takes negative offsets)', () => {
    const insns: Insn[] = [{ op: 'ldx', mode: 'msh', k: SKF_NET_OFF }, { op: 'txa' }, ret];
    expect(exec(insns, frame, 'linux').verdict).toBe(20);
  });

  it('libpcap: every negative offset is a huge unsigned one, out of bounds → 0', () => {
    for (const insns of [
      [abs(1, SKF_NET_OFF + 9), ret],
      [abs(2, SKF_LL_OFF + 12), ret],
      [{ op: 'ld', mode: 'ind', size: 1, k: SKF_NET_OFF + 9 }, ret],
      [{ op: 'ldx', mode: 'msh', k: SKF_NET_OFF }, { op: 'txa' }, ret],
    ] as Insn[][]) {
      expect(exec(insns, frame, 'libpcap')).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    }
  });
});
