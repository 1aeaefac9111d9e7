// SPDX-License-Identifier: MIT
/**
 * The catalogue of sample captures: every file's bytes and what it teaches. scripts/make-samples.ts
 * writes them; a test checks the committed files still match.
 */
import { writePcap } from '../../src/engine/capture/index.ts';
import { stamp, truncate } from './sample-clock.ts';
import { decnetPackets } from './sample-decnet.ts';
import { geneveScene } from './sample-geneve.ts';
import { linkTypeSamples } from './sample-linktypes.ts';
import { blocksTour, twoInterfaces } from './sample-pcapng.ts';
import * as scenes from './sample-scenes.ts';

/** One sample file: its bytes and what it teaches (for the README). */
export interface Sample {
  file: string;
  teaches: string;
  bytes: Uint8Array;
}

const en10mb = (frames: Uint8Array[], options: { snaplen?: number } = {}) =>
  writePcap(stamp(frames), { linkType: 1, ...options });

/** The Ethernet stories, one classic pcap each. */
function ethernetSamples(): Sample[] {
  return [
    {
      file: 'dns.pcap',
      teaches:
        'DNS over UDP and TCP on IPv4 and IPv6; answers use name compression (CNAME chains, NS and glue, MX).',
      bytes: en10mb(scenes.dnsScene()),
    },
    {
      file: 'tcp-session.pcap',
      teaches:
        'A whole TCP conversation: handshake with options (MSS, SACK, timestamps, window scale), HTTP request and response, FIN teardown.',
      bytes: en10mb(scenes.tcpScene()),
    },
    {
      file: 'icmp.pcap',
      teaches:
        'ICMP echo request/reply, a port-unreachable error quoting the datagram that caused it, and a TTL-exceeded error.',
      bytes: en10mb(scenes.icmpScene()),
    },
    {
      file: 'icmpv6.pcap',
      teaches:
        'ICMPv6 neighbour solicitation and advertisement (to a solicited-node multicast address) and echo request/reply.',
      bytes: en10mb(scenes.icmpv6Scene()),
    },
    {
      file: 'arp.pcap',
      teaches: 'ARP request (broadcast), reply, and a gratuitous ARP.',
      bytes: en10mb(scenes.arpScene()),
    },
    {
      file: 'vlan-qinq.pcap',
      teaches:
        'The same query untagged, with an 802.1Q tag, and with 802.1ad + 802.1Q (QinQ): every later offset shifts by 4 bytes per tag.',
      bytes: en10mb(scenes.vlanScene()),
    },
    {
      file: 'ipv6-extension-headers.pcap',
      teaches:
        'IPv6 hop-by-hop, routing, fragment and destination-options headers in front of UDP and TCP: the transport header is not at a fixed offset.',
      bytes: en10mb(scenes.ipv6ExtensionScene()),
    },
    {
      file: 'ipv4-fragments.pcap',
      teaches:
        'A UDP datagram in three IPv4 fragments: only the first carries the UDP header (non-first fragments have no ports); then a DF-set packet.',
      bytes: en10mb(scenes.ipv4FragmentScene()),
    },
    {
      file: 'truncated-snaplen.pcap',
      teaches:
        'Snaplen 96: frames captured short of their wire length (caplen < len), so loads past byte 96 fail.',
      bytes: writePcap(
        truncate(stamp([...scenes.dnsScene().slice(0, 4), ...scenes.tcpScene().slice(3, 6)]), 96),
        { linkType: 1, snaplen: 96 },
      ),
    },
    {
      file: 'tunnels.pcap',
      teaches:
        'Encapsulation: IPv4 in GRE (with a key), an Ethernet frame in VXLAN (UDP 4789), and Ethernet in GRE (transparent bridging).',
      bytes: en10mb(scenes.tunnelScene()),
    },
    {
      file: 'geneve.pcap',
      teaches:
        'Geneve (UDP 6081) over IPv4 and IPv6 with 0 to 3 options: inner Ethernet (IPv4, IPv6, ARP, VLAN-tagged) and raw IPv4/IPv6, several VNIs, version 1, a too-short datagram, an outer IPv4 header with options: `geneve` filters read offsets computed at run time.',
      bytes: en10mb(geneveScene()),
    },
    {
      file: 'sctp.pcap',
      teaches:
        'An SCTP association (INIT, INIT ACK, COOKIE ECHO, COOKIE ACK, DATA, SACK) with CRC-32C checksums.',
      bytes: en10mb(scenes.sctpScene()),
    },
    {
      file: 'igmp.pcap',
      teaches: 'IGMPv2 query, membership report and leave, each with the IPv4 router-alert option (IHL 6).',
      bytes: en10mb(scenes.igmpScene()),
    },
    {
      file: 'dual-stack.pcap',
      teaches:
        'IPv4 traffic next to the same traffic sent to IPv4-mapped (::ffff:192.0.2.10) and IPv4-compatible (::192.0.2.10) IPv6 addresses: "ip" filters miss the IPv6 copies.',
      bytes: en10mb(scenes.dualStackScene()),
    },
    {
      file: 'decnet.pcap',
      teaches:
        'DECnet Phase IV routing (EtherType 0x6003): long and short data headers with 0, 1, 2, 4 and 6 pad bytes between area.node addresses, an Endnode Hello and a frame cut inside its header: `decnet host` finds only the unpadded and 1-pad data packets.',
      bytes: writePcap(decnetPackets(), { linkType: 1 }),
    },
  ];
}

/** One file per other link type. */
function linkTypeFiles(): Sample[] {
  const teaches: Record<string, string> = {
    'linktype-raw': 'LINKTYPE_RAW (101): packets start with the IP header; IPv4 and IPv6 mixed.',
    'linktype-raw12': 'The legacy raw-IP number 12 (DLT_RAW on most platforms): read as RAW.',
    'linktype-ipv4': 'LINKTYPE_IPV4 (228): IPv4 packets only, no link header.',
    'linktype-ipv6': 'LINKTYPE_IPV6 (229): IPv6 packets only, no link header.',
    'linktype-linux-sll':
      'LINKTYPE_LINUX_SLL (113): the 16-byte Linux cooked header (packet type, address, protocol).',
    'linktype-linux-sll2':
      'LINKTYPE_LINUX_SLL2 (276): the 20-byte cooked v2 header (protocol first, interface index).',
    'linktype-null':
      'LINKTYPE_NULL (0): BSD loopback, address family in host (here little-endian) byte order.',
    'linktype-loop': 'LINKTYPE_LOOP (108): OpenBSD loopback, address family big-endian.',
    'linktype-user0':
      'LINKTYPE_USER0 (147): a link type bpflab does not dissect; packets are still listed with raw bytes.',
  };
  return Object.entries(linkTypeSamples()).map(([stem, s]) => ({
    file: `${stem}.pcap`,
    teaches: teaches[stem] ?? '',
    bytes: writePcap(stamp(s.packets), { linkType: s.linkType }),
  }));
}

/** The same packets in each classic pcap timestamp flavour and byte order. */
function timestampFiles(): Sample[] {
  const packets = stamp(scenes.arpScene(), 1_700_000_000, 123_456_789);
  const flavours = [
    {
      file: 'timestamps-us-le.pcap',
      nanosecond: false,
      bigEndian: false,
      what: 'microsecond, little-endian (magic d4 c3 b2 a1)',
    },
    {
      file: 'timestamps-us-be.pcap',
      nanosecond: false,
      bigEndian: true,
      what: 'microsecond, big-endian (magic a1 b2 c3 d4)',
    },
    {
      file: 'timestamps-ns-le.pcap',
      nanosecond: true,
      bigEndian: false,
      what: 'nanosecond, little-endian (magic 4d 3c b2 a1)',
    },
    {
      file: 'timestamps-ns-be.pcap',
      nanosecond: true,
      bigEndian: true,
      what: 'nanosecond, big-endian (magic a1 b2 3c 4d)',
    },
  ];
  return flavours.map((f) => ({
    file: f.file,
    teaches: `Classic pcap, ${f.what}; the same ARP packets as the other timestamps-* files.`,
    bytes: writePcap(packets, { linkType: 1, nanosecond: f.nanosecond, bigEndian: f.bigEndian }),
  }));
}

/** The damaged-capture demo: tcp-session.pcap cut off in the middle of its seventh record. */
function damagedFile(): Sample {
  const whole = en10mb(scenes.tcpScene());
  const view = new DataView(whole.buffer);
  let at = 24;
  for (let i = 0; i < 6; i++) at += 16 + view.getUint32(at + 8, true);
  const cut = at + 16 + Math.floor(view.getUint32(at + 8, true) / 2);
  return {
    file: 'damaged-truncated.pcap',
    teaches:
      'A capture cut off in the middle of packet 7: readers keep the 6 packets before the damage and report where it is.',
    bytes: whole.slice(0, cut),
  };
}

/** Every sample, in README order. */
export function allSamples(): Sample[] {
  return [
    ...ethernetSamples(),
    ...linkTypeFiles(),
    ...timestampFiles(),
    {
      file: 'two-interfaces.pcapng',
      teaches:
        'pcapng with two interfaces of different link types (eth0 EN10MB with ns timestamps, tun0 RAW with µs), packet comments, epb_flags directions, an if_filter.',
      bytes: twoInterfaces(),
    },
    {
      file: 'blocks-tour.pcapng',
      teaches:
        'Every pcapng block: SHB options, IDB with 2^-20 s timestamps, NRB, EPB (comment, flags), SPB, OPB, ISB, DSB, an unknown block, and a second big-endian section whose interface ids restart at 0.',
      bytes: blocksTour(),
    },
    damagedFile(),
  ];
}

/** The README listing every file and what it teaches. */
export function readme(samples: readonly Sample[]): string {
  const rows = samples.map((s) => `| \`${s.file}\` | ${s.bytes.length} | ${s.teaches} |`);
  return [
    '# Sample captures',
    '',
    'Generated by `npx tsx scripts/make-samples.ts` (deterministic; do not edit by hand). All traffic is',
    'synthetic, between documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,',
    '2001:db8::/32) and locally administered MAC addresses; checksums are correct.',
    '',
    '| File | Bytes | What it teaches |',
    '|---|---:|---|',
    ...rows,
    '',
  ].join('\n');
}
