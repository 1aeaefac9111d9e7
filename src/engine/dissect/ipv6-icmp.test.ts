// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  concat,
  ethernet,
  icmp,
  icmpv6,
  ipv4Packet,
  ipv6,
  ipv6Packet,
  mac,
  u16,
  u32,
  udp,
} from '../../../scripts/lib/packets.ts';
import { dissect } from './dissect.ts';
import { find, findAll } from './testdata/tree.ts';

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const frame6 = (payload: Uint8Array) => ethernet({ dst: B, src: A, type: 0x86dd, payload });
const frame4 = (payload: Uint8Array) => ethernet({ dst: B, src: A, type: 0x0800, payload });
const udpTo = (src: string, dst: string) =>
  udp({ src, dst, srcPort: 5000, dstPort: 5001, payload: Uint8Array.of(1, 2, 3, 4) });

describe('IPv6 header', () => {
  const d = dissect(
    frame6(
      ipv6Packet({
        src: '2001:db8::1',
        dst: '2001:db8::2',
        nextHeader: 17,
        trafficClass: 0xb9,
        flowLabel: 0x12345,
        payload: udpTo('2001:db8::1', '2001:db8::2'),
      }),
    ),
    1,
  );

  it('ties the first word to bit fields and the rest to bytes', () => {
    expect(find(d.fields, 'ipv6.version')).toMatchObject({
      value: 6,
      range: { offset: 14, length: 1, bitMask: 0xf0 },
    });
    expect(find(d.fields, 'ipv6.tclass')).toMatchObject({
      value: 0xb9,
      range: { offset: 14, length: 4, bitMask: 0x0ff00000 },
    });
    expect(find(d.fields, 'ipv6.tclass.dscp')).toMatchObject({ value: 46, range: { bitMask: 0x0fc00000 } });
    expect(find(d.fields, 'ipv6.tclass.ecn')).toMatchObject({ value: 1, range: { bitMask: 0x00300000 } });
    expect(find(d.fields, 'ipv6.flow')).toMatchObject({
      value: 0x12345,
      range: { offset: 15, length: 3, bitMask: 0x0fffff },
    });
    expect(find(d.fields, 'ipv6.plen')).toMatchObject({ value: 12, range: { offset: 18, length: 2 } });
    expect(find(d.fields, 'ipv6.nxt')).toMatchObject({ value: 17, label: 'Next Header: UDP (17)' });
    expect(find(d.fields, 'ipv6.hlim').value).toBe(64);
    expect(find(d.fields, 'ipv6.src')).toMatchObject({
      value: '2001:db8::1',
      range: { offset: 22, length: 16 },
    });
    expect(find(d.fields, 'ipv6.dst')).toMatchObject({
      value: '2001:db8::2',
      range: { offset: 38, length: 16 },
    });
    expect(d.meta).toMatchObject({ protocol: 0x86dd, networkOffset: 14, payloadOffset: 62 });
  });

  it('names IPv4-mapped and IPv4-compatible addresses with the IPv4 address they carry', () => {
    const mapped = dissect(
      frame6(
        ipv6Packet({
          src: '::ffff:192.0.2.1',
          dst: '::192.0.2.2',
          nextHeader: 59,
          payload: new Uint8Array(0),
        }),
      ),
      1,
    );
    const src = find(mapped.fields, 'ipv6.src');
    expect(src.value).toBe('::ffff:192.0.2.1');
    const note = find(src.children, 'teach.ipv4_mapped');
    expect(note).toMatchObject({ note: 'teaching', value: '192.0.2.1', range: { offset: 34, length: 4 } });
    expect(note.label).toContain('IPv4-mapped IPv6 address');
    expect(note.label).toContain('"ip host 192.0.2.1" does not match it');
    const dst = find(mapped.fields, 'ipv6.dst');
    expect(dst.value).toBe('::192.0.2.2');
    expect(find(dst.children, 'teach.ipv4_compatible')).toMatchObject({
      value: '192.0.2.2',
      range: { offset: 50, length: 4 },
    });
    const plain = dissect(
      frame6(ipv6Packet({ src: '::1', dst: '::', nextHeader: 59, payload: new Uint8Array(0) })),
      1,
    );
    expect(findAll(plain.fields, 'teach.ipv4_mapped')).toHaveLength(0);
    expect(findAll(plain.fields, 'teach.ipv4_compatible')).toHaveLength(0);
  });
});

describe('IPv6 extension headers', () => {
  const src = '2001:db8::1';
  const dst = '2001:db8::2';

  it('walks hop-by-hop, routing, destination options and a first fragment to UDP', () => {
    const packet = ipv6Packet({
      src,
      dst,
      nextHeader: 17,
      payload: udpTo(src, dst),
      extensions: [
        { kind: 'hop-by-hop', options: Uint8Array.of(5, 2, 0, 0) },
        { kind: 'routing', routingType: 0, segmentsLeft: 1, addresses: ['2001:db8::99'] },
        { kind: 'destination', options: Uint8Array.of(1, 4, 0, 0, 0, 0) },
        { kind: 'fragment', offset: 0, more: true, id: 0xfeed },
      ],
    });
    const d = dissect(frame6(packet), 1);
    expect(find(d.fields, 'ipv6.hopopts')).toMatchObject({ range: { offset: 54, length: 8 } });
    expect(find(d.fields, 'ipv6.hopopts.nxt')).toMatchObject({ value: 43, range: { offset: 54, length: 1 } });
    expect(find(d.fields, 'ipv6.opt.router_alert')).toMatchObject({
      value: 0,
      range: { offset: 58, length: 2 },
    });
    expect(find(d.fields, 'ipv6.opt.type.action')).toMatchObject({
      range: { offset: 56, length: 1, bitMask: 0xc0 },
    });
    expect(find(d.fields, 'ipv6.routing')).toMatchObject({ range: { offset: 62, length: 24 } });
    expect(find(d.fields, 'ipv6.routing.segleft').value).toBe(1);
    expect(find(d.fields, 'ipv6.routing.src.addr')).toMatchObject({
      value: '2001:db8::99',
      range: { offset: 70, length: 16 },
    });
    expect(find(d.fields, 'ipv6.dstopts')).toMatchObject({ range: { offset: 86, length: 8 } });
    expect(find(d.fields, 'ipv6.opt.padn').range).toEqual({ offset: 90, length: 4 });
    expect(find(d.fields, 'ipv6.fraghdr.offset')).toMatchObject({
      value: 0,
      range: { offset: 96, length: 2, bitMask: 0xfff8 },
    });
    expect(find(d.fields, 'ipv6.fraghdr.more')).toMatchObject({ value: 1, range: { bitMask: 0x0001 } });
    expect(find(d.fields, 'ipv6.fraghdr.ident').value).toBe(0xfeed);
    expect(find(d.fields, 'udp.srcport').range.offset).toBe(102);
    // The flow dissector steps over extension headers: poff is after the UDP header.
    expect(d.meta.payloadOffset).toBe(110);
    expect(d.summary.protocol).toBe('UDP');
  });

  it('says a later fragment has no upper-layer header', () => {
    const packet = ipv6Packet({
      src,
      dst,
      nextHeader: 17,
      payload: new Uint8Array(16),
      extensions: [{ kind: 'fragment', offset: 48, more: false, id: 7 }],
    });
    const d = dissect(frame6(packet), 1);
    expect(find(d.fields, 'ipv6.fraghdr.offset').value).toBe(6);
    expect(find(d.fields, 'teach.fragment').label).toContain('No transport header here');
    expect(find(d.fields, 'data')).toMatchObject({ range: { offset: 62, length: 16 } });
    expect(d.summary).toMatchObject({
      protocol: 'IPv6',
      info: 'IPv6 fragment (off=48 more=n ident=0x00000007 nxt=17)',
    });
    expect(d.meta.payloadOffset).toBe(62);
  });

  it('reads the authentication header, where the flow dissector stops', () => {
    const ah = concat(Uint8Array.of(17, 4), u16(0), u32(0x1000), u32(9), new Uint8Array(12));
    const d = dissect(
      frame6(ipv6Packet({ src, dst, nextHeader: 51, payload: concat(ah, udpTo(src, dst)) })),
      1,
    );
    expect(find(d.fields, 'ah')).toMatchObject({ range: { offset: 54, length: 24 } });
    expect(find(d.fields, 'ah.spi')).toMatchObject({ value: 0x1000, range: { offset: 58, length: 4 } });
    expect(find(d.fields, 'ah.sequence').value).toBe(9);
    expect(find(d.fields, 'ah.icv').range).toEqual({ offset: 66, length: 12 });
    expect(find(d.fields, 'udp.srcport').range.offset).toBe(78);
    expect(d.meta.payloadOffset).toBe(54);
  });
});

describe('ICMP', () => {
  it('decodes echo with a verified checksum', () => {
    const echo = icmp({ type: 8, rest: concat(u16(0x4242), u16(1)), payload: Uint8Array.of(1, 2, 3, 4) });
    const d = dissect(
      frame4(ipv4Packet({ src: '192.0.2.1', dst: '192.0.2.2', protocol: 1, payload: echo })),
      1,
    );
    expect(find(d.fields, 'icmp.type')).toMatchObject({ value: 8, range: { offset: 34, length: 1 } });
    expect(find(d.fields, 'icmp.checksum').label).toMatch(/\[correct\]$/);
    expect(find(d.fields, 'icmp.ident')).toMatchObject({ value: 0x4242, range: { offset: 38, length: 2 } });
    expect(find(d.fields, 'icmp.seq')).toMatchObject({ value: 1, range: { offset: 40, length: 2 } });
    expect(d.summary.info).toBe('Echo (ping) request  id=0x4242, seq=1/256, ttl=64');
    expect(d.meta.payloadOffset).toBe(42);
  });

  it('dissects the quoted datagram of an error without letting it change the summary', () => {
    const quoted = ipv4Packet({
      src: '192.0.2.1',
      dst: '192.0.2.9',
      protocol: 17,
      payload: udpTo('192.0.2.1', '192.0.2.9'),
    });
    const error = icmp({ type: 3, code: 3, payload: quoted.subarray(0, 28) });
    const d = dissect(
      frame4(ipv4Packet({ src: '192.0.2.9', dst: '192.0.2.1', protocol: 1, payload: error })),
      1,
    );
    expect(findAll(d.fields, 'ip.src').map((f) => [f.value, f.range.offset])).toEqual([
      ['192.0.2.9', 26],
      ['192.0.2.1', 54],
    ]);
    expect(find(d.fields, 'udp.dstport')).toMatchObject({ value: 5001, range: { offset: 64, length: 2 } });
    expect(d.summary).toMatchObject({
      source: '192.0.2.9',
      protocol: 'ICMP',
      info: 'Destination unreachable (Port unreachable)',
    });
    expect(d.meta).toMatchObject({ networkOffset: 14, payloadOffset: 42 });
  });
});

describe('ICMPv6', () => {
  const src = 'fe80::1';
  const dst = 'ff02::1:ff00:2';
  const ll = (type: number, m: string) => concat(Uint8Array.of(type, 1), mac(m));

  it('reads a neighbor solicitation and its link-layer option; verifies the pseudo-header checksum', () => {
    const ns = icmpv6({ src, dst, type: 135, body: concat(u32(0), ipv6('2001:db8::2'), ll(1, A)) });
    const d = dissect(frame6(ipv6Packet({ src, dst, nextHeader: 58, hopLimit: 255, payload: ns })), 1);
    expect(find(d.fields, 'icmpv6.type')).toMatchObject({ value: 135, range: { offset: 54, length: 1 } });
    expect(find(d.fields, 'icmpv6.checksum').label).toMatch(/\[correct\]$/);
    expect(find(d.fields, 'icmpv6.nd.ns.target_address')).toMatchObject({
      value: '2001:db8::2',
      range: { offset: 62, length: 16 },
    });
    expect(find(d.fields, 'icmpv6.opt')).toMatchObject({ range: { offset: 78, length: 8 } });
    expect(find(d.fields, 'icmpv6.opt.linkaddr')).toMatchObject({
      value: A,
      range: { offset: 80, length: 6 },
    });
    expect(d.summary.info).toBe(`Neighbor Solicitation for 2001:db8::2 from ${A}`);
    const bad = d.bytes.slice();
    bad[70] = bad[70]! ^ 1;
    expect(find(dissect(bad, 1).fields, 'icmpv6.checksum').note).toBe('warning');
  });

  it('gives neighbor advertisement flags 32-bit masks', () => {
    const na = icmpv6({ src, dst, type: 136, body: concat(u32(0x60000000), ipv6('2001:db8::2'), ll(2, B)) });
    const d = dissect(frame6(ipv6Packet({ src, dst, nextHeader: 58, payload: na })), 1);
    expect(find(d.fields, 'icmpv6.nd.na.flag.r')).toMatchObject({
      value: 0,
      range: { offset: 58, length: 4, bitMask: 0x80000000 },
    });
    expect(find(d.fields, 'icmpv6.nd.na.flag.s')).toMatchObject({ value: 1, range: { bitMask: 0x40000000 } });
    expect(find(d.fields, 'icmpv6.nd.na.flag.o')).toMatchObject({ value: 1, range: { bitMask: 0x20000000 } });
    expect(d.summary.info).toBe(`Neighbor Advertisement 2001:db8::2 (sol, ovr) is at ${B}`);
  });

  it('reads a router advertisement with prefix and MTU options', () => {
    const prefix = concat(
      Uint8Array.of(3, 4, 64, 0xc0),
      u32(86400),
      u32(14400),
      u32(0),
      ipv6('2001:db8:1::'),
    );
    const mtu = concat(Uint8Array.of(5, 1), u16(0), u32(1500));
    const body = concat(Uint8Array.of(64, 0x08), u16(1800), u32(0), u32(0), ll(1, A), prefix, mtu);
    const d = dissect(
      frame6(
        ipv6Packet({
          src,
          dst: 'ff02::1',
          nextHeader: 58,
          payload: icmpv6({ src, dst: 'ff02::1', type: 134, body }),
        }),
      ),
      1,
    );
    expect(find(d.fields, 'icmpv6.nd.ra.cur_hop_limit').value).toBe(64);
    expect(find(d.fields, 'icmpv6.nd.ra.flag.prf')).toMatchObject({
      value: 1,
      range: { offset: 59, length: 1, bitMask: 0x18 },
    });
    expect(find(d.fields, 'icmpv6.nd.ra.router_lifetime').value).toBe(1800);
    expect(find(d.fields, 'icmpv6.opt.prefix')).toMatchObject({
      value: '2001:db8:1::',
      range: { offset: 94, length: 16 },
    });
    expect(find(d.fields, 'icmpv6.opt.prefix.flag.a')).toMatchObject({
      value: 1,
      range: { offset: 81, length: 1, bitMask: 0x40 },
    });
    expect(find(d.fields, 'icmpv6.opt.mtu').value).toBe(1500);
    expect(d.summary.info).toBe(`Router Advertisement from ${A}`);
    expect(d.meta.pktType).toBe(0);
  });

  it('quotes the offending packet of a Packet Too Big error', () => {
    const inner = ipv6Packet({
      src: '2001:db8::1',
      dst: '2001:db8::9',
      nextHeader: 17,
      payload: udpTo('2001:db8::1', '2001:db8::9'),
    });
    const ptb = icmpv6({ src: '2001:db8::fe', dst: '2001:db8::1', type: 2, body: concat(u32(1280), inner) });
    const d = dissect(
      frame6(ipv6Packet({ src: '2001:db8::fe', dst: '2001:db8::1', nextHeader: 58, payload: ptb })),
      1,
    );
    expect(find(d.fields, 'icmpv6.mtu')).toMatchObject({ value: 1280, range: { offset: 58, length: 4 } });
    expect(findAll(d.fields, 'ipv6.dst').map((f) => f.value)).toEqual(['2001:db8::1', '2001:db8::9']);
    expect(d.summary).toMatchObject({ protocol: 'ICMPv6', info: 'Packet Too Big', source: '2001:db8::fe' });
  });
});
