// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { dissect } from './dissect.ts';
import { find, findAll, hexToBytes } from './testdata/tree.ts';

/** IPv4 + UDP 40000 → 9999 with 4 payload bytes (correct header checksum). */
const IP_UDP = '450000201234400040113c62c0000201c63364029c40270f000c000061626364';

// Broadcast frame, outer 802.1ad tag (PCP 1, VID 100), inner 802.1Q tag (PCP 5, DEI 1, VID 200), IPv4.
const QINQ = hexToBytes(`ffffffffffff 020000000001 88a8 2064 8100 b0c8 0800 ${IP_UDP}`);

describe('Ethernet II', () => {
  it('has addresses with their I/G and U/L bits, and the EtherType', () => {
    const d = dissect(hexToBytes(`020000000002 020000000001 0800 ${IP_UDP}`), 1);
    expect(find(d.fields, 'eth.dst')).toMatchObject({
      value: '02:00:00:00:00:02',
      range: { offset: 0, length: 6 },
    });
    expect(find(d.fields, 'eth.src')).toMatchObject({
      value: '02:00:00:00:00:01',
      range: { offset: 6, length: 6 },
    });
    expect(find(d.fields, 'eth.dst.ig')).toMatchObject({
      value: 0,
      range: { offset: 0, length: 1, bitMask: 0x01 },
    });
    expect(find(d.fields, 'eth.dst.lg')).toMatchObject({
      value: 1,
      range: { offset: 0, length: 1, bitMask: 0x02 },
    });
    expect(find(d.fields, 'eth.type')).toMatchObject({ value: 0x0800, label: 'Type: IPv4 (0x0800)' });
    expect(d.meta).toMatchObject({
      protocol: 0x0800,
      pktType: 0,
      hatype: 1,
      linkOffset: 0,
      networkOffset: 14,
    });
  });

  it('marks the padding of a short frame', () => {
    const arp = hexToBytes(`ffffffffffff 020000000001 0806
      0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202 ${'00'.repeat(18)}`);
    const d = dissect(arp, 1);
    expect(find(d.fields, 'arp').range).toEqual({ offset: 14, length: 28 });
    expect(find(d.fields, 'eth.padding').range).toEqual({ offset: 42, length: 18 });
    expect(find(d.fields, 'arp.opcode')).toMatchObject({ value: 1, range: { offset: 20, length: 2 } });
    expect(find(d.fields, 'arp.src.hw_mac')).toMatchObject({
      value: '02:00:00:00:00:01',
      range: { offset: 22, length: 6 },
    });
    expect(find(d.fields, 'arp.src.proto_ipv4')).toMatchObject({
      value: '192.0.2.1',
      range: { offset: 28, length: 4 },
    });
    expect(find(d.fields, 'arp.dst.proto_ipv4')).toMatchObject({
      value: '192.0.2.2',
      range: { offset: 38, length: 4 },
    });
    expect(d.summary).toMatchObject({
      protocol: 'ARP',
      info: 'Who has 192.0.2.2? Tell 192.0.2.1',
      destination: 'ff:ff:ff:ff:ff:ff',
    });
    expect(d.meta).toMatchObject({ protocol: 0x0806, pktType: 1, networkOffset: 14, payloadOffset: 14 });
  });

  it('reads 802.3 frames through LLC, and SNAP to an EtherType', () => {
    const snap = dissect(hexToBytes(`020000000002 020000000001 0028 aaaa03 000000 0800 ${IP_UDP}`), 1);
    expect(find(snap.fields, 'eth.len')).toMatchObject({ value: 40, range: { offset: 12, length: 2 } });
    expect(find(snap.fields, 'llc.dsap').value).toBe(0xaa);
    expect(find(snap.fields, 'llc.oui')).toMatchObject({ value: 0, range: { offset: 17, length: 3 } });
    expect(find(snap.fields, 'llc.type')).toMatchObject({ value: 0x0800, range: { offset: 20, length: 2 } });
    expect(find(snap.fields, 'ip.src').range.offset).toBe(34);
    // eth_type_trans: an 802.3 frame's skb->protocol is ETH_P_802_2.
    expect(snap.meta.protocol).toBe(0x0004);
    const stp = dissect(hexToBytes(`0180c2000000 020000000001 0026 424203 ${'00'.repeat(35)}`), 1);
    expect(find(stp.fields, 'llc.dsap').label).toBe('DSAP: Spanning Tree BPDU (0x42)');
    expect(find(stp.fields, 'llc.control')).toMatchObject({ value: 3, range: { offset: 16, length: 1 } });
    expect(find(stp.fields, 'data').range).toEqual({ offset: 17, length: 35 });
    expect(stp.meta.pktType).toBe(2);
  });
});

describe('VLAN tags', () => {
  const d = dissect(QINQ, 1);

  it('splits each TCI into PCP, DEI and VID bits', () => {
    expect(find(d.fields, 'ieee8021ad.priority')).toMatchObject({
      value: 1,
      range: { offset: 14, length: 2, bitMask: 0xe000 },
    });
    expect(find(d.fields, 'ieee8021ad.id')).toMatchObject({
      value: 100,
      range: { offset: 14, length: 2, bitMask: 0x0fff },
    });
    expect(find(d.fields, 'ieee8021ah.etype')).toMatchObject({
      value: 0x8100,
      range: { offset: 16, length: 2 },
    });
    expect(find(d.fields, 'vlan.priority')).toMatchObject({
      value: 5,
      range: { offset: 18, length: 2, bitMask: 0xe000 },
    });
    expect(find(d.fields, 'vlan.dei')).toMatchObject({
      value: 1,
      range: { offset: 18, length: 2, bitMask: 0x1000 },
    });
    expect(find(d.fields, 'vlan.id')).toMatchObject({
      value: 200,
      range: { offset: 18, length: 2, bitMask: 0x0fff },
    });
    expect(find(d.fields, 'vlan.etype').value).toBe(0x0800);
    expect(find(d.fields, 'ip.src').range.offset).toBe(34);
  });

  it('explains that each tag shifts the offsets after it', () => {
    const notes = findAll(d.fields, 'teach.vlan_shift');
    expect(notes.map((n) => n.range)).toEqual([
      { offset: 12, length: 4 },
      { offset: 16, length: 4 },
    ]);
    expect(notes[0]!.label).toContain('sits 4 bytes later than in an untagged frame');
    expect(notes[1]!.label).toContain('sits 8 bytes later');
    expect(notes[1]!.label).toContain('the EtherType is at byte 20 here, not 12');
    expect(notes.every((n) => n.note === 'teaching')).toBe(true);
  });

  it('without offload the filter sees the tags in the bytes', () => {
    expect(d.bytes).toBe(QINQ);
    expect(d.meta).toMatchObject({ protocol: 0x88a8, pktType: 1, networkOffset: 22 });
    expect(d.meta.vlanPresent).toBeUndefined();
  });

  it('with offload Linux strips the outer tag into metadata', () => {
    const off = dissect(QINQ, 1, { vlanOffload: true });
    expect(off.bytes.length).toBe(QINQ.length - 4);
    expect(Array.from(off.bytes.subarray(12, 16))).toEqual([0x81, 0x00, 0xb0, 0xc8]);
    expect(off.wireLength).toBe(QINQ.length - 4);
    expect(off.meta).toMatchObject({
      vlanPresent: true,
      vlanTci: 0x2064,
      vlanTpid: 0x88a8,
      protocol: 0x8100,
      networkOffset: 18,
    });
    // Offsets now refer to the stripped bytes.
    expect(find(off.fields, 'vlan.id').range.offset).toBe(14);
    expect(find(off.fields, 'ip.src').range.offset).toBe(30);
    expect(findAll(off.fields, 'ieee8021ad')).toHaveLength(0);
    const note = find(off.fields, 'teach.vlan_offload');
    expect(note.label).toContain('VID 100');
    expect(note.label).toContain('vlan_tci');
  });

  it('with offload a single 802.1Q tag leaves the inner EtherType as protocol', () => {
    const single = hexToBytes(`020000000002 020000000001 8100 0064 0800 ${IP_UDP}`);
    const off = dissect(single, 1, { vlanOffload: true });
    expect(off.meta).toMatchObject({ vlanPresent: true, vlanTci: 100, vlanTpid: 0x8100, protocol: 0x0800 });
    expect(find(off.fields, 'ip.src').range.offset).toBe(26);
    const untagged = dissect(off.bytes, 1, { vlanOffload: true });
    expect(untagged.meta).toMatchObject({ vlanPresent: false, vlanTci: 0, vlanTpid: 0 });
    expect(untagged.bytes).toBe(off.bytes);
  });
});

describe('link types', () => {
  it('LINUX_SLL carries packet type, ARPHRD type and protocol', () => {
    const d = dissect(hexToBytes(`0004 0001 0006 020000000001 0000 0800 ${IP_UDP}`), 113);
    expect(find(d.fields, 'sll.pkttype')).toMatchObject({ value: 4, label: 'Packet type: Sent by us (4)' });
    expect(find(d.fields, 'sll.hatype').value).toBe(1);
    expect(find(d.fields, 'sll.src.eth')).toMatchObject({
      value: '02:00:00:00:00:01',
      range: { offset: 6, length: 6 },
    });
    expect(find(d.fields, 'sll.unused').range).toEqual({ offset: 12, length: 2 });
    expect(find(d.fields, 'sll.etype')).toMatchObject({ value: 0x0800, range: { offset: 14, length: 2 } });
    expect(find(d.fields, 'ip.src').range.offset).toBe(28);
    expect(d.meta).toMatchObject({
      pktType: 4,
      hatype: 1,
      protocol: 0x0800,
      networkOffset: 16,
      payloadOffset: 44,
    });
  });

  it('LINUX_SLL2 adds the interface index', () => {
    const d = dissect(hexToBytes(`86dd 0000 00000003 0001 02 06 020000000001 0000 ${'60'}`), 276);
    expect(find(d.fields, 'sll.etype').range).toEqual({ offset: 0, length: 2 });
    expect(find(d.fields, 'sll.ifindex')).toMatchObject({ value: 3, range: { offset: 4, length: 4 } });
    expect(find(d.fields, 'sll.pkttype')).toMatchObject({ value: 2, range: { offset: 10, length: 1 } });
    expect(d.meta).toMatchObject({ ifindex: 3, pktType: 2, protocol: 0x86dd, hatype: 1 });
  });

  it('NULL reads the family in either byte order; LOOP in network order', () => {
    const le = dissect(hexToBytes(`02000000 ${IP_UDP}`), 0);
    expect(find(le.fields, 'null.family')).toMatchObject({ value: 2, range: { offset: 0, length: 4 } });
    expect(find(le.fields, 'ip.src').range.offset).toBe(16);
    const be = dissect(hexToBytes(`0000001e 6000000000083b40 ${'00'.repeat(32)}`), 0);
    expect(find(be.fields, 'null.family').value).toBe(30);
    expect(be.meta.protocol).toBe(0x86dd);
    const loop = dissect(hexToBytes(`00000018 6000000000003b40 ${'00'.repeat(32)}`), 108);
    expect(find(loop.fields, 'null.family').value).toBe(24);
    expect(find(loop.fields, 'ipv6').range.offset).toBe(4);
    expect(dissect(hexToBytes(`0000000a 6000000000003b40 ${'00'.repeat(32)}`), 108).meta.protocol).toBe(
      0x86dd,
    );
    expect(findAll(dissect(hexToBytes('00000007 0102'), 108).fields, 'data')).toHaveLength(1);
  });

  it('RAW picks IPv4 or IPv6 from the version nibble; IPV4/IPV6 are fixed', () => {
    for (const linkType of [101, 12, 14, 228]) {
      const d = dissect(hexToBytes(IP_UDP), linkType);
      expect(find(d.fields, 'ip.src').range.offset).toBe(12);
      expect(d.meta).toMatchObject({ protocol: 0x0800, networkOffset: 0, payloadOffset: 28, linkOffset: 0 });
    }
    expect(dissect(hexToBytes(`6000000000003b40 ${'00'.repeat(32)}`), 229).meta.protocol).toBe(0x86dd);
    expect(find(dissect(hexToBytes('ff00'), 101).fields, 'data').range).toEqual({ offset: 0, length: 2 });
  });

  it('an unsupported link type yields a single Data field', () => {
    const d = dissect(hexToBytes(IP_UDP), 147);
    expect(d.fields).toHaveLength(1);
    expect(d.fields[0]).toMatchObject({ name: 'data', range: { offset: 0, length: 32 } });
    expect(d.summary).toMatchObject({ protocol: 'LINKTYPE_147', length: 32 });
    expect(d.meta).toEqual({});
  });
});
