// SPDX-License-Identifier: MIT
/**
 * The traffic of the Ethernet sample captures, one function per story. Each returns frames in
 * order; the generator adds timestamps and writes the files.
 */
import {
  arp,
  concat,
  ETHERTYPE,
  ethernet,
  gre,
  IPPROTO,
  icmp,
  icmpv6,
  igmp,
  ipv4Packet,
  ipv6,
  ipv6Packet,
  mac,
  sctp,
  sctpChunk,
  tcp,
  u16,
  u32,
  udp,
  vxlan,
} from './packets.ts';
import { dnsExchangeA, dnsExchangeAaaa, dnsExchangeMx } from './sample-dns.ts';
import { HOSTS, type Host, ipFrame, tcpConversation, udpFrame } from './sample-net.ts';

const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const { client4, dns4, web4, client6, dns6, web6, router4, router6 } = HOSTS;

/** DNS over UDP and TCP, on IPv4 and IPv6. */
export function dnsScene(): Uint8Array[] {
  const [q4, a4] = dnsExchangeA(0x1a2b, false);
  const [q6, a6] = dnsExchangeAaaa(0x3c4d, false);
  const [qt4, at4] = dnsExchangeMx(0x5e6f);
  const [qt6, at6] = dnsExchangeA(0x7081, true);
  return [
    udpFrame(client4, dns4, 53001, 53, q4),
    udpFrame(dns4, client4, 53, 53001, a4),
    udpFrame(client6, dns6, 53002, 53, q6),
    udpFrame(dns6, client6, 53, 53002, a6),
    ...tcpConversation(client4, dns4, { client: 53003, server: 53 }, [
      { from: 'client', data: qt4 },
      { from: 'server', data: at4 },
    ]),
    ...tcpConversation(client6, dns6, { client: 53004, server: 53 }, [
      { from: 'client', data: qt6 },
      { from: 'server', data: at6 },
    ]),
  ];
}

/** An HTTP/1.1 exchange over TCP: handshake, request, response in two segments, teardown. */
export function tcpScene(): Uint8Array[] {
  const request = text('GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: bpflab-sample\r\n\r\n');
  const body = '<!doctype html><title>example</title><p>Hello from the documentation network.</p>\n';
  const head = text(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n\r\n`);
  return tcpConversation(client4, web4, { client: 49152, server: 80 }, [
    { from: 'client', data: request },
    { from: 'server', data: head },
    { from: 'server', data: text(body) },
  ]);
}

/** Echo request/reply, then a port-unreachable error quoting the datagram that caused it, and a TTL expiry. */
export function icmpScene(): Uint8Array[] {
  const payload = text('abcdefghijklmnopqrstuvwabcdefghi');
  const echo = (type: number, seq: number) => icmp({ type, rest: concat(u16(0x4242), u16(seq)), payload });
  const offending = ipv4Packet({
    src: client4.ip,
    dst: dns4.ip,
    protocol: IPPROTO.UDP,
    id: 0x0bad,
    payload: udp({ src: client4.ip, dst: dns4.ip, srcPort: 40000, dstPort: 33434, payload: text('probe') }),
  });
  const expired = ipv4Packet({
    src: client4.ip,
    dst: web4.ip,
    protocol: IPPROTO.UDP,
    ttl: 1,
    id: 0x0bae,
    payload: udp({ src: client4.ip, dst: web4.ip, srcPort: 40001, dstPort: 33435, payload: text('probe') }),
  });
  return [
    ipFrame(client4, web4, IPPROTO.ICMP, echo(8, 1)),
    ipFrame(web4, client4, IPPROTO.ICMP, echo(0, 1)),
    ipFrame(client4, web4, IPPROTO.ICMP, echo(8, 2)),
    ipFrame(web4, client4, IPPROTO.ICMP, echo(0, 2)),
    ethernet({ dst: dns4.mac, src: client4.mac, type: ETHERTYPE.IPV4, payload: offending }),
    ipFrame(dns4, client4, IPPROTO.ICMP, icmp({ type: 3, code: 3, payload: offending.subarray(0, 28) })),
    ipFrame(router4, client4, IPPROTO.ICMP, icmp({ type: 11, code: 0, payload: expired.subarray(0, 28) })),
  ];
}

/** ICMPv6 echo, neighbour solicitation and advertisement (with link-layer address options). */
export function icmpv6Scene(): Uint8Array[] {
  const solicited = 'ff02::1:ff00:1';
  const nsBody = concat(u32(0), ipv6(router6.ip), Uint8Array.of(1, 1), mac(client6.mac));
  const naBody = concat(u32(0x60000000), ipv6(router6.ip), Uint8Array.of(2, 1), mac(router6.mac));
  const ns = icmpv6({ src: client6.ip, dst: solicited, type: 135, body: nsBody });
  const na = icmpv6({ src: router6.ip, dst: client6.ip, type: 136, body: naBody });
  const echoBody = (seq: number) => concat(u16(0x6666), u16(seq), text('bpflab ping6 payload'));
  const toWeb = (type: number, seq: number, a: Host, b: Host) =>
    ipFrame(a, b, IPPROTO.ICMPV6, icmpv6({ src: a.ip, dst: b.ip, type, body: echoBody(seq) }));
  const nsFrame = ethernet({
    dst: '33:33:ff:00:00:01',
    src: client6.mac,
    type: ETHERTYPE.IPV6,
    payload: ipv6Packet({
      src: client6.ip,
      dst: solicited,
      nextHeader: IPPROTO.ICMPV6,
      payload: ns,
      hopLimit: 255,
    }),
  });
  const naFrame = ethernet({
    dst: client6.mac,
    src: router6.mac,
    type: ETHERTYPE.IPV6,
    payload: ipv6Packet({
      src: router6.ip,
      dst: client6.ip,
      nextHeader: IPPROTO.ICMPV6,
      payload: na,
      hopLimit: 255,
    }),
  });
  return [nsFrame, naFrame, toWeb(128, 1, client6, web6), toWeb(129, 1, web6, client6)];
}

/** Who has 192.0.2.1? — and the answer, then a gratuitous ARP. */
export function arpScene(): Uint8Array[] {
  const zero = '00:00:00:00:00:00';
  const bcast = 'ff:ff:ff:ff:ff:ff';
  const frame = (dst: string, src: string, payload: Uint8Array) =>
    ethernet({ dst, src, type: ETHERTYPE.ARP, payload });
  return [
    frame(
      bcast,
      client4.mac,
      arp({ op: 1, senderMac: client4.mac, senderIp: client4.ip, targetMac: zero, targetIp: router4.ip }),
    ),
    frame(
      client4.mac,
      router4.mac,
      arp({
        op: 2,
        senderMac: router4.mac,
        senderIp: router4.ip,
        targetMac: client4.mac,
        targetIp: client4.ip,
      }),
    ),
    frame(
      bcast,
      router4.mac,
      arp({ op: 1, senderMac: router4.mac, senderIp: router4.ip, targetMac: zero, targetIp: router4.ip }),
    ),
  ];
}

/** The same DNS query untagged, with one 802.1Q tag, and with 802.1ad + 802.1Q (QinQ). */
export function vlanScene(): Uint8Array[] {
  const [q] = dnsExchangeA(0x0101, false);
  const dot1q = [{ vid: 100, pcp: 3 }];
  const qinq = [
    { tpid: ETHERTYPE.QINQ, vid: 200 },
    { vid: 100, pcp: 3 },
  ];
  const [q6] = dnsExchangeAaaa(0x0102, false);
  return [
    udpFrame(client4, dns4, 53010, 53, q),
    udpFrame(client4, dns4, 53010, 53, q, dot1q),
    udpFrame(client4, dns4, 53010, 53, q, qinq),
    udpFrame(client6, dns6, 53011, 53, q6, dot1q),
    ipFrame(
      client4,
      web4,
      IPPROTO.TCP,
      tcp({ src: client4.ip, dst: web4.ip, srcPort: 49200, dstPort: 80, seq: 1, flags: 'S' }),
      qinq,
    ),
  ];
}

/** IPv6 with hop-by-hop, routing, fragment and destination-options headers over UDP and TCP. */
export function ipv6ExtensionScene(): Uint8Array[] {
  const [q] = dnsExchangeAaaa(0x0201, false);
  const l4udp = udp({ src: client6.ip, dst: dns6.ip, srcPort: 53020, dstPort: 53, payload: q });
  const l4tcp = tcp({ src: client6.ip, dst: web6.ip, srcPort: 49300, dstPort: 80, seq: 7, flags: 'S' });
  const routerAlert = Uint8Array.of(5, 2, 0, 0); // RFC 2711 router alert (MLD)
  const frame = (
    dst: Host,
    nextHeader: number,
    payload: Uint8Array,
    extensions: Parameters<typeof ipv6Packet>[0]['extensions'],
  ) =>
    ethernet({
      dst: dst.mac,
      src: client6.mac,
      type: ETHERTYPE.IPV6,
      payload: ipv6Packet({
        src: client6.ip,
        dst: dst.ip,
        nextHeader,
        payload,
        ...(extensions ? { extensions } : {}),
      }),
    });
  const bulk = Uint8Array.from({ length: 72 }, (_, i) => 0x61 + (i % 26));
  const big = udp({ src: client6.ip, dst: dns6.ip, srcPort: 5000, dstPort: 5001, payload: bulk });
  return [
    frame(dns6, IPPROTO.UDP, l4udp, [{ kind: 'hop-by-hop', options: routerAlert }]),
    frame(web6, IPPROTO.TCP, l4tcp, [
      { kind: 'routing', routingType: 0, segmentsLeft: 0, addresses: ['2001:db8:ffff::1'] },
    ]),
    frame(web6, IPPROTO.TCP, l4tcp, [{ kind: 'destination' }]),
    frame(dns6, IPPROTO.UDP, big.subarray(0, 48), [{ kind: 'fragment', offset: 0, more: true, id: 0xfeed }]),
    frame(dns6, IPPROTO.UDP, big.subarray(48), [{ kind: 'fragment', offset: 48, more: false, id: 0xfeed }]),
    frame(web6, IPPROTO.TCP, l4tcp, [
      { kind: 'hop-by-hop', options: routerAlert },
      { kind: 'destination' },
      { kind: 'routing', routingType: 0, segmentsLeft: 0, addresses: ['2001:db8:ffff::1'] },
    ]),
  ];
}

/** One UDP datagram of 1400 bytes in three IPv4 fragments (first, middle, last), then a DF-set packet. */
export function ipv4FragmentScene(): Uint8Array[] {
  const data = Uint8Array.from({ length: 1400 }, (_, i) => 0x41 + (i % 26));
  const l4 = udp({ src: client4.ip, dst: dns4.ip, srcPort: 5000, dstPort: 5001, payload: data });
  const frag = (from: number, to: number, more: boolean) =>
    ethernet({
      dst: dns4.mac,
      src: client4.mac,
      type: ETHERTYPE.IPV4,
      payload: ipv4Packet({
        src: client4.ip,
        dst: dns4.ip,
        protocol: IPPROTO.UDP,
        id: 0x4242,
        moreFragments: more,
        fragmentOffset: from,
        payload: l4.subarray(from, to),
      }),
    });
  const df = ethernet({
    dst: dns4.mac,
    src: client4.mac,
    type: ETHERTYPE.IPV4,
    payload: ipv4Packet({
      src: client4.ip,
      dst: dns4.ip,
      protocol: IPPROTO.UDP,
      id: 0x4243,
      dontFragment: true,
      payload: udp({ src: client4.ip, dst: dns4.ip, srcPort: 5000, dstPort: 5001, payload: text('small') }),
    }),
  });
  return [frag(0, 600, true), frag(600, 1200, true), frag(1200, l4.length, false), df];
}

/** GRE (IPv4 in GRE with a key) and VXLAN (an Ethernet frame in UDP 4789). */
export function tunnelScene(): Uint8Array[] {
  const inner = ipv4Packet({
    src: '203.0.113.10',
    dst: '203.0.113.20',
    protocol: IPPROTO.ICMP,
    payload: icmp({ type: 8, rest: concat(u16(7), u16(1)), payload: text('through the tunnel') }),
  });
  const greFrame = ipFrame(
    client4,
    web4,
    IPPROTO.GRE,
    gre({ protocol: ETHERTYPE.IPV4, key: 42, payload: inner }),
  );
  const innerEth = ethernet({
    dst: '02:00:00:00:01:02',
    src: '02:00:00:00:01:01',
    type: ETHERTYPE.IPV4,
    payload: inner,
  });
  const vx = udpFrame(client4, web4, 49999, 4789, vxlan({ vni: 5001, payload: innerEth }));
  const teb = ipFrame(client4, web4, IPPROTO.GRE, gre({ protocol: ETHERTYPE.TEB, payload: innerEth }));
  return [greFrame, vx, teb];
}

/** An SCTP association: INIT, INIT ACK, COOKIE ECHO, COOKIE ACK, DATA, SACK. */
export function sctpScene(): Uint8Array[] {
  const ports = { srcPort: 40000, dstPort: 40001 };
  const rev = { srcPort: 40001, dstPort: 40000 };
  const init = (type: number, tag: number, extra: Uint8Array) =>
    sctpChunk(type, 0, concat(u32(tag), u32(65536), u16(10), u16(10), u32(tag ^ 0x5555), extra));
  const cookie = text('cookie-bytes-012'); // a multiple of 4: no padding inside the chunk
  const data = sctpChunk(
    0,
    0x03,
    concat(u32(0x3333 ^ 0x5555), u16(0), u16(0), u32(46), text('hello over sctp')),
  );
  const sack = sctpChunk(3, 0, concat(u32(0x3333 ^ 0x5555), u32(65536), u16(0), u16(0)));
  const pkt = (from: Host, to: Host, vtag: number, chunk: Uint8Array, p = ports) =>
    ipFrame(from, to, IPPROTO.SCTP, sctp({ ...p, verificationTag: vtag, chunks: [chunk] }));
  return [
    pkt(client4, web4, 0, init(1, 0x3333, new Uint8Array(0))),
    pkt(web4, client4, 0x3333, init(2, 0x7777, sctpParam(7, cookie)), rev),
    pkt(client4, web4, 0x7777, sctpChunk(10, 0, cookie)),
    pkt(web4, client4, 0x3333, sctpChunk(11, 0, new Uint8Array(0)), rev),
    pkt(client4, web4, 0x7777, data),
    pkt(web4, client4, 0x3333, sack, rev),
  ];
}

/** An SCTP parameter (type, length, value padded). */
function sctpParam(type: number, value: Uint8Array): Uint8Array {
  const pad = (4 - (value.length % 4)) % 4;
  return concat(u16(type), u16(4 + value.length), value, new Uint8Array(pad));
}

/** IGMPv2: a general query, a membership report and a leave (with the router-alert IP option). */
export function igmpScene(): Uint8Array[] {
  const alert = Uint8Array.of(0x94, 4, 0, 0); // RFC 2113 router alert
  const msg = (src: Host, dst: string, dstMac: string, payload: Uint8Array) =>
    ethernet({
      dst: dstMac,
      src: src.mac,
      type: ETHERTYPE.IPV4,
      payload: ipv4Packet({ src: src.ip, dst, protocol: IPPROTO.IGMP, ttl: 1, options: alert, payload }),
    });
  return [
    msg(router4, '224.0.0.1', '01:00:5e:00:00:01', igmp({ type: 0x11, maxResponse: 100, group: '0.0.0.0' })),
    msg(client4, '233.252.0.1', '01:00:5e:7c:00:01', igmp({ type: 0x16, group: '233.252.0.1' })),
    msg(client4, '224.0.0.2', '01:00:5e:00:00:02', igmp({ type: 0x17, group: '233.252.0.1' })),
  ];
}

/**
 * The dual-stack story: a UDP and a TCP exchange over IPv4, then the same traffic as an IPv6
 * socket sees it, to IPv4-mapped (`::ffff:a.b.c.d`) and IPv4-compatible (`::a.b.c.d`) addresses.
 */
export function dualStackScene(): Uint8Array[] {
  const [q] = dnsExchangeA(0x0d05, false);
  const pairs: [Host, Host][] = [
    [client4, dns4],
    [
      { mac: client4.mac, ip: `::ffff:${client4.ip}` },
      { mac: dns4.mac, ip: `::ffff:${dns4.ip}` },
    ],
    [
      { mac: client4.mac, ip: `::${client4.ip}` },
      { mac: dns4.mac, ip: `::${dns4.ip}` },
    ],
  ];
  return pairs.flatMap(([a, b]) => [
    udpFrame(a, b, 53030, 53, q),
    ipFrame(
      a,
      b,
      IPPROTO.TCP,
      tcp({ src: a.ip, dst: b.ip, srcPort: 49400, dstPort: 53, seq: 100, flags: 'S' }),
    ),
  ]);
}
