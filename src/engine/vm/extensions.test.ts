// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn, Size } from '../isa/insn.ts';
import { EXTENSION_OFFSETS, type ExtensionName, extensionK, SKF_AD_MAX, SKF_AD_OFF } from '../isa/opcodes.ts';
import { netlinkAttribute, netlinkNestedAttribute } from './netlink.ts';
import { asm, exec, hex, packet } from './test-helpers.ts';
import type { PacketMeta } from './types.ts';

const meta: Partial<PacketMeta> = {
  protocol: 0x0800,
  pktType: 2,
  ifindex: 7,
  mark: 0xdeadbeef,
  queue: 3,
  hatype: 772,
  rxhash: 0x12345678,
  cpu: 1,
  random: 0xcafef00d,
  vlanPresent: true,
  vlanTci: 0x3064,
  vlanTpid: 0x88a8,
  payloadOffset: 42,
};
const frame = packet(new Uint8Array(60), { meta });

/** `A = 5; X = 3; A = <ext>; ret a` with a load of `size`. */
function extProgram(name: ExtensionName, size: Size = 4): Insn[] {
  return [
    { op: 'ld', mode: 'imm', k: 5 },
    { op: 'ldx', mode: 'imm', k: 3 },
    { op: 'ld', mode: 'abs', size, k: extensionK(name) },
    { op: 'ret', src: 'a' },
  ];
}

describe('Linux ancillary loads read the packet metadata', () => {
  const expected: [ExtensionName, number][] = [
    ['proto', 0x0800],
    ['type', 2],
    ['ifidx', 7],
    ['nla', 0], // no netlink attributes in a zero-filled frame
    ['nlan', 0],
    ['mark', 0xdeadbeef],
    ['queue', 3],
    ['hatype', 772],
    ['rxhash', 0x12345678],
    ['cpu', 1],
    ['xor_x', 5 ^ 3],
    ['vlan_tci', 0x3064],
    ['vlan_avail', 1],
    ['poff', 42],
    ['rand', 0xcafef00d],
    ['vlan_tpid', 0x88a8],
  ];

  it('covers all 16 extensions', () => {
    expect(new Set(expected.map(([name]) => name))).toEqual(new Set(Object.keys(EXTENSION_OFFSETS)));
  });

  it.each(expected)('linux: %s = %d, recorded as an ext read', (name, want) => {
    const result = exec(extProgram(name), frame, 'linux');
    expect(result).toMatchObject({ verdict: want, end: 'ret' });
    expect(result.steps[2]).toMatchObject({
      aAfter: want,
      xAfter: 3,
      read: { kind: 'ext', ext: name, value: want },
    });
  });

  it.each(expected)('linux: %s reads the same with ldh and ldb (the size does not matter)', (name, want) => {
    expect(exec(extProgram(name, 2), frame, 'linux').verdict).toBe(want);
    expect(exec(extProgram(name, 1), frame, 'linux').verdict).toBe(want);
  });

  it.each(expected)('libpcap: %s is an out-of-bounds offset, the program returns 0', (name) => {
    const result = exec(extProgram(name), frame, 'libpcap');
    expect(result).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    expect(result.steps[2]!.read).toEqual({ kind: 'packet', offset: extensionK(name), length: 4 });
  });

  it('linux: #proto >> 8 = 8 for IPv4 (reference §6)', () => {
    expect(exec(asm('ld #proto\nrsh #8\nret a'), frame, 'linux').verdict).toBe(8);
  });

  it('linux: xor_x is A ^= X (reference §6: 5 ^ 3 = 6)', () => {
    expect(exec(asm('ld #5\nldx #3\nld #xor_x\nret a'), frame, 'linux').verdict).toBe(6);
  });

  it('linux: fields are masked to their kernel widths', () => {
    const wide = packet(new Uint8Array(4), {
      meta: {
        protocol: 0x10806,
        pktType: 0xff,
        queue: 0x10003,
        hatype: 0x10001,
        vlanPresent: true,
        vlanTci: 0x1ffff,
        vlanTpid: 0x18100,
      },
    });
    const value = (name: ExtensionName) => exec(extProgram(name), wide, 'linux').verdict;
    expect(value('proto')).toBe(0x0806);
    expect(value('type')).toBe(7);
    expect(value('queue')).toBe(3);
    expect(value('hatype')).toBe(1);
    expect(value('vlan_tci')).toBe(0xffff); // all 16 TCI bits, no presence flag mixed in
    expect(value('vlan_tpid')).toBe(0x8100);
  });

  it('linux: without a stripped tag, vlan_tci and vlan_tpid read 0 (one sk_buff word holds all three)', () => {
    const untagged = packet(new Uint8Array(4), {
      meta: { vlanPresent: false, vlanTci: 0x0064, vlanTpid: 0x8100 },
    });
    expect(exec(extProgram('vlan_avail'), untagged, 'linux').verdict).toBe(0);
    expect(exec(extProgram('vlan_tci'), untagged, 'linux').verdict).toBe(0);
    expect(exec(extProgram('vlan_tpid'), untagged, 'linux').verdict).toBe(0);
  });

  it('linux: defaults without metadata (hatype Ethernet, no VLAN, poff 0)', () => {
    const bare = packet(new Uint8Array(4));
    const value = (name: ExtensionName) => exec(extProgram(name), bare, 'linux').verdict;
    expect(value('proto')).toBe(0);
    expect(value('hatype')).toBe(1);
    expect(value('vlan_avail')).toBe(0);
    expect(value('poff')).toBe(0);
    expect(value('rand')).toBe(exec(extProgram('rand'), bare, 'linux').verdict); // reproducible
  });

  it('linux: an unknown offset in the ancillary range (the checker rejects it) returns 0', () => {
    for (const off of [1, 64, 100, 0xffc]) {
      const insns: Insn[] = [
        { op: 'ld', mode: 'abs', size: 4, k: SKF_AD_OFF + off },
        { op: 'ret', src: 'k', k: 1 },
      ];
      expect(exec(insns, frame, 'linux')).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
    }
    expect(SKF_AD_MAX).toBe(64);
  });

  it('linux: extensions are recognised only for ld [k], not for [x + k]', () => {
    const insns: Insn[] = [
      { op: 'ld', mode: 'ind', size: 4, k: extensionK('mark') },
      { op: 'ret', src: 'a' },
    ];
    expect(exec(insns, frame, 'linux')).toMatchObject({ verdict: 0, end: 'out-of-bounds' });
  });
});

describe('nla / nlan: netlink attribute search (A = offset, X = type)', () => {
  // A 16-byte netlink header, then attributes { u16 len; u16 type } little-endian, padded to 4:
  //   @16: len 8,  type 1, payload 4 bytes
  //   @24: len 5,  type 2, payload 1 byte (+3 pad)
  //   @32: len 16, type 3 | NLA_F_NESTED, containing @36: len 8 type 7, @44: len 4 type 9
  //   @48: len 4,  type 0x4005 (NET_BYTEORDER flag | 5)
  const msg = hex(
    '34000000 10000100 00000000 00000000' +
      '0800 0100 aabbccdd' +
      '0500 0200 ee000000' +
      '1000 0380 0800 0700 11223344 0400 0900' +
      '0400 0540',
  );
  const nl = packet(msg);

  it.each([
    [16, 1, 16],
    [16, 2, 24],
    [16, 3, 32], // flag bits are masked off the type
    [16, 5, 48],
    [16, 7, 0], // only in the nested attribute: not at the top level
    [16, 99, 0],
    [24, 1, 0], // the search starts at A
    [0, 1, 0], // from 0 the netlink header parses as a 52-byte attribute that swallows everything
  ])('nla at A=%d for type %d → %d', (a, x, want) => {
    expect(netlinkAttribute(msg, a, x)).toBe(want);
    expect(exec(asm(`ld #${a}\nldx #${x}\nld #nla\nret a`), nl, 'linux').verdict).toBe(want);
  });

  it.each([
    [32, 7, 36],
    [32, 9, 44],
    [32, 3, 0],
    [16, 1, 0], // attribute 1's payload holds no attribute of type 1
  ])('nlan at A=%d for type %d → %d', (a, x, want) => {
    expect(netlinkNestedAttribute(msg, a, x)).toBe(want);
    expect(exec(asm(`ld #${a}\nldx #${x}\nld #nlan\nret a`), nl, 'linux').verdict).toBe(want);
  });

  it('bounds: A past len - 4, a short packet, attribute lengths under 4 or past the end', () => {
    expect(netlinkAttribute(msg, msg.length - 3, 1)).toBe(0);
    expect(netlinkAttribute(msg, 0xffffffff, 1)).toBe(0);
    expect(netlinkAttribute(hex('0400'), 0, 0)).toBe(0);
    expect(netlinkAttribute(hex('0300 0100 00000000'), 0, 1)).toBe(0); // nla_len < 4 stops the walk
    expect(netlinkAttribute(hex('0c00 0100 00000000'), 0, 1)).toBe(0); // nla_len > remaining
    expect(netlinkAttribute(hex('0400 0100'), 0, 1)).toBe(0); // found at offset 0 reads as "none"
    expect(netlinkAttribute(hex('00000000 0400 0100'), 4, 1)).toBe(4);
    expect(netlinkNestedAttribute(hex('00000000 2000 0100 0400 0200'), 4, 2)).toBe(0); // nest len > len - A
    expect(netlinkNestedAttribute(hex('00000000 0800 0100 0400 0200'), 4, 2)).toBe(8);
    expect(netlinkNestedAttribute(hex('00000000 0200 0100 0400 0200'), 4, 2)).toBe(0); // nest len < 4
    expect(netlinkAttribute(hex('00000000 0400 ff3f'), 4, 0x3fff)).toBe(4);
    expect(netlinkAttribute(hex('00000000 0400 ff3f'), 4, 0x7fff)).toBe(0); // X > 0x3fff never matches
  });
});
