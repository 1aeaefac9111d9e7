// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  concat,
  ethernet,
  gre,
  igmp,
  ipv4,
  ipv4Packet,
  sctp,
  sctpChunk,
  u16,
  u32,
  udp,
  vxlan,
} from '../../../scripts/lib/packets.ts';
import { dissect } from './dissect.ts';
import { find, findAll } from './testdata/tree.ts';

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const frame = (protocol: number, payload: Uint8Array, src = '192.0.2.1', dst = '192.0.2.2') =>
  ethernet({ dst: B, src: A, type: 0x0800, payload: ipv4Packet({ src, dst, protocol, payload }) });
const innerUdp = ipv4Packet({
  src: '10.0.0.1',
  dst: '10.0.0.2',
  protocol: 17,
  payload: udp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1000, dstPort: 2000, payload: Uint8Array.of(9) }),
});

describe('GRE', () => {
  it('reads flags as bits, the key, and the encapsulated packet by EtherType', () => {
    const d = dissect(frame(47, gre({ protocol: 0x0800, key: 0xabcd, payload: innerUdp })), 1);
    expect(find(d.fields, 'gre.flags_and_version')).toMatchObject({
      value: 0x2000,
      range: { offset: 34, length: 2 },
    });
    expect(find(d.fields, 'gre.flags.key')).toMatchObject({
      value: 1,
      range: { offset: 34, length: 2, bitMask: 0x2000 },
    });
    expect(find(d.fields, 'gre.flags.version')).toMatchObject({ value: 0, range: { bitMask: 0x0007 } });
    expect(find(d.fields, 'gre.proto')).toMatchObject({ value: 0x0800, range: { offset: 36, length: 2 } });
    expect(find(d.fields, 'gre.key')).toMatchObject({ value: 0xabcd, range: { offset: 38, length: 4 } });
    expect(findAll(d.fields, 'ip.src').map((f) => [f.value, f.range.offset])).toEqual([
      ['192.0.2.1', 26],
      ['10.0.0.1', 54],
    ]);
    expect(d.summary).toMatchObject({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 'UDP' });
    // The flow dissector descends into GRE: poff is after the inner UDP header; the network
    // header stays the outer one.
    expect(d.meta).toMatchObject({ networkOffset: 14, payloadOffset: 70 });
  });
});

describe('VXLAN', () => {
  it('decodes the VNI and the inner Ethernet frame on UDP 4789', () => {
    const inner = ethernet({
      dst: '02:00:00:00:00:0b',
      src: '02:00:00:00:00:0a',
      type: 0x0800,
      payload: innerUdp,
    });
    const outer = udp({
      src: '192.0.2.1',
      dst: '192.0.2.2',
      srcPort: 49000,
      dstPort: 4789,
      payload: vxlan({ vni: 5001, payload: inner }),
    });
    const d = dissect(frame(17, outer), 1);
    expect(find(d.fields, 'vxlan.flags')).toMatchObject({ value: 0x0800, range: { offset: 42, length: 2 } });
    expect(find(d.fields, 'vxlan.flag_i')).toMatchObject({ value: 1, range: { bitMask: 0x0800 } });
    expect(find(d.fields, 'vxlan.vni')).toMatchObject({ value: 5001, range: { offset: 46, length: 3 } });
    expect(findAll(d.fields, 'eth.type').map((f) => f.range.offset)).toEqual([12, 62]);
    expect(findAll(d.fields, 'ip.dst').map((f) => f.value)).toEqual(['192.0.2.2', '10.0.0.2']);
    expect(d.summary).toMatchObject({ protocol: 'UDP', source: '10.0.0.1', info: '1000 → 2000 Len=1' });
    // VXLAN rides on UDP, where the kernel's flow dissector stops.
    expect(d.meta).toMatchObject({ networkOffset: 14, payloadOffset: 42, protocol: 0x0800 });
  });
});

describe('SCTP', () => {
  it('reads the common header and each chunk with its padding', () => {
    const init = sctpChunk(1, 0, concat(u32(0x11223344), u32(65536), u16(10), u16(10), u32(1)));
    const data = sctpChunk(0, 3, concat(u32(7), u16(0), u16(0), u32(46), Uint8Array.of(1, 2, 3)));
    const d = dissect(
      frame(132, sctp({ srcPort: 5000, dstPort: 5001, verificationTag: 0xdeadbeef, chunks: [init, data] })),
      1,
    );
    expect(find(d.fields, 'sctp.srcport')).toMatchObject({ value: 5000, range: { offset: 34, length: 2 } });
    expect(find(d.fields, 'sctp.verification_tag')).toMatchObject({
      value: 0xdeadbeef,
      range: { offset: 38, length: 4 },
    });
    const chunks = findAll(d.fields, 'sctp.chunk');
    expect(chunks.map((c) => [c.value, c.range.offset, c.range.length])).toEqual([
      [1, 46, 20],
      [0, 66, 20],
    ]);
    expect(find(d.fields, 'sctp.init_initiate_tag')).toMatchObject({
      value: 0x11223344,
      range: { offset: 50, length: 4 },
    });
    expect(find(d.fields, 'sctp.data_e_bit')).toMatchObject({
      value: 1,
      range: { offset: 67, length: 1, bitMask: 0x01 },
    });
    expect(find(d.fields, 'sctp.data_payload_proto_id').value).toBe(46);
    expect(find(d.fields, 'sctp.chunk_padding').range).toEqual({ offset: 85, length: 1 });
    expect(d.summary).toMatchObject({ protocol: 'SCTP', info: 'INIT DATA (TSN=7)' });
    expect(d.meta.payloadOffset).toBe(46);
  });
});

describe('IGMP', () => {
  const group = '233.252.0.1';

  it('tells v1, v2 and v3 apart by type and length', () => {
    const v1 = dissect(frame(2, igmp({ type: 0x11, maxResponse: 0, group: '0.0.0.0' })), 1);
    expect(find(v1.fields, 'igmp.version').value).toBe(1);
    expect(v1.summary).toMatchObject({ protocol: 'IGMPv1', info: 'Membership Query, general' });
    const v2 = dissect(frame(2, igmp({ type: 0x16, maxResponse: 0, group }), '192.0.2.1', group), 1);
    expect(find(v2.fields, 'igmp.maddr')).toMatchObject({ value: group, range: { offset: 38, length: 4 } });
    expect(find(v2.fields, 'igmp.checksum').label).toMatch(/\[correct\]$/);
    expect(v2.summary).toMatchObject({ protocol: 'IGMPv2', info: `Membership Report group ${group}` });
    const leave = dissect(frame(2, igmp({ type: 0x17, group }), '192.0.2.1', '224.0.0.2'), 1);
    expect(leave.summary.info).toBe(`Leave Group ${group}`);
    expect(leave.meta.pktType).toBe(0);
  });

  it('reads v3 queries and reports with their group records', () => {
    const query = concat(
      Uint8Array.of(0x11, 100, 0, 0),
      ipv4(group),
      Uint8Array.of(0x0a, 125),
      u16(1),
      ipv4('192.0.2.9'),
    );
    const q = dissect(frame(2, query), 1);
    expect(find(q.fields, 'igmp.version').value).toBe(3);
    expect(find(q.fields, 'igmp.s')).toMatchObject({
      value: 1,
      range: { offset: 42, length: 1, bitMask: 0x08 },
    });
    expect(find(q.fields, 'igmp.qrv')).toMatchObject({ value: 2, range: { bitMask: 0x07 } });
    expect(find(q.fields, 'igmp.saddr')).toMatchObject({
      value: '192.0.2.9',
      range: { offset: 46, length: 4 },
    });
    const record = concat(Uint8Array.of(4, 0), u16(0), ipv4(group));
    const report = dissect(frame(2, concat(Uint8Array.of(0x22, 0, 0, 0), u16(0), u16(1), record)), 1);
    expect(find(report.fields, 'igmp.record')).toMatchObject({ range: { offset: 42, length: 8 } });
    expect(find(report.fields, 'igmp.record_type').value).toBe(4);
    expect(report.summary).toMatchObject({
      protocol: 'IGMPv3',
      info: `Membership Report / Join group ${group} for any sources`,
    });
  });
});
