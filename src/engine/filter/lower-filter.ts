// SPDX-License-Identifier: MIT
/**
 * Pass 4, lower: the checked tree into a block graph in libpcap's style. Primitives are lowered
 * left to right, as libpcap's parser generates them, because some (`vlan`, `mpls`, `pppoes`, `geneve`) move
 * the header offsets for everything after them. The whole expression's true exits return the
 * snaplen, its false exits 0 (libpcap finish_parse).
 */
import { type Diagnostic, info, warning } from '../diag/diagnostic.ts';
import type { CheckResult, Primitive } from './check-filter.ts';
import { Reporter } from './check-filter.ts';
import type { FilterNode } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, type IrBlock, notFrag, orFrag, patch } from './filter-ir.ts';
import { lowerRelation } from './lower-arith.ts';
import { initialLink, type LinkKind, LowerCtx, LowerFailure, type SavefileInfo } from './lower-context.ts';
import { lowerGeneve, withInnerMac } from './lower-geneve.ts';
import { lowerEtherHost, lowerHost, lowerHost6 } from './lower-host.ts';
import { genLlc } from './lower-link.ts';
import { lowerPort } from './lower-port.ts';
import { lowerProto, lowerProtoAbbrev } from './lower-proto.ts';
import { lowerProtochain } from './lower-protochain.ts';
import {
  lowerBroadcast,
  lowerByte,
  lowerDirection,
  lowerIfindex,
  lowerLength,
  lowerMpls,
  lowerMulticast,
  lowerPppoes,
  lowerVlan,
} from './lower-special.ts';
import { rangeOf, type Span } from './source-text.ts';

/** The lowered program: its entry block (absent on error) and whether libpcap would optimize it. */
export interface LowerResult {
  root?: IrBlock;
  noOptimize: boolean;
  diagnostics: Diagnostic[];
}

/** Options of the lower pass. */
export interface LowerOptions {
  link: LinkKind;
  snaplen: number;
  netmask: number;
  savefile?: SavefileInfo | undefined;
}

function lowerPrimitive(ctx: LowerCtx, p: Primitive): Frag {
  switch (p.kind) {
    case 'host':
      return lowerHost(ctx, p.addr, p.mask, p.proto, p.dir);
    case 'host6':
      return lowerHost6(ctx, p.addr, p.mask, p.dir);
    case 'ehost':
      return withInnerMac(ctx, () => lowerEtherHost(ctx, p.mac, p.dir));
    case 'port':
      return lowerPort(ctx, { lo: p.lo, hi: p.hi, range: p.range, dir: p.dir }, p.ipProto);
    case 'proto':
      return lowerProto(ctx, p.value, p.proto);
    case 'protochain':
      return lowerProtochain(ctx, p.value, p.proto);
  }
}

/** A `vlan`/`mpls`/`pppoes`/`geneve` and the primitives lowered after it (which read shifted offsets). */
interface Shift {
  span: Span;
  guarded: boolean;
  affected: Span[];
}

const SHIFTING = new Set(['vlan', 'mpls', 'pppoes', 'geneve']);

class Lowerer {
  readonly shifts: Shift[] = [];

  constructor(
    readonly ctx: LowerCtx,
    readonly check: CheckResult,
  ) {}

  /** `guarded`: only `and` lies between this node and the root. */
  node(n: FilterNode, guarded = true): Frag {
    switch (n.kind) {
      case 'and':
      case 'or': {
        const left = this.node(n.left, guarded && n.kind === 'and');
        const right = this.node(n.right, guarded && n.kind === 'and');
        return n.kind === 'and' ? andFrag(left, right) : orFrag(left, right);
      }
      case 'not':
        return notFrag(this.node(n.operand, false));
      default:
        return this.primitive(n, guarded);
    }
  }

  private primitive(n: FilterNode, guarded: boolean): Frag {
    const ctx = this.ctx;
    ctx.origin = { span: n.span, note: ctx.rep.slice(n.span) };
    const frag = this.lowerOne(n);
    if (SHIFTING.has(n.kind)) this.shifts.push({ span: n.span, guarded, affected: [] });
    else this.shifts.at(-1)?.affected.push(n.span);
    return frag;
  }

  /** libpcap's offset-shift trap, explained once per shifting primitive that affects others. */
  reportShifts(): void {
    const rep = this.ctx.rep;
    for (const s of this.shifts) {
      if (s.affected.length === 0) continue;
      const what = rep.slice(s.span);
      const notes = s.affected.map((a) => ({
        message: `'${rep.slice(a)}' reads shifted offsets`,
        range: rangeOf(rep.text, a.start, a.end),
      }));
      const message = s.guarded
        ? `'${what}' moves the header offsets of every later primitive (libpcap keeps the shift for the rest of the expression)`
        : `'${what}' sits under 'or'/'not', yet libpcap shifts the offsets of every later primitive, also on packets where '${what}' did not match`;
      const d = s.guarded
        ? info(FLT.offsetShift, message, { range: rangeOf(rep.text, s.span.start, s.span.end), notes })
        : warning(FLT.offsetShift, message, {
            range: rangeOf(rep.text, s.span.start, s.span.end),
            notes,
            hint: `put '${what}' first, joined with 'and' (e.g. '${what} and (...)')`,
          });
      rep.diagnostics.push(d);
    }
  }

  private lowerOne(n: FilterNode): Frag {
    const ctx = this.ctx;
    switch (n.kind) {
      case 'id': {
        const p = this.check.primitives.get(n);
        if (!p) throw new LowerFailure();
        return lowerPrimitive(ctx, p);
      }
      case 'proto':
        return lowerProtoAbbrev(ctx, n.proto);
      case 'relation':
        return lowerRelation(ctx, n.op, n.left, n.right, ctx.rep.slice(n.span));
      case 'broadcast':
        if (n.proto === 'ip' && ctx.netmask === 0xffffffff)
          return ctx.fail(FLT.badQualifier, "'ip broadcast' needs the network's netmask, which is not known");
        return lowerBroadcast(ctx, n.proto);
      case 'multicast':
        return lowerMulticast(ctx, n.proto);
      case 'less':
      case 'greater':
        return lowerLength(ctx, n.kind, n.value);
      case 'byte':
        return lowerByte(ctx, n);
      case 'inbound':
      case 'outbound':
        return lowerDirection(ctx, n.kind === 'outbound');
      case 'ifindex':
        return lowerIfindex(ctx, n.value);
      case 'vlan':
        return lowerVlan(ctx, n.value);
      case 'mpls':
        return lowerMpls(ctx, n.value);
      case 'pppoes':
        return lowerPppoes(ctx, n.value);
      case 'pppoed':
        return lowerProto(ctx, 0x8863, 'link');
      case 'llc':
        return genLlc(ctx, n.subtype);
      case 'geneve':
        return lowerGeneve(ctx, n.value);
      case 'unsupported':
        return ctx.fail(
          FLT.unsupportedOnLinkType,
          `${n.what} is not available on ${ctx.link.linktype} captures`,
        );
      default:
        throw new Error(`lower: unexpected node ${n.kind}`);
    }
  }
}

/** Lower a checked tree (or none, which accepts everything) into blocks; never throws for user input. */
export function lowerFilter(
  text: string,
  root: FilterNode | undefined,
  check: CheckResult,
  options: LowerOptions,
): LowerResult {
  const rep = new Reporter(text);
  const ctx = new LowerCtx(initialLink(options.link), rep, options.netmask, options.savefile);
  const accept = ctx.blocks.ret(options.snaplen);
  if (!root) return { root: accept, noOptimize: false, diagnostics: [] };
  try {
    const lowerer = new Lowerer(ctx, check);
    const frag = lowerer.node(root);
    lowerer.reportShifts();
    patch(frag.t, accept);
    patch(frag.f, ctx.blocks.ret(0));
    return { root: frag.head, noOptimize: ctx.noOptimize, diagnostics: rep.diagnostics };
  } catch (e) {
    if (!(e instanceof LowerFailure)) throw e;
    return { noOptimize: ctx.noOptimize, diagnostics: rep.diagnostics };
  }
}
