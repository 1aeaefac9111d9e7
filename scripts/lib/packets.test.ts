// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  concat,
  crc32c,
  DNS_TYPE,
  dnsMessage,
  ETHERTYPE,
  ethernet,
  IPPROTO,
  icmpv6,
  internetChecksum,
  ipv4,
  ipv4Packet,
  ipv6,
  ipv6Packet,
  sctp,
  sctpChunk,
  tcp,
  u16,
  u32,
  udp,
} from './packets.ts';

/** The pseudo-header sum check: a correct transport checksum makes the total fold to 0. */
function transportVerifies(src: string, dst: string, proto: number, seg: Uint8Array): boolean {
  const s = src.includes(':') ? ipv6(src) : ipv4(src);
  const d = dst.includes(':') ? ipv6(dst) : ipv4(dst);
  const pseudo =
    s.length === 4
      ? concat(s, d, Uint8Array.of(0, proto), u16(seg.length))
      : concat(s, d, u32(seg.length), Uint8Array.of(0, 0, 0, proto));
  return internetChecksum(pseudo, seg) === 0;
}

describe('packet builders', () => {
  it('parses addresses, including :: and embedded IPv4', () => {
    expect([...ipv6('2001:db8::1')]).toEqual([0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1]);
    expect([...ipv6('::ffff:192.0.2.1')]).toEqual([...Array(10).fill(0), 0xff, 0xff, 192, 0, 2, 1]);
    expect([...ipv6('::192.0.2.1')]).toEqual([...Array(12).fill(0), 192, 0, 2, 1]);
    expect(() => ipv4('256.0.0.1')).toThrow();
  });

  it('computes the RFC 1071 checksum and CRC-32C check values', () => {
    // RFC 1071 §3 example words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
    expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7))).toBe(0x220d);
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('builds IPv4 headers whose checksum verifies, with fragment fields', () => {
    const p = ipv4Packet({
      src: '192.0.2.1',
      dst: '198.51.100.2',
      protocol: 17,
      payload: new Uint8Array(8),
      id: 7,
      moreFragments: true,
      fragmentOffset: 1480,
    });
    expect(internetChecksum(p.subarray(0, 20))).toBe(0);
    expect([p[6], p[7]]).toEqual([0x20 | (185 >> 8), 185 & 0xff]);
    expect((p[2]! << 8) | p[3]!).toBe(28);
  });

  it('builds UDP, TCP and ICMPv6 over IPv4 and IPv6 with verifying checksums', () => {
    for (const [src, dst] of [
      ['192.0.2.1', '203.0.113.9'],
      ['2001:db8::1', '::ffff:192.0.2.1'],
    ] as const) {
      expect(
        transportVerifies(
          src,
          dst,
          17,
          udp({ src, dst, srcPort: 1, dstPort: 2, payload: Uint8Array.of(1, 2, 3) }),
        ),
      ).toBe(true);
      const seg = tcp({
        src,
        dst,
        srcPort: 1,
        dstPort: 2,
        seq: 5,
        flags: 'S',
        options: Uint8Array.of(2, 4, 5, 0xb4),
        payload: Uint8Array.of(9),
      });
      expect(transportVerifies(src, dst, 6, seg)).toBe(true);
      expect(seg[12]! >> 4).toBe(6);
    }
    const m = icmpv6({ src: '2001:db8::1', dst: 'ff02::1', type: 128, body: new Uint8Array(5) });
    expect(transportVerifies('2001:db8::1', 'ff02::1', 58, m)).toBe(true);
  });

  it('chains IPv6 extension headers, each a multiple of 8 bytes', () => {
    const p = ipv6Packet({
      src: '2001:db8::1',
      dst: '2001:db8::2',
      nextHeader: IPPROTO.UDP,
      payload: new Uint8Array(8),
      extensions: [
        { kind: 'hop-by-hop', options: Uint8Array.of(5, 2, 0, 0) },
        { kind: 'routing', addresses: ['2001:db8::3'] },
        { kind: 'fragment', offset: 0, more: true, id: 1 },
        { kind: 'destination' },
      ],
    });
    expect(p[6]).toBe(IPPROTO.HOPOPTS);
    let at = 40;
    const chain = [];
    let next = p[6]!;
    while (next !== IPPROTO.UDP) {
      chain.push(next);
      const len = next === IPPROTO.FRAGMENT ? 8 : (p[at + 1]! + 1) * 8;
      next = p[at]!;
      at += len;
    }
    expect(chain).toEqual([IPPROTO.HOPOPTS, IPPROTO.ROUTING, IPPROTO.FRAGMENT, IPPROTO.DSTOPTS]);
    expect(at + 8).toBe(p.length);
    expect((p[4]! << 8) | p[5]!).toBe(p.length - 40);
  });

  it('puts VLAN tags between the addresses and the EtherType, outermost first', () => {
    const f = ethernet({
      dst: '02:00:00:00:00:02',
      src: '02:00:00:00:00:01',
      type: ETHERTYPE.IPV4,
      payload: new Uint8Array(1),
      tags: [
        { tpid: ETHERTYPE.QINQ, vid: 200 },
        { vid: 100, pcp: 5 },
      ],
    });
    expect([...f.subarray(12, 22)]).toEqual([0x88, 0xa8, 0x00, 200, 0x81, 0x00, 0xa0, 100, 0x08, 0x00]);
  });

  it('stores the SCTP CRC-32C so that recomputing over a zeroed field matches it', () => {
    const p = sctp({
      srcPort: 1,
      dstPort: 2,
      verificationTag: 3,
      chunks: [sctpChunk(0, 3, new Uint8Array(5))],
    });
    const zeroed = p.slice();
    zeroed.fill(0, 8, 12);
    const crc = crc32c(zeroed);
    expect([...p.subarray(8, 12)]).toEqual([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24]);
    expect(p.length % 4).toBe(0);
  });

  it('compresses DNS names against earlier suffixes, and frames DNS over TCP', () => {
    const m = dnsMessage({
      id: 1,
      flags: { response: true },
      questions: [{ name: 'www.example.com', type: DNS_TYPE.A }],
      answers: [
        { name: 'www.example.com', type: DNS_TYPE.CNAME, ttl: 1, data: { name: 'web.example.com' } },
        { name: 'web.example.com', type: DNS_TYPE.A, ttl: 1, data: { a: '192.0.2.1' } },
      ],
    });
    // Question name at 12: 3www7example3com0 (17 bytes); the answer's owner is a pointer to 12.
    expect([m[12 + 17 + 4], m[12 + 17 + 5]]).toEqual([0xc0, 12]);
    // CNAME data: 3web then a pointer to "example.com" at offset 16.
    const rdata = 12 + 17 + 4 + 2 + 10;
    expect([...m.subarray(rdata, rdata + 6)]).toEqual([3, 0x77, 0x65, 0x62, 0xc0, 16]);
    const t = dnsMessage({ id: 1, flags: {}, questions: [] }, true);
    expect([...t.subarray(0, 2)]).toEqual([0, 12]);
  });
});
