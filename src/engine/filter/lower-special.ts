// SPDX-License-Identifier: MIT
/**
 * Keyword primitives (libpcap gen_broadcast, gen_multicast, gen_len, gen_byteop, gen_vlan,
 * gen_mpls, gen_pppoes, gen_inbound, gen_ifindex facts). `vlan`, `mpls` and `pppoes` also move
 * the header offsets for every primitive lowered after them: that is libpcap's behaviour, and the
 * reason `vlan or ip` and `ip or vlan` differ.
 */
import { SKF_AD_OFF } from '../isa/opcodes.ts';
import type { FilterNode, ProtoQual } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, notFrag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { withInnerMac } from './lower-geneve.ts';
import { byteCompare, ETH, genLinktype } from './lower-link.ts';

const SKF_AD_PKTTYPE = 4;
const SKF_AD_IFINDEX = 8;
const PACKET_OUTGOING = 4;

/** `[ether|ip] broadcast`. */
export function lowerBroadcast(ctx: LowerCtx, proto: ProtoQual): Frag {
  if (proto === 'ip') {
    const hostmask = ~ctx.netmask >>> 0;
    const b0 = genLinktype(ctx, ETH.IP);
    const b1 = ctx.mcmp('linkpl', 16, 4, 0, hostmask, 'IPv4 destination host part is all zeros');
    const b2 = ctx.mcmp('linkpl', 16, 4, hostmask, hostmask, 'IPv4 destination host part is all ones');
    return andFrag(b0, orFrag(b1, b2));
  }
  if (ctx.link.linktype !== 'EN10MB')
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      `${ctx.link.linktype} captures have no link-layer broadcast address`,
    );
  return withInnerMac(ctx, () =>
    byteCompare(
      ctx,
      'linkhdr',
      0,
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      'Ethernet destination is ff:ff:ff:ff:ff:ff',
    ),
  );
}

/** `[ether|ip|ip6] multicast`. */
export function lowerMulticast(ctx: LowerCtx, proto: ProtoQual): Frag {
  if (proto === 'ip') {
    const b0 = genLinktype(ctx, ETH.IP);
    return andFrag(
      b0,
      ctx.ncmp('linkpl', 16, 1, 0xffffffff, 'jge', false, 224, 'IPv4 destination is 224.0.0.0 or above'),
    );
  }
  if (proto === 'ip6') {
    const b0 = genLinktype(ctx, ETH.IPV6);
    return andFrag(b0, ctx.cmp('linkpl', 24, 1, 255, 'IPv6 destination starts with ff'));
  }
  if (ctx.link.linktype !== 'EN10MB')
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      `${ctx.link.linktype} captures have no link-layer multicast address`,
    );
  return withInnerMac(ctx, () =>
    ctx.test(ctx.loadA('linkhdr', 0, 1), 'jset', 1, 'Ethernet destination has the group bit'),
  );
}

/** `less N` (length <= N) and `greater N` (length >= N), on the wire length. */
export function lowerLength(ctx: LowerCtx, kind: 'less' | 'greater', n: number): Frag {
  const stmts = [{ insn: { op: 'ld', mode: 'len' } as const }];
  if (kind === 'greater') return ctx.test(stmts, 'jge', n, `packet length >= ${n}`);
  return notFrag(ctx.test(stmts, 'jgt', n, `packet length <= ${n}`));
}

/**
 * `byte N op V`. Like libpcap, `&` and `|` load nothing: they test whatever A holds (libpcap's
 * gen_byteop never loads the byte for those two operators).
 */
export function lowerByte(ctx: LowerCtx, node: FilterNode & { kind: 'byte' }): Frag {
  const { index, op, value } = node;
  if (op === '=') return ctx.cmp('linkhdr', index, 1, value, `byte ${index} = ${value}`);
  if (op === '<')
    return ctx.ncmp('linkhdr', index, 1, 0xffffffff, 'jge', true, value, `byte ${index} < ${value}`);
  if (op === '>')
    return ctx.ncmp('linkhdr', index, 1, 0xffffffff, 'jgt', false, value, `byte ${index} > ${value}`);
  const alu = op === '&' ? 'and' : 'or';
  const stmts = [{ insn: { op: 'alu', alu, src: 'k', k: value >>> 0 } as const }];
  return notFrag(ctx.test(stmts, 'jeq', 0, `A ${op} ${value} != 0 (A is not loaded: libpcap quirk)`));
}

/** `vlan [id]`: a VLAN TPID, then every later offset moves 4 bytes in. */
export function lowerVlan(ctx: LowerCtx, id: number | undefined): Frag {
  if (ctx.link.labelDepth > 0) return ctx.fail(FLT.unsupportedOnLinkType, "'vlan' cannot follow 'mpls'");
  if (ctx.link.linktype !== 'EN10MB')
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      `'vlan' is only for Ethernet captures, not ${ctx.link.linktype}`,
    );
  let b = orFrag(genLinktype(ctx, ETH.VLAN), genLinktype(ctx, ETH.VLAN_AD));
  b = orFrag(b, genLinktype(ctx, ETH.VLAN_QINQ));
  if (id !== undefined) b = andFrag(b, ctx.mcmp('linkpl', 0, 2, id, 0x0fff, `VLAN id = ${id}`));
  ctx.link = {
    ...ctx.link,
    offLinkPl: ctx.link.offLinkPl + 4,
    offLinkType: ctx.link.offLinkType + 4,
    vlanDepth: ctx.link.vlanDepth + 1,
  };
  return b;
}

/** `mpls [label]`: an MPLS label (stack), then the network header moves 4 bytes in. */
export function lowerMpls(ctx: LowerCtx, label: number | undefined): Frag {
  let b: Frag;
  if (ctx.link.labelDepth > 0)
    b = ctx.mcmp('prevmplshdr', 2, 1, 0, 0x01, 'previous label is not the bottom of the stack');
  else if (ctx.link.linktype === 'EN10MB') b = genLinktype(ctx, ETH.MPLS);
  else
    return ctx.fail(
      FLT.unsupportedOnLinkType,
      `'mpls' is only for Ethernet captures, not ${ctx.link.linktype}`,
    );
  if (label !== undefined)
    b = andFrag(b, ctx.mcmp('linkpl', 0, 4, (label << 12) >>> 0, 0xfffff000, `MPLS label = ${label}`));
  const L = ctx.link;
  ctx.link = { ...L, offNl: L.offNl + 4, offNlNosnap: L.offNlNosnap + 4, labelDepth: L.labelDepth + 1 };
  return b;
}

/** `pppoes [session]`: a PPPoE session frame; later primitives look inside its PPP payload. */
export function lowerPppoes(ctx: LowerCtx, session: number | undefined): Frag {
  let b = genLinktype(ctx, ETH.PPPOES);
  if (session !== undefined)
    b = andFrag(b, ctx.mcmp('linkpl', 0, 4, session, 0xffff, `PPPoE session = ${session}`));
  const L = ctx.link;
  const pppHeader = L.offLinkPl + L.offNl + 6;
  // The PPP header inherits the payload's run-time offset part (after 'geneve'), if any.
  ctx.link = {
    ...L,
    prevLinktype: L.linktype,
    offPrevLinkHdr: L.offLinkHdr,
    varPrevLinkHdr: L.varLinkHdr,
    linktype: 'PPP',
    offLinkHdr: pppHeader,
    varLinkHdr: L.varLinkPl,
    offLinkType: pppHeader,
    varLinkType: L.varLinkPl,
    offLinkPl: pppHeader + 2,
    offNl: 0,
    offNlNosnap: 0,
    geneve: false,
  };
  return b;
}

/** libpcap (on Linux) reads these from the socket; a capture file has no such data. */
function noSavefile(ctx: LowerCtx, what: string): never {
  return ctx.fail(
    FLT.unsupportedOnLinkType,
    `'${what}' cannot be tested on ${ctx.link.linktype} packets read from a capture file`,
  );
}

/** `inbound`/`outbound`: the cooked header's packet type, else Linux's ancillary packet type. */
export function lowerDirection(ctx: LowerCtx, outbound: boolean): Frag {
  const note = outbound ? 'sent by this host' : 'received by this host';
  let b: Frag;
  if (ctx.link.linktype === 'LINUX_SLL') b = ctx.cmp('linkhdr', 0, 2, PACKET_OUTGOING, note);
  else if (ctx.link.linktype === 'LINUX_SLL2') b = ctx.cmp('linkhdr', 10, 1, PACKET_OUTGOING, note);
  else if (ctx.savefile) return noSavefile(ctx, 'inbound/outbound');
  else
    b = ctx.cmp(
      'linkhdr',
      SKF_AD_OFF + SKF_AD_PKTTYPE,
      2,
      PACKET_OUTGOING,
      `${note} (Linux ancillary data; reads nothing in a capture file)`,
    );
  return outbound ? b : notFrag(b);
}

/** `ifindex N`: the cooked-v2 header's interface index, else Linux's ancillary one. */
export function lowerIfindex(ctx: LowerCtx, n: number): Frag {
  if (ctx.link.linktype === 'LINUX_SLL2') return ctx.cmp('linkhdr', 4, 4, n, `interface index = ${n}`);
  if (ctx.savefile) return noSavefile(ctx, 'ifindex');
  return ctx.cmp(
    'linkhdr',
    SKF_AD_OFF + SKF_AD_IFINDEX,
    4,
    n,
    `interface index = ${n} (Linux ancillary data)`,
  );
}
