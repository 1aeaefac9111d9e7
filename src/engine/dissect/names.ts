// SPDX-License-Identifier: MIT
/** Names of EtherTypes and IP protocol numbers, as tshark shows them in labels. */

/** EtherType → name (IEEE registry names as Wireshark abbreviates them). */
export const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  2048: 'IPv4',
  2054: 'ARP',
  2114: 'Wake on LAN',
  8944: 'AVTP',
  24579: 'DEC DNA Routing',
  25944: 'Transparent Ethernet bridging',
  32821: 'RARP',
  32923: 'AppleTalk',
  33011: 'AARP',
  33024: '802.1Q Virtual LAN',
  34525: 'IPv6',
  34824: 'MAC Control',
  34825: 'Slow Protocols',
  34827: 'PPP',
  34887: 'MPLS label switched packet',
  34888: 'MPLS multicast label switched packet',
  34915: 'PPPoE Discovery',
  34916: 'PPPoE Session',
  34958: '802.1X Authentication',
  34984: '802.1ad Provider Bridge (Q-in-Q)',
  35020: '802.1 Link Layer Discovery Protocol (LLDP)',
  35045: '802.1AE (MACsec)',
  35063: 'PTPv2 over Ethernet (IEEE1588)',
  35078: 'Fibre Channel over Ethernet',
  36864: 'Configuration Test Protocol (loopback)',
  37120: 'VLAN-tagged frame (Q-in-Q)',
};

/** IP protocol / IPv6 next-header number → name. */
export const IP_PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6 Hop-by-Hop Option',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPIP',
  6: 'TCP',
  8: 'EGP',
  17: 'UDP',
  33: 'DCCP',
  41: 'IPv6',
  43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6',
  46: 'RSVP',
  47: 'GRE',
  50: 'Encap Security Payload',
  51: 'Authentication Header',
  58: 'ICMPv6',
  59: 'No Next Header for IPv6',
  60: 'Destination Options for IPv6',
  88: 'EIGRP',
  89: 'OSPF IGP',
  103: 'PIM',
  112: 'VRRP',
  115: 'Layer 2 Tunneling Protocol',
  132: 'SCTP',
  135: 'Mobility Header',
  136: 'UDPLite',
  137: 'MPLS in IP',
};

/** `Name (0x0800)` for an EtherType, `Unknown (0x1234)` when unnamed. */
export function etherTypeText(type: number): string {
  return `${ETHERTYPE_NAMES[type] ?? 'Unknown'} (0x${type.toString(16).padStart(4, '0')})`;
}

/** `Name (6)` for an IP protocol number. */
export function ipProtocolText(proto: number): string {
  return `${IP_PROTOCOL_NAMES[proto] ?? 'Unknown'} (${proto})`;
}

/** Short protocol name for summaries (`UDP 17`). */
export function ipProtocolShort(proto: number): string {
  const name = IP_PROTOCOL_NAMES[proto];
  return name ? `${name} ${proto}` : String(proto);
}
