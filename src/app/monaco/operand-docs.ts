// SPDX-License-Identifier: MIT
/**
 * Plain-words documentation of the addressing modes (reference §4.2) and of the Linux extensions
 * (§4.4, §4.5): what each reads, the SKF_AD_* constant, and which machines serve it.
 */
import type { OperandKind } from './mnemonic-docs.ts';

/** What an addressing mode means. */
export interface ModeDoc {
  title: string;
  text: string;
}

/** Each operand kind, explained. */
export const MODE_DOCS: Readonly<Record<OperandKind, ModeDoc>> = {
  none: { title: 'no operand', text: 'The instruction takes no operand.' },
  imm: {
    title: '#k — immediate',
    text: 'The constant k, a 32-bit unsigned number (hex 0x1f, binary 0b101, decimal; a negative decimal wraps, so #-1 is 0xffffffff).',
  },
  num: { title: 'k — constant', text: 'A constant written without #.' },
  len: {
    title: '#len — packet length',
    text: 'The length of the packet on the wire (skb->len on Linux, the pcap record’s original length in libpcap), which can exceed the captured bytes. Works on both machines.',
  },
  ext: {
    title: '#ext — Linux extension',
    text: 'A load at SKF_AD_OFF (0xfffff000) + an offset, which the Linux kernel answers from the socket buffer instead of the packet bytes.',
  },
  mem: {
    title: 'M[k] — scratch memory',
    text: 'Scratch word k, 0 to 15. The Linux checker rejects a program that may read a word before writing it on every path.',
  },
  abs: {
    title: '[k] — absolute packet offset',
    text: 'The packet bytes at offset k. Offset 0 is the start of the link-layer header (the Ethernet header on a PF_PACKET socket or in an Ethernet capture). Multi-byte loads are big-endian (network order).',
  },
  ind: {
    title: '[x + k] — indexed packet offset',
    text: 'The packet bytes at offset X + k; X usually holds a header length from ldxb 4*([14]&0xf). If X + k overflows 32 bits, Linux wraps around while libpcap returns 0.',
  },
  msh: {
    title: '4*([k]&0xf) — header length',
    text: '4 × the low nibble of the byte at offset k (the IPv4 IHL field counts 32-bit words). Only ldx and ldxb take it.',
  },
  x: {
    title: 'x — the index register X',
    text: 'The second register; jumps and arithmetic can use it instead of a constant.',
  },
  a: { title: 'a — the accumulator A', text: 'The register every load, jump and arithmetic works on.' },
  label: {
    title: 'label',
    text: 'A jump target: the name of a later instruction, written `name:` before it.',
  },
};

/** One Linux extension. */
export interface ExtensionDoc {
  /** bpf_asm's name. */
  name: string;
  /** Other spellings (bpfc, tcpdump -d). */
  aliases: readonly string[];
  /** SKF_AD_* constant. */
  constant: string;
  /** Offset added to SKF_AD_OFF. */
  offset: number;
  /** What the kernel reads. */
  reads: string;
}

/** The 16 Linux ancillary loads (include/uapi/linux/filter.h; meanings from filter.rst). */
export const EXTENSION_DOCS: readonly ExtensionDoc[] = [
  {
    name: 'proto',
    aliases: ['pto'],
    constant: 'SKF_AD_PROTOCOL',
    offset: 0,
    reads: 'skb->protocol: the EtherType the kernel gave the packet (0x0800 for IPv4), in host order',
  },
  {
    name: 'type',
    aliases: [],
    constant: 'SKF_AD_PKTTYPE',
    offset: 4,
    reads: 'skb->pkt_type: 0 to this host, 1 broadcast, 2 multicast, 3 to another host, 4 outgoing',
  },
  {
    name: 'ifidx',
    aliases: ['ifx'],
    constant: 'SKF_AD_IFINDEX',
    offset: 8,
    reads: 'the index of the interface the packet came in on (0 when there is none)',
  },
  {
    name: 'nla',
    aliases: [],
    constant: 'SKF_AD_NLATTR',
    offset: 12,
    reads:
      'for netlink sockets: the offset of the attribute of type X, searching from offset A (0 when absent)',
  },
  {
    name: 'nlan',
    aliases: [],
    constant: 'SKF_AD_NLATTR_NEST',
    offset: 16,
    reads:
      'for netlink sockets: the offset of the nested attribute of type X inside the attribute at offset A',
  },
  {
    name: 'mark',
    aliases: [],
    constant: 'SKF_AD_MARK',
    offset: 20,
    reads: 'skb->mark, the firewall mark set by netfilter or SO_MARK',
  },
  {
    name: 'queue',
    aliases: ['que', 'q'],
    constant: 'SKF_AD_QUEUE',
    offset: 24,
    reads: 'skb->queue_mapping, the device queue the packet used',
  },
  {
    name: 'hatype',
    aliases: ['hat'],
    constant: 'SKF_AD_HATYPE',
    offset: 28,
    reads: 'the device type, an ARPHRD_* number (1 = Ethernet)',
  },
  {
    name: 'rxhash',
    aliases: ['rxh'],
    constant: 'SKF_AD_RXHASH',
    offset: 32,
    reads: 'skb->hash, the flow hash',
  },
  {
    name: 'cpu',
    aliases: [],
    constant: 'SKF_AD_CPU',
    offset: 36,
    reads: 'the number of the CPU running the filter',
  },
  {
    name: 'xor_x',
    aliases: [],
    constant: 'SKF_AD_ALU_XOR_X',
    offset: 40,
    reads: 'nothing: it computes A ^ X',
  },
  {
    name: 'vlan_tci',
    aliases: ['vlant'],
    constant: 'SKF_AD_VLAN_TAG',
    offset: 44,
    reads: 'the TCI of the VLAN tag the NIC stripped (hardware offload)',
  },
  {
    name: 'vlan_avail',
    aliases: ['vlan_pr', 'vlanp', 'vlana', 'vlan_acc'],
    constant: 'SKF_AD_VLAN_TAG_PRESENT',
    offset: 48,
    reads: '1 when a VLAN tag was stripped by offload, else 0',
  },
  {
    name: 'poff',
    aliases: [],
    constant: 'SKF_AD_PAY_OFFSET',
    offset: 52,
    reads: 'the offset of the transport payload, found by the kernel’s flow dissector',
  },
  {
    name: 'rand',
    aliases: ['random'],
    constant: 'SKF_AD_RANDOM',
    offset: 56,
    reads: 'a random 32-bit number (bpflab uses a fixed seed so runs repeat)',
  },
  {
    name: 'vlan_tpid',
    aliases: [],
    constant: 'SKF_AD_VLAN_TPID',
    offset: 60,
    reads: 'the TPID of the stripped VLAN tag (0x8100 or 0x88a8)',
  },
];

const EXT_BY_NAME = new Map(
  EXTENSION_DOCS.flatMap((d) => [d.name, ...d.aliases].map((n) => [n, d] as const)),
);

/** The extension a word names under any spelling (any case), if any. */
export function extensionDoc(word: string): ExtensionDoc | undefined {
  return EXT_BY_NAME.get(word.toLowerCase());
}

/** The k an extension load carries. */
export function extensionK(doc: ExtensionDoc): number {
  return (0xfffff000 + doc.offset) >>> 0;
}

/** Why an extension does nothing outside Linux. */
export const LINUX_ONLY =
  'Linux only: libpcap’s bpf_filter() treats the offset as a packet offset far past the end, so the program returns 0.';

/** The symbolic offset bases (reference §4.4), all Linux only. */
export const SYMBOL_DOCS: Readonly<Record<string, ModeDoc>> = {
  skf_ad_off: {
    title: 'SKF_AD_OFF = 0xfffff000',
    text: 'Base of the Linux extensions: [SKF_AD_OFF + n] is an ancillary load.',
  },
  skf_net_off: {
    title: 'SKF_NET_OFF = 0xfff00000',
    text: 'Loads at [SKF_NET_OFF + n] read n bytes into the network header, wherever it starts.',
  },
  skf_ll_off: {
    title: 'SKF_LL_OFF = 0xffe00000',
    text: 'Loads at [SKF_LL_OFF + n] read relative to the link-layer (MAC) header.',
  },
};
