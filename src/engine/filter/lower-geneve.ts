// SPDX-License-Identifier: MIT
/**
 * `geneve [VNI]` (libpcap gen_geneve facts, RFC 8926): UDP to port 6081 over IPv4 or IPv6, Geneve
 * version 0, optionally the 24-bit VNI. Every later primitive then looks inside the tunnel, at
 * offsets only known at run time: the outer IPv4 header and the Geneve options vary in length. So
 * the match computes them into three scratch cells (the inner protocol type field, the inner
 * link header, the inner payload) and later loads go through X. The inner packet is an Ethernet
 * frame when Geneve's protocol type is 0x6558, else the payload itself (raw IP...), which a
 * conditional jump inside the block decides; such a jump is why libpcap skips its optimizer.
 */
import type { Insn } from '../isa/insn.ts';
import { andFrag, type Frag, type IrStmt, notFrag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { portFamily } from './lower-port.ts';

/** IANA's UDP port for Geneve (libpcap GENEVE_PORT). */
export const GENEVE_PORT = 6081;
/** Geneve protocol type of an inner Ethernet frame (Transparent Ethernet Bridging). */
export const ETHERTYPE_TEB = 0x6558;

const UDP = 17;
const UDP_HEADER = 8;
const GENEVE_BASE = 8;
const ETHER_TYPE_AT = 12;
const ETHER_HEADER = 14;

const s = (insn: Insn): IrStmt => ({ insn });
const add = (k: number) => s({ op: 'alu', alu: 'add', src: 'k', k });

/** UDP to 6081, Geneve version 0, and the VNI if given (libpcap gen_geneve_check). */
function genevePacket(ctx: LowerCtx, v6: boolean, vni: number | undefined): Frag {
  const rel = v6 ? 'tran-ipv6' : 'tran-ipv4';
  const spec = { lo: GENEVE_PORT, hi: GENEVE_PORT, range: false, dir: 'dst' } as const;
  let b = portFamily(ctx, v6, spec, UDP);
  // RFC 8926 §3.4: the version is the first byte's top two bits; only version 0 is understood.
  b = andFrag(b, ctx.mcmp(rel, UDP_HEADER, 1, 0, 0xc0, 'Geneve version is 0'));
  if (vni !== undefined)
    // The VNI is the upper three bytes of the Geneve header's second word.
    b = andFrag(b, ctx.mcmp(rel, UDP_HEADER + 4, 4, (vni << 8) >>> 0, 0xffffff00, `Geneve VNI = ${vni}`));
  return b;
}

/**
 * Geneve over IPv4 or IPv6, then an always-true block leaving the IP header length (plus the
 * payload's run-time offset) in A and X for the offset code (libpcap gen_geneve4 / gen_geneve6).
 */
function geneveOver(ctx: LowerCtx, v6: boolean, vni: number | undefined): Frag {
  const b0 = genevePacket(ctx, v6, vni);
  let stmts: IrStmt[];
  if (!v6) stmts = [...ctx.loadIpHeaderLength(), s({ op: 'txa' })];
  else {
    const reg = ctx.link.varLinkPl;
    const ld40 = s({ op: 'ld', mode: 'imm', k: 40 });
    stmts =
      reg === undefined
        ? [ld40]
        : [s({ op: 'ldx', mode: 'mem', k: reg }), ld40, s({ op: 'alu', alu: 'add', src: 'x', k: 0 })];
    stmts.push(s({ op: 'tax' }));
  }
  const note = `A = X = ${v6 ? 'IPv6' : 'IPv4'} header length (always true)`;
  const origin = ctx.origin ? { span: ctx.origin.span, note } : undefined;
  return andFrag(b0, ctx.blocks.test(stmts, { cond: 'jeq', src: 'x', k: 0 }, origin));
}

/**
 * The statements that, with A = IP header length, store where the inner packet's protocol type,
 * link header and payload start (libpcap gen_geneve_offsets), and the new link state.
 */
function innerOffsets(ctx: LowerCtx): IrStmt[] {
  const L = ctx.link;
  const typeReg = ctx.allocReg();
  const hdrReg = ctx.allocReg();
  const out: IrStmt[] = [
    add(L.offLinkPl + L.offNl + UDP_HEADER), // A = start of the Geneve header
    s({ op: 'tax' }),
    add(2), // Geneve's protocol type field
    s({ op: 'st', k: typeReg }),
    s({ op: 'ld', mode: 'ind', size: 1, k: 0 }),
    s({ op: 'alu', alu: 'and', src: 'k', k: 0x3f }), // option length, in 4-byte words
    s({ op: 'alu', alu: 'mul', src: 'k', k: 4 }),
    add(GENEVE_BASE),
    s({ op: 'alu', alu: 'add', src: 'x', k: 0 }), // A = end of the Geneve header
    s({ op: 'st', k: hdrReg }),
    s({ op: 'ld', mode: 'ind', size: 2, k: 2 }),
    s({ op: 'ldx', mode: 'mem', k: hdrReg }),
  ];
  const jump = out.length;
  const jumpNote = `Geneve protocol type is 0x${ETHERTYPE_TEB.toString(16)} (an Ethernet frame inside)`;
  out.push({
    insn: { op: 'jmp', cond: 'jeq', src: 'k', k: ETHERTYPE_TEB, jt: 0, jf: 0 },
    origin: ctx.origin ? { span: ctx.origin.span, note: jumpNote } : undefined,
    jt: jump + 1,
  });
  // Ethernet inside: its type field and payload lie 12 and 14 bytes further.
  out.push(s({ op: 'txa' }), add(ETHER_TYPE_AT), s({ op: 'st', k: typeReg }));
  out.push(add(ETHER_HEADER - ETHER_TYPE_AT), s({ op: 'tax' }));
  const plReg = ctx.allocReg();
  out[jump]!.jf = out.length;
  out.push(s({ op: 'stx', k: plReg }));
  // libpcap PUSH_LINKHDR: the inner link header is taken as Ethernet; off_nl_nosnap is kept.
  ctx.link = {
    ...L,
    prevLinktype: L.linktype,
    offPrevLinkHdr: L.offLinkHdr,
    varPrevLinkHdr: L.varLinkHdr,
    linktype: 'EN10MB',
    offLinkHdr: 0,
    varLinkHdr: hdrReg,
    offLinkType: 0,
    varLinkType: typeReg,
    offLinkPl: 0,
    varLinkPl: plReg,
    offNl: 0,
    geneve: true,
  };
  return out;
}

/** `geneve [vni]`; every later primitive then reads the packet inside the tunnel. */
export function lowerGeneve(ctx: LowerCtx, vni: number | undefined): Frag {
  const b0 = orFrag(geneveOver(ctx, false, vni), geneveOver(ctx, true, vni));
  const stmts = innerOffsets(ctx);
  // A statement-level jump: libpcap's optimizer cannot handle one, so it is skipped.
  ctx.noOptimize = true;
  stmts.push(s({ op: 'ld', mode: 'imm', k: 0 }));
  return andFrag(b0, ctx.test(stmts, 'jeq', 0, 'inner packet offsets stored (always true)'));
}

/**
 * The test Ethernet-address primitives get first inside Geneve: that the inner packet has a MAC
 * header at all, i.e. its link header and payload offsets differ (libpcap gen_geneve_ll_check).
 */
function innerMacPresent(ctx: LowerCtx): Frag | undefined {
  const L = ctx.link;
  if (!L.geneve || L.varLinkHdr === undefined || L.varLinkPl === undefined) return undefined;
  const stmts = [
    s({ op: 'ld', mode: 'mem', k: L.varLinkHdr }),
    s({ op: 'ldx', mode: 'mem', k: L.varLinkPl }),
  ];
  const note = 'the Geneve payload is an Ethernet frame (link header and payload offsets differ)';
  const origin = ctx.origin ? { span: ctx.origin.span, note } : undefined;
  return notFrag(ctx.blocks.test(stmts, { cond: 'jeq', src: 'x', k: 0 }, origin));
}

/** `mac()` (an Ethernet-address test), preceded inside Geneve by the inner-MAC check. */
export function withInnerMac(ctx: LowerCtx, mac: () => Frag): Frag {
  const check = innerMacPresent(ctx);
  const b = mac();
  return check ? andFrag(check, b) : b;
}
