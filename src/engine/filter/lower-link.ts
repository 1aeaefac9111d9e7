// SPDX-License-Identifier: MIT
/**
 * "Is this packet of type T?" for each link type (libpcap gen_linktype facts): Ethernet compares
 * the type field (or, for values up to 1500, the 802.2 LLC header), Linux cooked captures their
 * protocol field, raw IP the version nibble, BSD loopback the address family (NULL in the byte
 * order of the compiling host, little-endian here; LOOP big-endian), and after `mpls` the
 * bottom-of-stack bit and version nibble.
 */
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, notFrag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';

/** Ethernet types and 802.2 SAPs the primitives use. */
export const ETH = {
  IP: 0x0800,
  ARP: 0x0806,
  REVARP: 0x8035,
  IPV6: 0x86dd,
  ATALK: 0x809b,
  AARP: 0x80f3,
  DN: 0x6003,
  SCA: 0x6007,
  LAT: 0x6004,
  MOPDL: 0x6001,
  MOPRC: 0x6002,
  VLAN: 0x8100,
  VLAN_AD: 0x88a8,
  VLAN_QINQ: 0x9100,
  MPLS: 0x8847,
  PPPOED: 0x8863,
  PPPOES: 0x8864,
  IPX: 0x8137,
  SAP_ISONS: 0xfe,
  SAP_IP: 0x06,
  SAP_NETBEUI: 0xf0,
  SAP_IPX: 0xe0,
  SAP_8021D: 0x42,
  SAP_SNAP: 0xaa,
} as const;

const ETHERMTU = 1500;
const SLL_P_802_2 = 0x0004;
const SLL_P_802_3 = 0x0001;
// Address families: AF_INET, and AF_INET6 as the compiling host defines it (10 on Linux).
const AF_INET = 2;
const AF_INET6 = 10;

const NAMES: Record<number, string> = {
  2048: 'IPv4',
  2054: 'ARP',
  24579: 'DECnet',
  32821: 'RARP',
  34525: 'IPv6',
};
const hex = (v: number) => `0x${v.toString(16).padStart(4, '0')}`;
/** How a type value is named in listings. */
export const typeName = (v: number): string => NAMES[v] ?? hex(v);

/** libpcap gen_snap: the 8-byte LLC/SNAP header `aa aa 03 OUI(3) type(2)`. */
function snap(ctx: LowerCtx, orgcode: number, ptype: number): Frag {
  const bytes = [
    ETH.SAP_SNAP,
    ETH.SAP_SNAP,
    0x03,
    (orgcode >> 16) & 0xff,
    (orgcode >> 8) & 0xff,
    orgcode & 0xff,
    ptype >> 8,
    ptype & 0xff,
  ];
  return byteCompare(ctx, 'llc', 0, bytes, `LLC/SNAP type ${hex(ptype)}`);
}

/** libpcap gen_bcmp: compare bytes as words from the end, then a half-word, then a byte. */
export function byteCompare(
  ctx: LowerCtx,
  rel: Parameters<LowerCtx['cmp']>[0],
  offset: number,
  bytes: readonly number[],
  note: string,
): Frag {
  let size = bytes.length;
  let out: Frag | undefined;
  const word = (at: number, n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v = ((v << 8) | bytes[at + i]!) >>> 0;
    return v;
  };
  const add = (f: Frag) => {
    out = out ? andFrag(out, f) : f;
  };
  while (size >= 4) {
    add(ctx.cmp(rel, offset + size - 4, 4, word(size - 4, 4), note));
    size -= 4;
  }
  while (size >= 2) {
    add(ctx.cmp(rel, offset + size - 2, 2, word(size - 2, 2), note));
    size -= 2;
  }
  if (size > 0) add(ctx.cmp(rel, offset, 1, bytes[0]!, note));
  return out!;
}

/** Not an 802.3 length: the type field is above 1500. */
const notLength = (ctx: LowerCtx) =>
  notFrag(ctx.ncmp('linktype', 0, 2, 0xffffffff, 'jgt', false, ETHERMTU, 'type field is a length (802.3)'));

function etherLinktype(ctx: LowerCtx, p: number): Frag {
  switch (p) {
    case ETH.SAP_ISONS:
    case ETH.SAP_IP:
    case ETH.SAP_NETBEUI:
      return andFrag(notLength(ctx), ctx.cmp('llc', 0, 2, (p << 8) | p, `LLC SAP ${hex(p)}`));
    case ETH.SAP_IPX: {
      let b = orFrag(
        ctx.cmp('llc', 0, 1, ETH.SAP_IPX, 'LLC SAP IPX'),
        ctx.cmp('llc', 0, 2, 0xffff, 'raw 802.3 IPX'),
      );
      b = orFrag(snap(ctx, 0, ETH.IPX), b);
      b = andFrag(notLength(ctx), b);
      return orFrag(ctx.cmp('linktype', 0, 2, ETH.IPX, 'ethertype IPX'), b);
    }
    case ETH.ATALK:
    case ETH.AARP: {
      const b = andFrag(
        notLength(ctx),
        p === ETH.ATALK ? snap(ctx, 0x080007, ETH.ATALK) : snap(ctx, 0, ETH.AARP),
      );
      return orFrag(ctx.cmp('linktype', 0, 2, p, `ethertype ${hex(p)}`), b);
    }
    default:
      if (p <= ETHERMTU) return andFrag(notLength(ctx), ctx.cmp('linktype', 2, 1, p, `LLC SAP ${hex(p)}`));
      return ctx.cmp('linktype', 0, 2, p, `ethertype ${typeName(p)}`);
  }
}

function sllLinktype(ctx: LowerCtx, p: number): Frag {
  const is8022 = () => ctx.cmp('linktype', 0, 2, SLL_P_802_2, 'protocol is 802.2 LLC');
  switch (p) {
    case ETH.SAP_ISONS:
    case ETH.SAP_IP:
    case ETH.SAP_NETBEUI:
      return andFrag(is8022(), ctx.cmp('llc', 0, 2, (p << 8) | p, `LLC SAP ${hex(p)}`));
    case ETH.SAP_IPX: {
      let b = orFrag(ctx.cmp('llc', 0, 1, ETH.SAP_IPX, 'LLC SAP IPX'), snap(ctx, 0, ETH.IPX));
      b = andFrag(is8022(), b);
      b = orFrag(ctx.cmp('linktype', 0, 2, SLL_P_802_3, 'protocol is raw 802.3'), b);
      return orFrag(ctx.cmp('linktype', 0, 2, ETH.IPX, 'protocol IPX'), b);
    }
    case ETH.ATALK:
    case ETH.AARP: {
      const b = andFrag(is8022(), p === ETH.ATALK ? snap(ctx, 0x080007, ETH.ATALK) : snap(ctx, 0, ETH.AARP));
      return orFrag(ctx.cmp('linktype', 0, 2, p, `protocol ${hex(p)}`), b);
    }
    default:
      if (p <= ETHERMTU)
        return andFrag(is8022(), ctx.cmp('linkhdr', ctx.link.offLinkPl, 1, p, `LLC SAP ${hex(p)}`));
      return ctx.cmp('linktype', 0, 2, p, `protocol ${typeName(p)}`);
  }
}

const swap32 = (v: number) =>
  (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

function loopbackLinktype(ctx: LowerCtx, af: number): Frag {
  // DLT_NULL holds the family in the capturing host's byte order: libpcap compares it as the
  // compiling host (little-endian here) would write it, or as the file was written when reading
  // one. DLT_LOOP is always big-endian.
  const v = ctx.link.linktype === 'NULL' && !ctx.savefile?.bigEndian ? swap32(af) : af;
  return ctx.cmp('linkhdr', 0, 4, v, `address family ${af === AF_INET ? 'AF_INET' : 'AF_INET6'} (${af})`);
}

/** IPv6 on loopback: the host's AF_INET6, or when reading a file all three BSD values (24, 28, 30). */
function loopbackIpv6(ctx: LowerCtx): Frag {
  if (!ctx.savefile) return loopbackLinktype(ctx, AF_INET6);
  const b1 = orFrag(loopbackLinktype(ctx, 24), loopbackLinktype(ctx, 28));
  return orFrag(loopbackLinktype(ctx, 30), b1);
}

function mplsLinktype(ctx: LowerCtx, p: number): Frag {
  if (p !== ETH.IP && p !== ETH.IPV6)
    return ctx.fail(FLT.unsupportedOnLinkType, 'only IPv4 and IPv6 can be matched inside MPLS');
  const bos = ctx.mcmp('linkpl', -2, 1, 0x01, 0x01, 'bottom of the MPLS label stack');
  return andFrag(
    bos,
    ctx.mcmp(
      'linkpl',
      0,
      1,
      p === ETH.IP ? 0x40 : 0x60,
      0xf0,
      p === ETH.IP ? 'IP version 4' : 'IP version 6',
    ),
  );
}

const PPP_TYPES: Record<number, number> = {
  [ETH.IP]: 0x0021,
  [ETH.IPV6]: 0x0057,
  [ETH.DN]: 0x0027,
  [ETH.ATALK]: 0x0029,
  1536: 0x0025,
  [ETH.SAP_ISONS]: 0x0023,
  [ETH.SAP_8021D]: 0x0031,
  [ETH.SAP_IPX]: 0x002b,
};

/** libpcap gen_linktype: the packet's link-layer type is `p` (an Ethernet type or an LLC SAP). */
export function genLinktype(ctx: LowerCtx, p: number): Frag {
  if (ctx.link.labelDepth > 0) return mplsLinktype(ctx, p);
  switch (ctx.link.linktype) {
    case 'EN10MB':
      return etherLinktype(ctx, p);
    case 'LINUX_SLL':
      return sllLinktype(ctx, p);
    case 'RAW':
      if (p === ETH.IP) return ctx.mcmp('linkhdr', 0, 1, 0x40, 0xf0, 'IP version 4');
      if (p === ETH.IPV6) return ctx.mcmp('linkhdr', 0, 1, 0x60, 0xf0, 'IP version 6');
      return ctx.constant(false, `never ${typeName(p)} on raw IP`);
    case 'IPV4':
      return ctx.constant(p === ETH.IP, p === ETH.IP ? 'always IPv4' : `never ${typeName(p)} on IPv4-only`);
    case 'IPV6':
      return ctx.constant(
        p === ETH.IPV6,
        p === ETH.IPV6 ? 'always IPv6' : `never ${typeName(p)} on IPv6-only`,
      );
    case 'NULL':
    case 'LOOP':
      if (p === ETH.IP) return loopbackLinktype(ctx, AF_INET);
      if (p === ETH.IPV6) return loopbackIpv6(ctx);
      return ctx.constant(false, `never ${typeName(p)} on loopback`);
    case 'PPP':
      return ctx.cmp('linktype', 0, 2, PPP_TYPES[p] ?? p, `PPP protocol ${hex(PPP_TYPES[p] ?? p)}`);
    case 'LINUX_SLL2':
      return ctx.cmp('linktype', 0, 2, p, `protocol ${typeName(p)}`);
  }
}

const LLC_S_SUBTYPES: Record<string, number> = { rr: 0x01, rnr: 0x05, rej: 0x09 };
const LLC_U_SUBTYPES: Record<string, number> = {
  ui: 0x03,
  ua: 0x63,
  disc: 0x43,
  dm: 0x0f,
  sabme: 0x6f,
  test: 0xe3,
  xid: 0xaf,
  frmr: 0x87,
};

/** The test on the LLC control byte for `llc i|s|u|<subtype>`. */
function llcControl(ctx: LowerCtx, subtype: string): Frag {
  const name = subtype.toLowerCase();
  if (name === 'i') return notFrag(ctx.test(ctx.loadA('llc', 2, 1), 'jset', 0x01, 'LLC I frame'));
  if (name === 's') return ctx.mcmp('llc', 2, 1, 0x01, 0x03, 'LLC S frame');
  if (name === 'u') return ctx.mcmp('llc', 2, 1, 0x03, 0x03, 'LLC U frame');
  const s = LLC_S_SUBTYPES[name];
  if (s !== undefined) return ctx.mcmp('llc', 2, 1, s, 0x0f, `LLC S frame ${name}`);
  const u = LLC_U_SUBTYPES[name];
  if (u !== undefined) return ctx.mcmp('llc', 2, 1, u, 0xef, `LLC U frame ${name}`);
  return ctx.fail(
    FLT.badQualifier,
    `unknown LLC frame type '${subtype}' (expected i, s, u, rr, rnr, rej, ui, ua, disc, dm, sabme, test, xid or frmr)`,
  );
}

/** libpcap gen_llc (and its frame-type variants): an 802.2 LLC frame, on Ethernet. */
export function genLlc(ctx: LowerCtx, subtype?: string): Frag {
  const known =
    subtype === undefined ||
    ['i', 's', 'u'].includes(subtype.toLowerCase()) ||
    LLC_S_SUBTYPES[subtype.toLowerCase()] !== undefined ||
    LLC_U_SUBTYPES[subtype.toLowerCase()] !== undefined;
  if (known && ctx.link.linktype !== 'EN10MB')
    return ctx.fail(FLT.unsupportedOnLinkType, `'llc' is not available on ${ctx.link.linktype}`);
  if (!known) return llcControl(ctx, subtype);
  const b1 = notFrag(ctx.cmp('llc', 0, 2, 0xffff, 'not raw 802.3 (IPX)'));
  const b = andFrag(notLength(ctx), b1);
  return subtype === undefined ? b : andFrag(b, llcControl(ctx, subtype));
}
