// SPDX-License-Identifier: MIT
/**
 * The syntax tree of a pcap-filter expression. Every node keeps the span of text it came from, so
 * each emitted instruction can point back at the primitive it implements.
 */
import type { Span } from './source-text.ts';

/** Protocol qualifiers (`ether` is `link`); `default` when none was written, `undef` when none may be. */
export type ProtoQual =
  | 'default'
  | 'undef'
  | 'link'
  | 'ip'
  | 'arp'
  | 'rarp'
  | 'sctp'
  | 'tcp'
  | 'udp'
  | 'icmp'
  | 'igmp'
  | 'igrp'
  | 'pim'
  | 'vrrp'
  | 'carp'
  | 'atalk'
  | 'aarp'
  | 'decnet'
  | 'lat'
  | 'sca'
  | 'moprc'
  | 'mopdl'
  | 'ip6'
  | 'icmp6'
  | 'ah'
  | 'esp'
  | 'iso'
  | 'esis'
  | 'isis'
  | 'l1'
  | 'l2'
  | 'iih'
  | 'lsp'
  | 'snp'
  | 'csnp'
  | 'psnp'
  | 'clnp'
  | 'stp'
  | 'ipx'
  | 'netbeui'
  | 'radio';

/**
 * Protocols whose `proto[index]` accessor reads from the network-layer header (libpcap
 * gen_load: the link payload offset), after checking the packet is that protocol.
 */
export const NETWORK_ACCESSORS: ReadonlySet<ProtoQual> = new Set<ProtoQual>([
  'ip',
  'arp',
  'rarp',
  'atalk',
  'decnet',
  'sca',
  'lat',
  'moprc',
  'mopdl',
  'ip6',
]);

/**
 * Protocols whose `proto[index]` accessor reads from the transport header behind an IPv4 header
 * of run-time length (libpcap gen_load), so IPv6 packets and later fragments never match.
 */
export const TRANSPORT_ACCESSORS: ReadonlySet<ProtoQual> = new Set<ProtoQual>([
  'sctp',
  'tcp',
  'udp',
  'icmp',
  'igmp',
  'igrp',
  'pim',
  'vrrp',
  'carp',
]);

/** Direction qualifiers: `src or dst` is `or`, `src and dst` is `and`. */
export type DirQual =
  | 'default'
  | 'undef'
  | 'src'
  | 'dst'
  | 'or'
  | 'and'
  | 'addr1'
  | 'addr2'
  | 'addr3'
  | 'addr4'
  | 'ra'
  | 'ta';

/** Address-type qualifiers. */
export type AddrQual =
  | 'default'
  | 'undef'
  | 'host'
  | 'net'
  | 'port'
  | 'portrange'
  | 'gateway'
  | 'proto'
  | 'protochain';

/** The qualifiers in force for an id (written, or carried over from the previous primitive). */
export interface Qual {
  proto: ProtoQual;
  dir: DirQual;
  addr: AddrQual;
}

/** What follows the qualifiers: a number, a name, an address, a network. */
export type IdValue =
  | { type: 'num'; value: number }
  | { type: 'name'; text: string }
  | { type: 'ipv4'; text: string }
  | { type: 'ipv4-prefix'; text: string; bits: number; bitsSpan: Span }
  | { type: 'ipv4-mask'; text: string; mask: string; maskSpan: Span }
  | { type: 'ipv6'; text: string }
  | { type: 'ipv6-prefix'; text: string; bits: number; bitsSpan: Span }
  | { type: 'mac'; text: string }
  | { type: 'arcnet'; text: string };

/** Arithmetic operators of `arth` (all unsigned 32-bit). */
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>';

/** Comparison operators; `<`, `<=`, `!=` compile as the negation of `>=`, `>`, `=`. */
export type RelOp = '>' | '>=' | '=' | '<' | '<=' | '!=';

/** An arithmetic expression (`arth`). */
export type Arith =
  | { kind: 'num'; value: number; span: Span }
  | { kind: 'len'; span: Span }
  | {
      kind: 'load';
      proto: ProtoQual;
      index: Arith;
      size: number;
      span: Span;
      protoSpan: Span;
      sizeSpan?: Span;
    }
  | { kind: 'binary'; op: ArithOp; left: Arith; right: Arith; span: Span; opSpan: Span }
  | { kind: 'neg'; operand: Arith; span: Span };

/** A boolean expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode; span: Span; opSpan: Span }
  | { kind: 'not'; operand: FilterNode; span: Span }
  /** qualifiers + id (`tcp dst port 80`, or a bare id carrying the previous qualifiers) */
  | { kind: 'id'; qual: Qual; value: IdValue; span: Span; valueSpan: Span; inherited: boolean }
  /** a bare protocol keyword (`tcp`, `ip6`, `arp`) */
  | { kind: 'proto'; proto: ProtoQual; span: Span }
  | { kind: 'relation'; op: RelOp; left: Arith; right: Arith; span: Span; opSpan: Span }
  | { kind: 'broadcast' | 'multicast'; proto: ProtoQual; span: Span }
  | { kind: 'less' | 'greater'; value: number; span: Span }
  | { kind: 'byte'; index: number; op: '&' | '|' | '<' | '>' | '='; value: number; span: Span }
  | { kind: 'inbound' | 'outbound'; span: Span }
  | { kind: 'ifindex'; value: number; span: Span }
  | { kind: 'vlan' | 'mpls' | 'pppoes' | 'geneve'; value?: number; span: Span; valueSpan?: Span }
  | { kind: 'pppoed'; span: Span }
  | { kind: 'llc'; subtype?: string; span: Span }
  /** parsed so that errors point at it, but not compiled (802.11, pflog, ATM, SS7 fields) */
  | { kind: 'unsupported'; what: string; span: Span };
