// SPDX-License-Identifier: MIT
/**
 * Address primitives (libpcap gen_host, gen_hostop, gen_host6, gen_hostop6, gen_ehostop facts):
 * `host`/`net` test IPv4 (and, without a protocol, ARP and RARP) source and/or destination
 * fields under a mask; IPv6 compares four words; `ether host` six bytes of the MAC header.
 */

import { formatIpv4 } from './filter-address.ts';
import type { DirQual, ProtoQual } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { lowerDecnetHost } from './lower-decnet.ts';
import { byteCompare, ETH, genLinktype } from './lower-link.ts';

type Field = 'src' | 'dst';

/** Apply a direction: one field, both (`and`), or either (`or`, the default). */
function byDir(dir: DirQual, one: (f: Field) => Frag): Frag {
  if (dir === 'src' || dir === 'dst') return one(dir);
  const src = one('src');
  const dst = one('dst');
  return dir === 'and' ? andFrag(src, dst) : orFrag(src, dst);
}

const maskText = (mask: number) => (mask === 0xffffffff ? '' : ` & ${formatIpv4(mask)}`);

function hostOp(
  ctx: LowerCtx,
  addr: number,
  mask: number,
  dir: DirQual,
  llProto: number,
  offs: [number, number],
): Frag {
  const what = llProto === ETH.IP ? 'IPv4' : llProto === ETH.ARP ? 'ARP' : 'RARP';
  return byDir(dir, (f) => {
    const link = genLinktype(ctx, llProto);
    const field =
      llProto === ETH.IP ? (f === 'src' ? 'source' : 'destination') : f === 'src' ? 'sender' : 'target';
    const note = `${what} ${field}${maskText(mask)} = ${formatIpv4(addr)}`;
    return andFrag(link, ctx.mcmp('linkpl', f === 'src' ? offs[0] : offs[1], 4, addr, mask, note));
  });
}

/** An IPv4 host or network (`host 10.0.0.1`, `src net 10/8`, `arp host ...`), or a DECnet host. */
export function lowerHost(ctx: LowerCtx, addr: number, mask: number, proto: ProtoQual, dir: DirQual): Frag {
  switch (proto) {
    case 'default': {
      let b = lowerHost(ctx, addr, mask, 'ip', dir);
      // libpcap: inside MPLS only IPv4 is looked for.
      if (ctx.link.labelDepth === 0) {
        b = orFrag(b, lowerHost(ctx, addr, mask, 'arp', dir));
        b = orFrag(b, lowerHost(ctx, addr, mask, 'rarp', dir));
      }
      return b;
    }
    case 'ip':
      return hostOp(ctx, addr, mask, dir, ETH.IP, [12, 16]);
    case 'arp':
      return hostOp(ctx, addr, mask, dir, ETH.ARP, [14, 24]);
    case 'rarp':
      return hostOp(ctx, addr, mask, dir, ETH.REVARP, [14, 24]);
    case 'decnet':
      return lowerDecnetHost(ctx, addr, dir);
    default:
      return ctx.fail(FLT.badQualifier, `'${proto}' does not qualify an IPv4 address`);
  }
}

/** An IPv6 host or network: the link type, then the four words from the first. */
export function lowerHost6(
  ctx: LowerCtx,
  addr: readonly number[],
  mask: readonly number[],
  dir: DirQual,
): Frag {
  return byDir(dir, (f) => {
    const base = f === 'src' ? 8 : 24;
    const note = (i: number) => `IPv6 ${f === 'src' ? 'source' : 'destination'} word ${i}`;
    let b = ctx.mcmp('linkpl', base + 12, 4, addr[3]!, mask[3]!, note(3));
    for (const i of [2, 1, 0])
      b = andFrag(ctx.mcmp('linkpl', base + 4 * i, 4, addr[i]!, mask[i]!, note(i)), b);
    return andFrag(genLinktype(ctx, ETH.IPV6), b);
  });
}

const macText = (mac: readonly number[]) => mac.map((b) => b.toString(16).padStart(2, '0')).join(':');

/** An Ethernet address (`ether host`, `ether src`, `ether dst`); Ethernet captures only. */
export function lowerEtherHost(ctx: LowerCtx, mac: readonly number[], dir: DirQual): Frag {
  if (ctx.link.linktype !== 'EN10MB')
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      `cannot match Ethernet addresses on ${ctx.link.linktype} captures (they have no MAC header)`,
    );
  return byDir(dir, (f) =>
    byteCompare(
      ctx,
      'linkhdr',
      f === 'src' ? 6 : 0,
      mac,
      `Ethernet ${f === 'src' ? 'source' : 'destination'} = ${macText(mac)}`,
    ),
  );
}
