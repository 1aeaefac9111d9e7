// SPDX-License-Identifier: MIT
/**
 * `port` and `portrange` (libpcap gen_port, gen_portrange and their IPv6 twins): the IPv6 test
 * comes first and reads the ports right after a fixed 40-byte header (no extension headers); the
 * IPv4 test checks the protocol, that the packet is a first fragment, then indexes by the header
 * length (`ldxb 4*([14]&0xf)`). Without a transport qualifier TCP, UDP and SCTP are all tried.
 */
import type { DirQual } from './filter-ast.ts';
import { andFrag, type Frag, notFrag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { ETH, genLinktype } from './lower-link.ts';

const TRANSPORT_NAMES: Record<number, string> = { 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

/** libpcap gen_ipfrag: not a non-first fragment (`ip[6:2] & 0x1fff == 0`). */
export function notFragment(ctx: LowerCtx): Frag {
  const stmts = ctx.loadA('linkpl', 6, 2);
  return notFrag(ctx.test(stmts, 'jset', 0x1fff, 'IPv4 fragment offset is 0 (first fragment)'));
}

/** What a `port`/`portrange` primitive matches. */
export interface PortSpec {
  lo: number;
  hi: number;
  range: boolean;
  dir: DirQual;
}

/** One port field test: `== port`, or `>= lo and <= hi` for a range. */
function portAtom(ctx: LowerCtx, v6: boolean, offset: number, spec: PortSpec, proto: number): Frag {
  const rel = v6 ? 'tran-ipv6' : 'tran-ipv4';
  const field = `${TRANSPORT_NAMES[proto] ?? 'transport'} ${offset === 0 ? 'source' : 'destination'} port`;
  if (!spec.range) return ctx.cmp(rel, offset, 2, spec.lo, `${field} = ${spec.lo}`);
  const [lo, hi] = spec.lo > spec.hi ? [spec.hi, spec.lo] : [spec.lo, spec.hi];
  const ge = ctx.ncmp(rel, offset, 2, 0xffffffff, 'jge', false, lo, `${field} >= ${lo}`);
  const le = ctx.ncmp(rel, offset, 2, 0xffffffff, 'jgt', true, hi, `${field} <= ${hi}`);
  return andFrag(ge, le);
}

function portDir(ctx: LowerCtx, v6: boolean, spec: PortSpec, proto: number): Frag {
  if (spec.dir === 'src') return portAtom(ctx, v6, 0, spec, proto);
  if (spec.dir === 'dst') return portAtom(ctx, v6, 2, spec, proto);
  const src = portAtom(ctx, v6, 0, spec, proto);
  const dst = portAtom(ctx, v6, 2, spec, proto);
  return spec.dir === 'and' ? andFrag(src, dst) : orFrag(src, dst);
}

function portOp(ctx: LowerCtx, v6: boolean, spec: PortSpec, proto: number): Frag {
  const name = TRANSPORT_NAMES[proto] ?? String(proto);
  if (v6) {
    const b0 = ctx.cmp('linkpl', 6, 1, proto, `IPv6 next header is ${name}`);
    return andFrag(b0, portDir(ctx, v6, spec, proto));
  }
  const b0 = andFrag(ctx.cmp('linkpl', 9, 1, proto, `IPv4 protocol is ${name}`), notFragment(ctx));
  return andFrag(b0, portDir(ctx, v6, spec, proto));
}

/** libpcap gen_port / gen_port6: the link type is IPv4 (or IPv6), then the port test(s). */
export function portFamily(ctx: LowerCtx, v6: boolean, spec: PortSpec, ipProto: number | undefined): Frag {
  const b0 = genLinktype(ctx, v6 ? ETH.IPV6 : ETH.IP);
  let b1: Frag;
  if (ipProto !== undefined) b1 = portOp(ctx, v6, spec, ipProto);
  else {
    b1 = orFrag(portOp(ctx, v6, spec, 6), portOp(ctx, v6, spec, 17));
    b1 = orFrag(portOp(ctx, v6, spec, 132), b1);
  }
  return andFrag(b0, b1);
}

/** `[tcp|udp|sctp] [src|dst] port N` / `portrange A-B`: IPv4 generated first, IPv6 tested first. */
export function lowerPort(ctx: LowerCtx, spec: PortSpec, ipProto: number | undefined): Frag {
  const v4 = portFamily(ctx, false, spec, ipProto);
  const v6 = portFamily(ctx, true, spec, ipProto);
  return orFrag(v6, v4);
}
