// SPDX-License-Identifier: MIT
/**
 * Geneve (RFC 8926) tunnel frames for the `geneve [VNI]` filters: UDP to port 6081 over IPv4 and
 * IPv6, with no, one and several options (so the inner packet's offset varies), inner Ethernet
 * (protocol type 0x6558) carrying IPv4, IPv6, ARP and a VLAN-tagged frame, inner raw IPv4 and
 * IPv6, several VNIs, a version-1 header, an outer IPv4 header with options, a datagram to 6081
 * too short to hold a Geneve header, and Geneve sent *from* port 6081 (filters test the
 * destination port only).
 *
 * The Geneve header: version (2 bits) and option length in 4-byte words (6 bits); the O (control)
 * and C (critical options) bits; the protocol type of the payload; a 24-bit VNI and a reserved
 * byte. Each option: class (16 bits), type (8 bits), 3 reserved bits and its data length in
 * 4-byte words (5 bits), then the data.
 */
import {
  arp,
  concat,
  ETHERTYPE,
  ethernet,
  IPPROTO,
  icmp,
  icmpv6,
  ipv4Packet,
  ipv6Packet,
  tcp,
  u16,
  u32,
  udp,
  type VlanTag,
} from './packets.ts';
import { HOSTS } from './sample-net.ts';

/** IANA's UDP port for Geneve. */
const GENEVE_PORT = 6081;

/** One Geneve option: class, type, and data (a multiple of 4 bytes). */
interface GeneveOption {
  optClass: number;
  type: number;
  data: Uint8Array;
}

/** A Geneve header, its options, then the payload. */
function geneve(o: {
  vni: number;
  protocol: number;
  payload: Uint8Array;
  options?: GeneveOption[];
  version?: number;
  oam?: boolean;
  critical?: boolean;
}): Uint8Array {
  const opts = (o.options ?? []).map((opt) =>
    concat(u16(opt.optClass), Uint8Array.of(opt.type, (opt.data.length / 4) & 0x1f), opt.data),
  );
  const words = opts.reduce((n, b) => n + b.length / 4, 0);
  const first = (((o.version ?? 0) & 3) << 6) | (words & 0x3f);
  const flags = (o.oam ? 0x80 : 0) | (o.critical ? 0x40 : 0);
  return concat(Uint8Array.of(first, flags), u16(o.protocol), u32((o.vni << 8) >>> 0), ...opts, o.payload);
}

const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The two tunnel endpoints, over IPv4 and IPv6. */
const VTEP = {
  a4: { mac: '02:00:00:00:00:10', ip: '192.0.2.10' },
  b4: { mac: '02:00:00:00:00:01', ip: '203.0.113.80' },
  a6: { mac: '02:00:00:00:00:10', ip: '2001:db8:1::10' },
  b6: { mac: '02:00:00:00:00:01', ip: '2001:db8:80::80' },
};

/** The hosts inside the overlay network, with their own MAC addresses. */
const INNER = {
  vm1: { mac: '02:00:00:00:0a:01', ip: '192.0.2.1', ip6: '2001:db8:a::1' },
  vm2: { mac: '02:00:00:00:0a:02', ip: '198.51.100.53', ip6: '2001:db8:a::2' },
};

/** An outer Ethernet + IPv4/IPv6 + UDP frame carrying `payload` from `sport` to `dport`. */
function outer(
  v6: boolean,
  payload: Uint8Array,
  o: { sport?: number; dport?: number; ipOptions?: Uint8Array } = {},
) {
  const [a, b] = v6 ? [VTEP.a6, VTEP.b6] : [VTEP.a4, VTEP.b4];
  const l4 = udp({
    src: a.ip,
    dst: b.ip,
    srcPort: o.sport ?? 49152,
    dstPort: o.dport ?? GENEVE_PORT,
    payload,
  });
  const ip = v6
    ? ipv6Packet({ src: a.ip, dst: b.ip, nextHeader: IPPROTO.UDP, payload: l4 })
    : ipv4Packet({
        src: a.ip,
        dst: b.ip,
        protocol: IPPROTO.UDP,
        payload: l4,
        id: 0x6e00 + payload.length,
        ...(o.ipOptions ? { options: o.ipOptions } : {}),
      });
  return ethernet({ dst: b.mac, src: a.mac, type: v6 ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4, payload: ip });
}

/** A recursive DNS query for example.com of type `qtype` (1 A, 28 AAAA), class IN. */
function dnsQuery(id: number, qtype: number): Uint8Array {
  const header = concat(u16(id), u16(0x0100), u16(1), u16(0), u16(0), u16(0));
  const name = concat(Uint8Array.of(7), text('example'), Uint8Array.of(3), text('com'), Uint8Array.of(0));
  return concat(header, name, u16(qtype), u16(1));
}

/** Inner IPv4 packets. */
function innerIpv4(kind: 'dns' | 'ping' | 'ssh'): Uint8Array {
  const { vm1, vm2 } = INNER;
  if (kind === 'ping') {
    const body = icmp({ type: 8, rest: concat(u16(0x4745), u16(1)), payload: text('inside geneve') });
    return ipv4Packet({ src: vm1.ip, dst: vm2.ip, protocol: IPPROTO.ICMP, payload: body, id: 0x0a01 });
  }
  if (kind === 'dns') {
    const l4 = udp({ src: vm1.ip, dst: vm2.ip, srcPort: 40053, dstPort: 53, payload: dnsQuery(0x6e6e, 1) });
    return ipv4Packet({ src: vm1.ip, dst: vm2.ip, protocol: IPPROTO.UDP, payload: l4, id: 0x0a02 });
  }
  const syn = tcp({
    src: vm1.ip,
    dst: vm2.ip,
    srcPort: 50022,
    dstPort: 22,
    seq: 1000,
    flags: 'S',
    window: 64240,
  });
  return ipv4Packet({ src: vm1.ip, dst: vm2.ip, protocol: IPPROTO.TCP, payload: syn, id: 0x0a03 });
}

/** An inner IPv6 packet: an ICMPv6 echo request, or a DNS-port UDP datagram. */
function innerIpv6(kind: 'ping' | 'udp'): Uint8Array {
  const { vm1, vm2 } = INNER;
  if (kind === 'ping') {
    const body = icmpv6({
      src: vm1.ip6,
      dst: vm2.ip6,
      type: 128,
      body: concat(u16(0x4745), u16(2), text('v6')),
    });
    return ipv6Packet({ src: vm1.ip6, dst: vm2.ip6, nextHeader: IPPROTO.ICMPV6, payload: body });
  }
  const l4 = udp({ src: vm1.ip6, dst: vm2.ip6, srcPort: 40054, dstPort: 53, payload: dnsQuery(0x6e6f, 28) });
  return ipv6Packet({ src: vm1.ip6, dst: vm2.ip6, nextHeader: IPPROTO.UDP, payload: l4 });
}

/** An inner Ethernet frame between the two VMs (or from `src`), optionally VLAN-tagged. */
function innerFrame(
  type: number,
  payload: Uint8Array,
  o: { src?: string; dst?: string; tags?: VlanTag[] } = {},
) {
  return ethernet({
    dst: o.dst ?? INNER.vm2.mac,
    src: o.src ?? INNER.vm1.mac,
    type,
    payload,
    ...(o.tags ? { tags: o.tags } : {}),
  });
}

const opt = (optClass: number, type: number, words: number, seed: number): GeneveOption => ({
  optClass,
  type,
  data: Uint8Array.from({ length: words * 4 }, (_, i) => (seed + i * 17) & 0xff),
});

/** The Geneve frames of samples/captures/geneve.pcap, in order. */
export function geneveScene(): Uint8Array[] {
  const TEB = ETHERTYPE.TEB;
  const request = arp({
    op: 1,
    senderMac: HOSTS.router4.mac, // 192.0.2.1's MAC in the other samples (tshark flags a change)
    senderIp: INNER.vm1.ip,
    targetMac: '00:00:00:00:00:00',
    targetIp: INNER.vm2.ip,
  });
  const routerAlert = Uint8Array.of(0x94, 0x04, 0x00, 0x00);
  return [
    // 1. IPv4, no options, VNI 10: Ethernet carrying a DNS query.
    outer(false, geneve({ vni: 10, protocol: TEB, payload: innerFrame(ETHERTYPE.IPV4, innerIpv4('dns')) })),
    // 2. IPv4, one option (4 data bytes), VNI 20: Ethernet carrying ICMPv6 echo.
    outer(
      false,
      geneve({
        vni: 20,
        protocol: TEB,
        options: [opt(0x0103, 0x01, 1, 0x30)],
        payload: innerFrame(ETHERTYPE.IPV6, innerIpv6('ping')),
      }),
    ),
    // 3. IPv4, three options (11 words), VNI 10: a broadcast ARP request from the inner router MAC.
    outer(
      false,
      geneve({
        vni: 10,
        protocol: TEB,
        options: [opt(0x0103, 0x80, 2, 0x11), opt(0xffff, 0x05, 0, 0), opt(0x0102, 0x42, 5, 0x77)],
        critical: true,
        payload: innerFrame(ETHERTYPE.ARP, request, { src: HOSTS.router4.mac, dst: 'ff:ff:ff:ff:ff:ff' }),
      }),
    ),
    // 4. IPv4, no options, VNI 30: an 802.1Q-tagged (VLAN 100) frame carrying a TCP SYN to port 22.
    outer(
      false,
      geneve({
        vni: 30,
        protocol: TEB,
        payload: innerFrame(ETHERTYPE.IPV4, innerIpv4('ssh'), { tags: [{ vid: 100 }] }),
      }),
    ),
    // 5. IPv6, no options, VNI 10: raw IPv4 inside (protocol type 0x0800), an ICMP echo.
    outer(true, geneve({ vni: 10, protocol: ETHERTYPE.IPV4, payload: innerIpv4('ping') })),
    // 6. IPv6, two options, the largest VNI: raw IPv6 inside (0x86dd), UDP to port 53.
    outer(
      true,
      geneve({
        vni: 0xffffff,
        protocol: ETHERTYPE.IPV6,
        options: [opt(0x0104, 0x02, 1, 0x55), opt(0x0104, 0x03, 2, 0x66)],
        payload: innerIpv6('udp'),
      }),
    ),
    // 7. IPv4 with the router-alert option (IHL 6), one option, VNI 0: Ethernet carrying IPv4 DNS.
    outer(
      false,
      geneve({
        vni: 0,
        protocol: TEB,
        options: [opt(0x0105, 0x07, 3, 0x21)],
        payload: innerFrame(ETHERTYPE.IPV4, innerIpv4('dns')),
      }),
      { ipOptions: routerAlert },
    ),
    // 8. Version 1 (unknown): filters for 'geneve' must not match it.
    outer(
      false,
      geneve({ vni: 10, protocol: TEB, version: 1, payload: innerFrame(ETHERTYPE.IPV4, innerIpv4('ping')) }),
    ),
    // 9. A 4-byte datagram to port 6081: too short to be Geneve.
    outer(false, Uint8Array.of(0x00, 0x00, 0x65, 0x58)),
    // 10. Geneve sent from port 6081 to another port: 'geneve' looks at the destination port only.
    outer(false, geneve({ vni: 10, protocol: TEB, payload: innerFrame(ETHERTYPE.IPV4, innerIpv4('ping')) }), {
      sport: GENEVE_PORT,
      dport: 49152,
    }),
    // 11. IPv6, one option, O (control) bit set, VNI 20: Ethernet from the inner router, IPv6 ping.
    outer(
      true,
      geneve({
        vni: 20,
        protocol: TEB,
        oam: true,
        options: [opt(0x0103, 0x01, 1, 0x40)],
        payload: innerFrame(ETHERTYPE.IPV6, innerIpv6('ping'), { src: HOSTS.router4.mac }),
      }),
    ),
  ];
}
