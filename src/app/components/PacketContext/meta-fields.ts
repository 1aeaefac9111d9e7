// SPDX-License-Identifier: MIT
/**
 * The Linux socket-buffer metadata the packet-context panel shows and lets the user override:
 * which extension reads each field (cbpf.md §4.4), how to write and read its value, and what a
 * value means in words.
 */
import type { ExtensionName, PacketMeta } from '../../../engine/index.ts';

/** How a field is edited. */
export type MetaFieldKind = 'number' | 'flag' | 'choice';

/** One editable metadata field. */
export interface MetaFieldSpec {
  key: keyof PacketMeta;
  label: string;
  /** The bpf_asm operand that reads it (`#proto`), or what uses it. */
  reads: string;
  /** The extension behind `reads`, to mark fields the current run read. */
  ext?: ExtensionName;
  kind: MetaFieldKind;
  /** Shown in hex (EtherTypes, marks, hashes, tags) or decimal (indexes, counts). */
  radix: 10 | 16;
  /** Largest value the kernel field holds. */
  max: number;
  /** For `choice`: the named values. */
  choices?: readonly (readonly [number, string])[];
  /** One line of help. */
  help: string;
}

const U32 = 0xffffffff;

/** skb->pkt_type values (linux/if_packet.h PACKET_*). */
export const PKT_TYPES: readonly (readonly [number, string])[] = [
  [0, 'host: addressed to this machine'],
  [1, 'broadcast'],
  [2, 'multicast'],
  [3, 'other host: seen in promiscuous mode'],
  [4, 'outgoing: sent by this machine'],
];

const ETHERTYPES: Record<number, string> = {
  2048: 'IPv4',
  2054: 'ARP',
  34525: 'IPv6',
  33024: '802.1Q VLAN',
  34984: '802.1ad QinQ',
  34887: 'MPLS',
  35020: 'LLDP',
  3: 'every protocol (ETH_P_ALL)',
};

const HATYPES: Record<number, string> = {
  1: 'Ethernet',
  772: 'loopback',
  776: 'IPv6-in-IPv4',
  65534: 'none (raw IP)',
};

/** The fields in the order the panel lists them. */
export const META_FIELDS: readonly MetaFieldSpec[] = [
  {
    key: 'protocol',
    label: 'protocol',
    reads: '#proto',
    ext: 'proto',
    kind: 'number',
    radix: 16,
    max: 0xffff,
    help: 'skb->protocol: the EtherType after any VLAN tag the NIC stripped',
  },
  {
    key: 'pktType',
    label: 'packet type',
    reads: '#type',
    ext: 'type',
    kind: 'choice',
    radix: 10,
    max: 7,
    choices: PKT_TYPES,
    help: 'skb->pkt_type: who the frame was for',
  },
  {
    key: 'ifindex',
    label: 'ifindex',
    reads: '#ifidx',
    ext: 'ifidx',
    kind: 'number',
    radix: 10,
    max: U32,
    help: 'index of the interface the packet came in on',
  },
  {
    key: 'mark',
    label: 'mark',
    reads: '#mark',
    ext: 'mark',
    kind: 'number',
    radix: 16,
    max: U32,
    help: 'skb->mark, set by netfilter or SO_MARK',
  },
  {
    key: 'queue',
    label: 'queue',
    reads: '#queue',
    ext: 'queue',
    kind: 'number',
    radix: 10,
    max: 0xffff,
    help: 'skb->queue_mapping: the NIC receive queue',
  },
  {
    key: 'hatype',
    label: 'hatype',
    reads: '#hatype',
    ext: 'hatype',
    kind: 'number',
    radix: 10,
    max: 0xffff,
    help: 'device type (ARPHRD_*): 1 is Ethernet',
  },
  {
    key: 'rxhash',
    label: 'rxhash',
    reads: '#rxhash',
    ext: 'rxhash',
    kind: 'number',
    radix: 16,
    max: U32,
    help: 'skb->hash: the flow hash (0 when none was computed)',
  },
  {
    key: 'cpu',
    label: 'cpu',
    reads: '#cpu',
    ext: 'cpu',
    kind: 'number',
    radix: 10,
    max: U32,
    help: 'the CPU running the filter',
  },
  {
    key: 'random',
    label: 'random',
    reads: '#rand',
    ext: 'rand',
    kind: 'number',
    radix: 16,
    max: U32,
    help: 'what #rand returns (fixed per packet here, so runs repeat)',
  },
  {
    key: 'vlanPresent',
    label: 'VLAN present',
    reads: '#vlan_avail',
    ext: 'vlan_avail',
    kind: 'flag',
    radix: 10,
    max: 1,
    help: 'a tag was stripped into metadata by VLAN offload',
  },
  {
    key: 'vlanTci',
    label: 'VLAN TCI',
    reads: '#vlan_tci',
    ext: 'vlan_tci',
    kind: 'number',
    radix: 16,
    max: 0xffff,
    help: 'the stripped tag: priority (3 bits), DEI (1), VLAN id (12)',
  },
  {
    key: 'vlanTpid',
    label: 'VLAN TPID',
    reads: '#vlan_tpid',
    ext: 'vlan_tpid',
    kind: 'number',
    radix: 16,
    max: 0xffff,
    help: 'the stripped tag\u2019s EtherType: 0x8100 (802.1Q) or 0x88a8 (802.1ad)',
  },
  {
    key: 'networkOffset',
    label: 'network offset',
    reads: 'SKF_NET_OFF',
    kind: 'number',
    radix: 10,
    max: 0xffff,
    help: 'where the network header starts; loads at SKF_NET_OFF + n read from there',
  },
  {
    key: 'payloadOffset',
    label: 'payload offset',
    reads: '#poff',
    ext: 'poff',
    kind: 'number',
    radix: 10,
    max: 0xffff,
    help: 'where the transport payload starts, as the flow dissector finds it',
  },
];

/** A metadata value as the panel writes it. */
export function formatMetaValue(spec: MetaFieldSpec, value: PacketMeta[keyof PacketMeta]): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return spec.radix === 16
    ? `0x${(value >>> 0).toString(16).padStart(spec.max > 0xffff ? 8 : 4, '0')}`
    : String(value >>> 0);
}

/** The result of reading what the user typed. */
export type ParsedMeta = { ok: true; value: number | boolean } | { ok: false; message: string };

/** Read a typed value: decimal or 0x-hex, an unsigned integer no larger than the field holds. */
export function parseMetaValue(spec: MetaFieldSpec, text: string): ParsedMeta {
  const t = text.trim().toLowerCase();
  if (!/^(0x[0-9a-f]+|\d+)$/.test(t)) return { ok: false, message: 'expected a number, e.g. 42 or 0x2a' };
  const value = Number(t);
  if (value > spec.max) return { ok: false, message: `at most ${spec.max} (0x${spec.max.toString(16)})` };
  if (spec.kind === 'flag') return { ok: true, value: value !== 0 };
  return { ok: true, value };
}

/** What a value means, in a few words (empty when there is nothing to add). */
export function describeMetaValue(spec: MetaFieldSpec, value: PacketMeta[keyof PacketMeta]): string {
  if (value === undefined) return spec.key === 'networkOffset' ? 'unknown: SKF_NET_OFF loads fail' : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  switch (spec.key) {
    case 'protocol':
      return ETHERTYPES[value] ?? '';
    case 'vlanTpid':
      return value === 0 ? 'no tag' : (ETHERTYPES[value] ?? '');
    case 'pktType':
      return PKT_TYPES.find(([v]) => v === value)?.[1] ?? '';
    case 'hatype':
      return HATYPES[value] ?? '';
    case 'vlanTci':
      return value === 0
        ? ''
        : `VLAN ${value & 0xfff}, priority ${value >>> 13}${value & 0x1000 ? ', DEI' : ''}`;
    default:
      return '';
  }
}

/** A one-line digest of the metadata for the collapsed panel. */
export function metaDigest(meta: PacketMeta): string {
  const parts = [
    `proto ${formatMetaValue(META_FIELDS[0] as MetaFieldSpec, meta.protocol)}${ETHERTYPES[meta.protocol] ? ` (${ETHERTYPES[meta.protocol]})` : ''}`,
    (PKT_TYPES.find(([v]) => v === meta.pktType)?.[1] ?? `type ${meta.pktType}`).split(':')[0],
    `ifindex ${meta.ifindex}`,
  ];
  if (meta.vlanPresent) parts.push(`VLAN ${meta.vlanTci & 0xfff}`);
  if (meta.mark) parts.push(`mark 0x${meta.mark.toString(16)}`);
  return parts.join(' · ');
}
