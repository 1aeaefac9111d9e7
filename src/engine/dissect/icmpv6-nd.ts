// SPDX-License-Identifier: MIT
/** ICMPv6 neighbor discovery (RFC 4861): RS, RA, NS, NA, redirect, and their options. */
import type { ByteView } from './byte-view.ts';
import { bits, bytesField, field, flag, uint, warn } from './field.ts';
import { formatMac, plural } from './format.ts';
import { ipv6AddressField } from './ipv6.ts';
import type { Field, Next } from './types.ts';

const OPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'Source link-layer address',
  2: 'Target link-layer address',
  3: 'Prefix information',
  4: 'Redirected header',
  5: 'MTU',
  25: 'Recursive DNS Server',
  31: 'DNS Search List',
};

/** What options say that a summary line wants (the link-layer address). */
export interface NdOptionFacts {
  linkAddress?: string;
}

function prefixInfo(view: ByteView, at: number): Field[] {
  const flags = uint(
    view,
    'icmpv6.opt.prefix.flag',
    'Flag',
    at + 3,
    1,
    (v) => `0x${v.toString(16).padStart(2, '0')}`,
  );
  flags.children.push(
    flag(view, 'icmpv6.opt.prefix.flag.l', 'On-link flag (L)', at + 3, 1, 0x80),
    flag(view, 'icmpv6.opt.prefix.flag.a', 'Autonomous address-configuration flag (A)', at + 3, 1, 0x40),
    flag(view, 'icmpv6.opt.prefix.flag.r', 'Router address flag (R)', at + 3, 1, 0x20),
    bits(view, 'icmpv6.opt.prefix.flag.reserved', 'Reserved', at + 3, 1, 0x1f),
  );
  return [
    uint(view, 'icmpv6.opt.prefix.length', 'Prefix Length', at + 2, 1),
    flags,
    uint(view, 'icmpv6.opt.prefix.valid_lifetime', 'Valid Lifetime', at + 4, 4),
    uint(view, 'icmpv6.opt.prefix.preferred_lifetime', 'Preferred Lifetime', at + 8, 4),
    bytesField(view, 'icmpv6.opt.reserved', 'Reserved', at + 12, 4),
    ipv6AddressField(view, 'icmpv6.opt.prefix', 'Prefix', at + 16),
  ];
}

function optionBody(
  view: ByteView,
  type: number,
  at: number,
  size: number,
  facts: NdOptionFacts,
  quote: (next: Next) => Field[],
): Field[] {
  if ((type === 1 || type === 2) && size === 8) {
    const mac = formatMac(view.slice(at + 2, 6));
    facts.linkAddress = mac;
    return [field('icmpv6.opt.linkaddr', `Link-layer address: ${mac}`, at + 2, 6, mac)];
  }
  if (type === 3 && size === 32) return prefixInfo(view, at);
  if (type === 5 && size === 8) {
    return [
      bytesField(view, 'icmpv6.opt.reserved', 'Reserved', at + 2, 2),
      uint(view, 'icmpv6.opt.mtu', 'MTU', at + 4, 4),
    ];
  }
  if (type === 25 && size >= 24) {
    const out = [
      bytesField(view, 'icmpv6.opt.reserved', 'Reserved', at + 2, 2),
      uint(view, 'icmpv6.opt.rdnss.lifetime', 'Lifetime', at + 4, 4),
    ];
    for (let a = at + 8; a + 16 <= at + size; a += 16)
      out.push(ipv6AddressField(view, 'icmpv6.opt.rdnss', 'Recursive DNS Servers', a));
    return out;
  }
  if (type === 4 && size > 8) {
    return [
      bytesField(view, 'icmpv6.opt.reserved', 'Reserved', at + 2, 6),
      ...quote({ table: 'ethertype', key: 0x86dd, offset: at + 8, end: at + size }),
    ];
  }
  return size > 2 ? [bytesField(view, 'icmpv6.opt.data', 'Data', at + 2, size - 2)] : [];
}

/** The option list in `[start, end)`; a zero length ends it (RFC 4861 §4.6: such a packet is invalid). */
export function ndOptions(
  view: ByteView,
  start: number,
  end: number,
  quote: (next: Next) => Field[],
): { fields: Field[]; facts: NdOptionFacts } {
  const facts: NdOptionFacts = {};
  const fields: Field[] = [];
  let at = start;
  while (at + 2 <= Math.min(end, view.captured)) {
    const type = view.u8(at);
    const size = view.u8(at + 1) * 8;
    if (size === 0 || at + size > end) {
      fields.push(
        warn('icmpv6.invalid_option_length', `Invalid option length ${view.u8(at + 1)}`, at, end - at),
      );
      break;
    }
    const name = OPTION_NAMES[type] ?? `Unknown (${type})`;
    const children = [
      uint(view, 'icmpv6.opt.type', 'Type', at, 1, (v) => `${name} (${v})`),
      uint(view, 'icmpv6.opt.length', 'Length', at + 1, 1, (v) => `${v} (${plural(v * 8, 'byte')})`),
      ...optionBody(view, type, at, size, facts, quote),
    ];
    const label =
      facts.linkAddress && (type === 1 || type === 2)
        ? `ICMPv6 Option (${name} : ${facts.linkAddress})`
        : `ICMPv6 Option (${name})`;
    fields.push(field('icmpv6.opt', label, at, size, type, children));
    at += size;
  }
  return { fields, facts };
}

/** Router advertisement fields after the checksum (RFC 4861 §4.2). */
export function routerAdvert(view: ByteView, offset: number): Field[] {
  const flags = uint(
    view,
    'icmpv6.nd.ra.flag',
    'Flags',
    offset + 5,
    1,
    (v) => `0x${v.toString(16).padStart(2, '0')}`,
  );
  flags.children.push(
    flag(view, 'icmpv6.nd.ra.flag.m', 'Managed address configuration', offset + 5, 1, 0x80),
    flag(view, 'icmpv6.nd.ra.flag.o', 'Other configuration', offset + 5, 1, 0x40),
    flag(view, 'icmpv6.nd.ra.flag.h', 'Home Agent', offset + 5, 1, 0x20),
    bits(
      view,
      'icmpv6.nd.ra.flag.prf',
      'Prf (Default Router Preference)',
      offset + 5,
      1,
      0x18,
      (v) => ['Medium', 'High', 'Reserved', 'Low'][v] ?? '',
    ),
    flag(view, 'icmpv6.nd.ra.flag.p', 'ND Proxy', offset + 5, 1, 0x04),
    bits(view, 'icmpv6.nd.ra.flag.rsv', 'Reserved', offset + 5, 1, 0x03),
  );
  return [
    uint(view, 'icmpv6.nd.ra.cur_hop_limit', 'Cur hop limit', offset + 4, 1),
    flags,
    uint(view, 'icmpv6.nd.ra.router_lifetime', 'Router lifetime (s)', offset + 6, 2),
    uint(view, 'icmpv6.nd.ra.reachable_time', 'Reachable time (ms)', offset + 8, 4),
    uint(view, 'icmpv6.nd.ra.retrans_timer', 'Retrans timer (ms)', offset + 12, 4),
  ];
}

/** Neighbor advertisement flags word (R, S, O) and target (RFC 4861 §4.4). */
export function neighborAdvert(view: ByteView, offset: number): Field[] {
  const flags = uint(
    view,
    'icmpv6.nd.na.flag',
    'Flags',
    offset + 4,
    4,
    (v) => `0x${v.toString(16).padStart(8, '0')}`,
  );
  flags.children.push(
    flag(view, 'icmpv6.nd.na.flag.r', 'Router', offset + 4, 4, 0x80000000),
    flag(view, 'icmpv6.nd.na.flag.s', 'Solicited', offset + 4, 4, 0x40000000),
    flag(view, 'icmpv6.nd.na.flag.o', 'Override', offset + 4, 4, 0x20000000),
    bits(view, 'icmpv6.nd.na.flag.rsv', 'Reserved', offset + 4, 4, 0x1fffffff),
  );
  return [flags, ipv6AddressField(view, 'icmpv6.nd.na.target_address', 'Target Address', offset + 8)];
}
