// SPDX-License-Identifier: MIT
/**
 * `ip protochain N` / `ip6 protochain N` (libpcap gen_protochain facts): one block whose
 * statements walk the header chain in a loop: compare the next-header value with N, stop at "no
 * next header", step over IPv6 extension headers (hop-by-hop, destination options, routing,
 * fragment) and AH, and jump *backwards* to compare again. Only libpcap's userland interpreter
 * runs backward jumps; the Linux kernel refuses them. libpcap also turns its optimizer off.
 */
import type { Insn } from '../isa/insn.ts';
import type { ProtoQual } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, type IrStmt, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { ETH, genLinktype } from './lower-link.ts';

const IPPROTO = { HOPOPTS: 0, ROUTING: 43, FRAGMENT: 44, AH: 51, NONE: 59, DSTOPTS: 60 } as const;

/** A statement list with jumps by statement index, filled in as the chain is laid out. */
class Chain {
  readonly stmts: IrStmt[] = [];
  add(insn: Insn): number {
    this.stmts.push({ insn });
    return this.stmts.length - 1;
  }
  jeq(k: number): number {
    return this.add({ op: 'jmp', cond: 'jeq', src: 'k', k, jt: 0, jf: 0 });
  }
  set(i: number, side: 'jt' | 'jf', target: number): void {
    this.stmts[i]![side] = target;
  }
}

function ipv6Advance(c: Chain, net: number, reg: number, again: number): number {
  const first = c.add({ op: 'ld', mode: 'ind', size: 1, k: net });
  c.add({ op: 'st', k: reg });
  c.add({ op: 'ld', mode: 'ind', size: 1, k: net + 1 });
  c.add({ op: 'alu', alu: 'add', src: 'k', k: 1 });
  c.add({ op: 'alu', alu: 'mul', src: 'k', k: 8 });
  c.add({ op: 'alu', alu: 'add', src: 'x', k: 0 });
  c.add({ op: 'tax' });
  c.add({ op: 'ld', mode: 'mem', k: reg });
  const ja = c.add({ op: 'ja', k: 0 });
  c.set(ja, 'jt', again);
  return first;
}

function ahAdvance(c: Chain, net: number, reg: number, again: number): void {
  c.add({ op: 'txa' });
  c.add({ op: 'ld', mode: 'ind', size: 1, k: net });
  c.add({ op: 'st', k: reg });
  c.add({ op: 'txa' });
  c.add({ op: 'alu', alu: 'add', src: 'k', k: 1 });
  c.add({ op: 'tax' });
  c.add({ op: 'ld', mode: 'ind', size: 1, k: net });
  c.add({ op: 'alu', alu: 'add', src: 'k', k: 2 });
  c.add({ op: 'alu', alu: 'mul', src: 'k', k: 4 });
  c.add({ op: 'tax' });
  c.add({ op: 'ld', mode: 'mem', k: reg });
  const ja = c.add({ op: 'ja', k: 0 });
  c.set(ja, 'jt', again);
}

function chainFor(ctx: LowerCtx, v: number, v6: boolean): Frag {
  const reg = ctx.allocReg();
  // gencode.c gen_protochain: the walk needs constant header offsets (none after 'geneve').
  if (ctx.link.varLinkPl !== undefined)
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      "'protochain' cannot follow 'geneve': libpcap walks header chains only at constant offsets",
    );
  ctx.noOptimize = true;
  const b0 = genLinktype(ctx, v6 ? ETH.IPV6 : ETH.IP);
  const net = (ctx.link.offLinkPl + ctx.link.offNl) >>> 0;
  const c = new Chain();
  c.add({ op: 'ld', mode: 'abs', size: 1, k: net + (v6 ? 6 : 9) });
  c.add(v6 ? { op: 'ldx', mode: 'imm', k: 40 } : { op: 'ldx', mode: 'msh', k: net });
  const again = c.jeq(v);
  const none = c.jeq(IPPROTO.NONE);
  c.set(again, 'jf', none);
  let lastExt = -1;
  if (v6) {
    const exts = [IPPROTO.HOPOPTS, IPPROTO.DSTOPTS, IPPROTO.ROUTING, IPPROTO.FRAGMENT].map((k) => c.jeq(k));
    c.set(none, 'jf', exts[0]!);
    for (let i = 0; i < 3; i++) c.set(exts[i]!, 'jf', exts[i + 1]!);
    const advance = ipv6Advance(c, net, reg, again);
    for (const e of exts) c.set(e, 'jt', advance);
    lastExt = exts[3]!;
  } else {
    c.set(none, 'jf', c.add({ op: 'alu', alu: 'add', src: 'k', k: 0 }));
  }
  const ah = c.jeq(IPPROTO.AH);
  if (lastExt >= 0) c.set(lastExt, 'jf', ah);
  c.set(ah, 'jt', ah + 1);
  ahAdvance(c, net, reg, again);
  const end = c.add({ op: 'alu', alu: 'add', src: 'k', k: 0 });
  c.set(none, 'jt', end);
  c.set(ah, 'jf', end);
  c.set(again, 'jt', end);
  const note = `${v6 ? 'IPv6' : 'IPv4'} header chain contains protocol ${v}`;
  const b = ctx.test(c.stmts, 'jeq', v, note);
  ctx.freeReg(reg);
  return andFrag(b0, b);
}

/** `[ip|ip6] protochain N`; without a qualifier, the IPv4 chain or the IPv6 chain. */
export function lowerProtochain(ctx: LowerCtx, v: number, proto: ProtoQual): Frag {
  if (proto === 'ip' || proto === 'ip6') return chainFor(ctx, v, proto === 'ip6');
  // libpcap allocates a scratch cell here too and never frees it, which shifts later cell numbers.
  ctx.allocReg();
  const b0 = chainFor(ctx, v, false);
  return orFrag(b0, chainFor(ctx, v, true));
}
