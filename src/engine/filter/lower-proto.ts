// SPDX-License-Identifier: MIT
/**
 * Protocol primitives (libpcap gen_proto_abbrev and gen_proto facts): a bare `tcp` is "IPv4
 * protocol 6, or IPv6 next header 6 (directly or after one fragment header)"; `ip proto N` reads
 * the IPv4 protocol field; `ip6 proto N` the IPv6 next-header field, looking past one fragment
 * header but no other extension header; `ether proto N` the link-layer type.
 */
import type { ProtoQual } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { ETH, genLinktype } from './lower-link.ts';

const ISO = { CLNP: 0x81, ESIS: 0x82, ISIS: 0x83 } as const;
const ISIS = {
  L1_LAN_IIH: 15,
  L2_LAN_IIH: 16,
  PTP_IIH: 17,
  L1_LSP: 18,
  L2_LSP: 20,
  L1_CSNP: 24,
  L2_CSNP: 25,
  L1_PSNP: 26,
  L2_PSNP: 27,
};
const IPPROTO_FRAGMENT = 44;

/** Any-of over IS-IS PDU types (libpcap ORs them pairwise, last generated first). */
function isisAny(ctx: LowerCtx, types: readonly number[]): Frag {
  let b = orFrag(lowerProto(ctx, types[0]!, 'isis'), lowerProto(ctx, types[1]!, 'isis'));
  for (const t of types.slice(2)) b = orFrag(lowerProto(ctx, t, 'isis'), b);
  return b;
}

const LINK_TYPES: Partial<Record<ProtoQual, number>> = {
  ip: ETH.IP,
  arp: ETH.ARP,
  rarp: ETH.REVARP,
  atalk: ETH.ATALK,
  aarp: ETH.AARP,
  decnet: ETH.DN,
  sca: ETH.SCA,
  lat: ETH.LAT,
  mopdl: ETH.MOPDL,
  moprc: ETH.MOPRC,
  ip6: ETH.IPV6,
  iso: ETH.SAP_ISONS,
  stp: ETH.SAP_8021D,
  ipx: ETH.SAP_IPX,
  netbeui: ETH.SAP_NETBEUI,
};

/** [IP protocol number, which IP versions] of the transport keywords. */
const IP_PROTOS: Partial<Record<ProtoQual, [number, ProtoQual]>> = {
  sctp: [132, 'default'],
  tcp: [6, 'default'],
  udp: [17, 'default'],
  icmp: [1, 'ip'],
  igmp: [2, 'ip'],
  igrp: [9, 'ip'],
  pim: [103, 'default'],
  vrrp: [112, 'ip'],
  carp: [112, 'ip'],
  icmp6: [58, 'ip6'],
  ah: [51, 'default'],
  esp: [50, 'default'],
};

/** A bare protocol keyword (`tcp`, `ip6`, `arp`, `isis`, ...). */
export function lowerProtoAbbrev(ctx: LowerCtx, proto: ProtoQual): Frag {
  const link = LINK_TYPES[proto];
  if (link !== undefined) return genLinktype(ctx, link);
  const ip = IP_PROTOS[proto];
  if (ip) return lowerProto(ctx, ip[0], ip[1]);
  switch (proto) {
    case 'esis':
      return lowerProto(ctx, ISO.ESIS, 'iso');
    case 'isis':
      return lowerProto(ctx, ISO.ISIS, 'iso');
    case 'clnp':
      return lowerProto(ctx, ISO.CLNP, 'iso');
    case 'l1':
      return isisAny(ctx, [ISIS.L1_LAN_IIH, ISIS.PTP_IIH, ISIS.L1_LSP, ISIS.L1_CSNP, ISIS.L1_PSNP]);
    case 'l2':
      return isisAny(ctx, [ISIS.L2_LAN_IIH, ISIS.PTP_IIH, ISIS.L2_LSP, ISIS.L2_CSNP, ISIS.L2_PSNP]);
    case 'iih':
      return isisAny(ctx, [ISIS.L1_LAN_IIH, ISIS.L2_LAN_IIH, ISIS.PTP_IIH]);
    case 'lsp':
      return isisAny(ctx, [ISIS.L1_LSP, ISIS.L2_LSP]);
    case 'snp':
      return isisAny(ctx, [ISIS.L1_CSNP, ISIS.L2_CSNP, ISIS.L1_PSNP, ISIS.L2_PSNP]);
    case 'csnp':
      return isisAny(ctx, [ISIS.L1_CSNP, ISIS.L2_CSNP]);
    case 'psnp':
      return isisAny(ctx, [ISIS.L1_PSNP, ISIS.L2_PSNP]);
    default:
      return ctx.fail(FLT.badQualifier, `'${proto}' cannot be tested on its own`);
  }
}

function ip6Proto(ctx: LowerCtx, v: number): Frag {
  const b0 = genLinktype(ctx, ETH.IPV6);
  const frag = ctx.cmp('linkpl', 6, 1, IPPROTO_FRAGMENT, 'IPv6 next header is a fragment header');
  const after = andFrag(frag, ctx.cmp('linkpl', 40, 1, v, `next header after the fragment header is ${v}`));
  const direct = ctx.cmp('linkpl', 6, 1, v, `IPv6 next header is ${v}`);
  return andFrag(b0, orFrag(direct, after));
}

/** `[ether|ip|ip6|iso|isis] proto N` (libpcap gen_proto). */
export function lowerProto(ctx: LowerCtx, v: number, proto: ProtoQual): Frag {
  switch (proto) {
    case 'default': {
      const b0 = lowerProto(ctx, v, 'ip');
      return orFrag(b0, lowerProto(ctx, v, 'ip6'));
    }
    case 'link':
      return genLinktype(ctx, v);
    case 'ip':
      return andFrag(genLinktype(ctx, ETH.IP), ctx.cmp('linkpl', 9, 1, v, `IPv4 protocol is ${v}`));
    case 'ip6':
      return ip6Proto(ctx, v);
    case 'iso': {
      const b0 = genLinktype(ctx, ETH.SAP_ISONS);
      return andFrag(
        b0,
        ctx.cmp('linkpl-nosnap', 0, 1, v, `OSI network layer protocol is 0x${v.toString(16)}`),
      );
    }
    case 'isis': {
      const b0 = lowerProto(ctx, ISO.ISIS, 'iso');
      return andFrag(b0, ctx.cmp('linkpl-nosnap', 4, 1, v, `IS-IS PDU type is ${v}`));
    }
    default:
      return ctx.fail(FLT.badQualifier, `'${proto} proto' is not defined`);
  }
}
