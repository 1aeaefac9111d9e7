// SPDX-License-Identifier: MIT
/**
 * Link-layer header types as written in capture files (the LINKTYPE_* registry), with the names
 * tcpdump prints for them. A file may carry any number: unknown ones keep their number and are
 * named `LINKTYPE_<n>`, never dropped.
 */

/** BSD loopback: a 4-byte host-order address family, then the packet. */
export const LINKTYPE_NULL = 0;
/** Ethernet II / 802.3. */
export const LINKTYPE_EN10MB = 1;
/** Raw IP (the file-format number; DLT_RAW is 12, or 14 on OpenBSD, inside a running libpcap). */
export const LINKTYPE_RAW = 101;
/** Legacy raw-IP number 12 (DLT_RAW on most platforms; DLT_LOOP on OpenBSD). */
export const LINKTYPE_RAW_LEGACY_12 = 12;
/** Legacy raw-IP number 14 (DLT_RAW on OpenBSD and BSD/OS). */
export const LINKTYPE_RAW_LEGACY_14 = 14;
/** OpenBSD loopback: like NULL but the address family is big-endian. */
export const LINKTYPE_LOOP = 108;
/** Linux "cooked" capture, version 1 (16-byte pseudo-header). */
export const LINKTYPE_LINUX_SLL = 113;
/** Raw IPv4 only. */
export const LINKTYPE_IPV4 = 228;
/** Raw IPv6 only. */
export const LINKTYPE_IPV6 = 229;
/** Linux "cooked" capture, version 2 (20-byte pseudo-header). */
export const LINKTYPE_LINUX_SLL2 = 276;

/** One entry of the link-type table. */
export interface LinkTypeInfo {
  /** The LINKTYPE_* number written in files. */
  value: number;
  /** The name tcpdump's `-L`/`-y` use, e.g. `EN10MB`. */
  name: string;
  /** A short human description. */
  description: string;
}

// Numbers and names from the public LINKTYPE registry (tcpdump.org linktypes page); 12 and 14 are
// listed under RAW's own name because libpcap reads both as raw IP on the platforms that wrote them.
const TABLE: readonly LinkTypeInfo[] = [
  { value: 0, name: 'NULL', description: 'BSD loopback' },
  { value: 1, name: 'EN10MB', description: 'Ethernet' },
  { value: 3, name: 'AX25', description: 'AX.25 amateur radio' },
  { value: 6, name: 'IEEE802', description: 'Token Ring' },
  { value: 7, name: 'ARCNET', description: 'ARCNET' },
  { value: 8, name: 'SLIP', description: 'SLIP' },
  { value: 9, name: 'PPP', description: 'PPP' },
  { value: 10, name: 'FDDI', description: 'FDDI' },
  { value: 12, name: 'RAW', description: 'Raw IP (legacy number 12)' },
  { value: 14, name: 'RAW', description: 'Raw IP (legacy number 14, OpenBSD/BSD/OS)' },
  { value: 50, name: 'PPP_HDLC', description: 'PPP in HDLC-like framing' },
  { value: 51, name: 'PPP_ETHER', description: 'PPPoE session' },
  { value: 100, name: 'ATM_RFC1483', description: 'RFC 1483 LLC/SNAP over ATM' },
  { value: 101, name: 'RAW', description: 'Raw IP' },
  { value: 104, name: 'C_HDLC', description: 'Cisco HDLC' },
  { value: 105, name: 'IEEE802_11', description: '802.11' },
  { value: 107, name: 'FRELAY', description: 'Frame Relay' },
  { value: 108, name: 'LOOP', description: 'OpenBSD loopback' },
  { value: 113, name: 'LINUX_SLL', description: 'Linux cooked v1' },
  { value: 114, name: 'LTALK', description: 'Localtalk' },
  { value: 117, name: 'PFLOG', description: 'OpenBSD pflog' },
  { value: 119, name: 'PRISM_HEADER', description: '802.11 plus Prism header' },
  { value: 127, name: 'IEEE802_11_RADIO', description: '802.11 plus radiotap header' },
  { value: 138, name: 'APPLE_IP_OVER_IEEE1394', description: 'Apple IP-over-IEEE 1394' },
  { value: 143, name: 'DOCSIS', description: 'DOCSIS' },
  { value: 163, name: 'IEEE802_11_RADIO_AVS', description: '802.11 plus AVS radio header' },
  { value: 189, name: 'USB_LINUX', description: 'USB with Linux header' },
  { value: 192, name: 'PPI', description: 'Per-Packet Information' },
  { value: 195, name: 'IEEE802_15_4_WITHFCS', description: 'IEEE 802.15.4 with FCS' },
  { value: 201, name: 'BLUETOOTH_HCI_H4_WITH_PHDR', description: 'Bluetooth HCI UART with direction' },
  { value: 220, name: 'USB_LINUX_MMAPPED', description: 'USB with padded Linux header' },
  { value: 227, name: 'CAN_SOCKETCAN', description: 'CAN-bus with SocketCAN headers' },
  { value: 228, name: 'IPV4', description: 'Raw IPv4' },
  { value: 229, name: 'IPV6', description: 'Raw IPv6' },
  { value: 239, name: 'NFLOG', description: 'Linux netfilter log messages' },
  { value: 253, name: 'NETLINK', description: 'Linux netlink' },
  { value: 276, name: 'LINUX_SLL2', description: 'Linux cooked v2' },
];

const BY_VALUE = new Map<number, LinkTypeInfo>(TABLE.map((t) => [t.value, t]));
const BY_NAME = new Map<string, number>();
for (const t of TABLE) if (!BY_NAME.has(t.name)) BY_NAME.set(t.name, t.value);
BY_NAME.set('RAW', LINKTYPE_RAW);

/** Every link type this table knows, in number order (duplicate names for legacy numbers included). */
export function knownLinkTypes(): readonly LinkTypeInfo[] {
  return TABLE;
}

/** The tcpdump name of a link type (`EN10MB`), or `LINKTYPE_<n>` for a number not in the table. */
export function linkTypeName(value: number): string {
  return BY_VALUE.get(value)?.name ?? `LINKTYPE_${value}`;
}

/** A short description of a link type, or `unknown link type <n>`. */
export function linkTypeDescription(value: number): string {
  return BY_VALUE.get(value)?.description ?? `unknown link type ${value}`;
}

/**
 * The number for a link-type name: case-insensitive, with or without a `DLT_`/`LINKTYPE_` prefix,
 * or a decimal number. Undefined when the name is unknown.
 */
export function linkTypeByName(name: string): number | undefined {
  const upper = name.trim().toUpperCase();
  if (/^\d+$/.test(upper)) return Number(upper);
  const bare = upper.replace(/^(DLT_|LINKTYPE_)/, '');
  if (/^\d+$/.test(bare)) return Number(bare);
  return BY_NAME.get(bare);
}

/**
 * The canonical number for a link type: legacy raw-IP numbers 12 and 14 become RAW (101), as
 * libpcap and Wireshark read them; everything else is returned unchanged.
 */
export function canonicalLinkType(value: number): number {
  return value === LINKTYPE_RAW_LEGACY_12 || value === LINKTYPE_RAW_LEGACY_14 ? LINKTYPE_RAW : value;
}
