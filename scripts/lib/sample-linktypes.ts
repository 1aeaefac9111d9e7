// SPDX-License-Identifier: MIT
/**
 * The same small story (DNS over IPv4 and IPv6, an ICMP echo) under each non-Ethernet link type:
 * raw IP, IPv4-only, IPv6-only, Linux cooked v1 and v2, BSD NULL and OpenBSD LOOP.
 */
import { bsdLoop, bsdNull, ETHERTYPE, linuxSll, linuxSll2 } from './packets.ts';
import { dnsScene, icmpScene } from './sample-scenes.ts';

/** A link type's sample packets (the link-layer header included). */
export interface LinkTypeSample {
  linkType: number;
  packets: Uint8Array[];
}

/** The IP packets inside the untagged Ethernet frames of the DNS and ICMP stories. */
export function ipPackets(): { v4: Uint8Array[]; v6: Uint8Array[]; all: Uint8Array[] } {
  const frames = [...dnsScene().slice(0, 4), ...icmpScene().slice(0, 2)];
  const all = frames.map((f) => f.subarray(14));
  return { v4: all.filter((p) => p[0]! >> 4 === 4), v6: all.filter((p) => p[0]! >> 4 === 6), all };
}

const isV6 = (p: Uint8Array) => p[0]! >> 4 === 6;

/** Every non-Ethernet sample, keyed by file stem. */
export function linkTypeSamples(): Record<string, LinkTypeSample> {
  const { v4, v6, all } = ipPackets();
  // Linux packet types: 0 to us, 4 outgoing (if_packet.h); alternate them like a request/response.
  const pktType = (i: number) => (i % 2 === 0 ? 4 : 0);
  const proto = (p: Uint8Array) => (isV6(p) ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4);
  return {
    'linktype-raw': { linkType: 101, packets: all },
    'linktype-raw12': { linkType: 12, packets: all },
    'linktype-ipv4': { linkType: 228, packets: v4 },
    'linktype-ipv6': { linkType: 229, packets: v6 },
    'linktype-linux-sll': {
      linkType: 113,
      packets: all.map((p, i) =>
        linuxSll({ packetType: pktType(i), address: '02:00:00:00:00:10', protocol: proto(p), payload: p }),
      ),
    },
    'linktype-linux-sll2': {
      linkType: 276,
      packets: all.map((p, i) =>
        linuxSll2({
          packetType: pktType(i),
          ifindex: 2,
          address: '02:00:00:00:00:10',
          protocol: proto(p),
          payload: p,
        }),
      ),
    },
    // BSD NULL: the family in the writer's byte order; AF_INET6 is 30 on macOS.
    'linktype-null': { linkType: 0, packets: all.map((p) => bsdNull(isV6(p) ? 30 : 2, p, true)) },
    // OpenBSD LOOP: the family big-endian; AF_INET6 is 24 on OpenBSD.
    'linktype-loop': { linkType: 108, packets: all.map((p) => bsdLoop(isV6(p) ? 24 : 2, p)) },
    // LINKTYPE_USER0 (147): a link type bpflab does not dissect, listed with its number and bytes.
    'linktype-user0': { linkType: 147, packets: v4 },
  };
}
