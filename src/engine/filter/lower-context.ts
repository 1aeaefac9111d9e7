// SPDX-License-Identifier: MIT
/**
 * State of the lower pass, as libpcap keeps it while generating code: where the link-layer
 * header, its type field and its payload sit (primitives like `vlan` move them for everything
 * generated afterwards), the scratch-register allocator, and the primitive being lowered (every
 * block is stamped with it, for the listing and the two-way highlight).
 */

import type { Insn, JumpCond, Size } from '../isa/insn.ts';
import { BPF_MEMWORDS } from '../isa/opcodes.ts';
import type { Reporter } from './check-filter.ts';
import { FLT } from './filter-codes.ts';
import { BlockFactory, type Frag, type IrOrigin, type IrStmt, notFrag } from './filter-ir.ts';
import type { Span } from './source-text.ts';

/** The link types the compiler knows (PPP only as what `pppoes` leaves behind). */
export type LinkKind =
  | 'EN10MB'
  | 'RAW'
  | 'IPV4'
  | 'IPV6'
  | 'LINUX_SLL'
  | 'LINUX_SLL2'
  | 'NULL'
  | 'LOOP'
  | 'PPP';

/** Compiling for a capture file (tcpdump -r), and the byte order the file was written in. */
export interface SavefileInfo {
  bigEndian: boolean;
}

/** libpcap's OFFSET_NOT_SET, as the unsigned number its loads would use. */
export const NOT_SET = 0xffffffff;

/** Offsets (bytes from the start of the packet) of the headers the primitives look at. */
export interface LinkState {
  linktype: LinkKind;
  prevLinktype: LinkKind;
  offLinkHdr: number;
  offPrevLinkHdr: number;
  /** The link-layer type field (`NOT_SET` when the link has none, as RAW). */
  offLinkType: number;
  /** The link-layer payload. */
  offLinkPl: number;
  /** The network header, relative to the payload (MPLS labels add 4 each). */
  offNl: number;
  offNlNosnap: number;
  vlanDepth: number;
  labelDepth: number;
  /**
   * Scratch cells holding the run-time part of an offset (libpcap's variable offsets, which
   * `geneve` introduces); absent while the offset is the constant above alone.
   */
  varLinkHdr?: number | undefined;
  varPrevLinkHdr?: number | undefined;
  varLinkType?: number | undefined;
  varLinkPl?: number | undefined;
  /** libpcap is_geneve: the link header is the one inside Geneve (MAC filters first check it exists). */
  geneve?: boolean | undefined;
}

/** Initial offsets for a link type (libpcap init_linktype). */
export function initialLink(kind: LinkKind): LinkState {
  const base = (offLinkType: number, offLinkPl: number, offNlNosnap = 0): LinkState => ({
    linktype: kind,
    prevLinktype: kind,
    offLinkHdr: 0,
    offPrevLinkHdr: 0,
    offLinkType,
    offLinkPl,
    offNl: 0,
    offNlNosnap,
    vlanDepth: 0,
    labelDepth: 0,
  });
  switch (kind) {
    case 'EN10MB':
      return base(12, 14, 3);
    case 'LINUX_SLL':
      return base(14, 16);
    case 'LINUX_SLL2':
      return base(0, 20);
    case 'NULL':
    case 'LOOP':
      return base(0, 4);
    default:
      return base(NOT_SET, 0);
  }
}

/** Which header an offset is relative to (libpcap's e_offrel). */
export type OffRel =
  | 'packet'
  | 'linkhdr'
  | 'prevlinkhdr'
  | 'llc'
  | 'prevmplshdr'
  | 'linkpl'
  | 'linkpl-nosnap'
  | 'linktype'
  | 'tran-ipv4'
  | 'tran-ipv6';

/** Thrown when the pass must stop, as libpcap's bpf_error does; caught by the pass. */
export class LowerFailure {}

const u32 = (n: number) => n >>> 0;

/** The lower pass's working state. */
export class LowerCtx {
  readonly blocks = new BlockFactory();
  private readonly regUsed = new Array<boolean>(BPF_MEMWORDS).fill(false);
  private curReg = 0;
  /** The primitive being lowered. */
  origin: IrOrigin | undefined;
  /** Set by `protochain` and `geneve`: libpcap then skips its optimizer. */
  noOptimize = false;

  constructor(
    public link: LinkState,
    readonly rep: Reporter,
    readonly netmask: number,
    readonly savefile?: SavefileInfo,
  ) {}

  /** Report an error at `span` (or the current primitive) and stop lowering. */
  fail(code: string, message: string, span?: Span): never {
    this.rep.error(code, message, span ?? this.origin?.span ?? { start: 0, end: 0 });
    throw new LowerFailure();
  }

  /** libpcap alloc_reg: the next free scratch cell, searching round-robin from the last one. */
  allocReg(): number {
    for (let n = 0; n < BPF_MEMWORDS; n++) {
      if (!this.regUsed[this.curReg]) {
        this.regUsed[this.curReg] = true;
        return this.curReg;
      }
      this.curReg = (this.curReg + 1) % BPF_MEMWORDS;
    }
    return this.fail(FLT.tooManyRegisters, 'the arithmetic needs more than 16 scratch cells');
  }

  /** libpcap free_reg. */
  freeReg(n: number): void {
    this.regUsed[n] = false;
  }

  /** The absolute offset of `offset` relative to `rel` (not for the transport-relative ones). */
  offsetOf(rel: OffRel, offset: number): number {
    const L = this.link;
    switch (rel) {
      case 'packet':
        return u32(offset);
      case 'linkhdr':
        return u32(L.offLinkHdr + offset);
      case 'prevlinkhdr':
        return u32(L.offPrevLinkHdr + offset);
      case 'llc':
        return u32(L.offLinkPl + offset);
      case 'prevmplshdr':
        return u32(L.offLinkPl + L.offNl - 4 + offset);
      case 'linkpl':
        return u32(L.offLinkPl + L.offNl + offset);
      case 'linkpl-nosnap':
        return u32(L.offLinkPl + L.offNlNosnap + offset);
      case 'linktype':
        return u32(L.offLinkType + offset);
      case 'tran-ipv6':
        return u32(L.offLinkPl + L.offNl + 40 + offset);
      case 'tran-ipv4':
        return u32(L.offLinkPl + L.offNl + offset);
    }
  }

  /** The scratch cell holding the run-time part of `rel`'s offset, if it has one. */
  varOf(rel: OffRel): number | undefined {
    const L = this.link;
    switch (rel) {
      case 'packet':
        return undefined;
      case 'linkhdr':
        return L.varLinkHdr;
      case 'prevlinkhdr':
        return L.varPrevLinkHdr;
      case 'linktype':
        return L.varLinkType;
      default:
        return L.varLinkPl;
    }
  }

  /** Statements loading A with `size` bytes at `offset` relative to `rel` (libpcap gen_load_a). */
  loadA(rel: OffRel, offset: number, size: Size): IrStmt[] {
    const k = this.offsetOf(rel, offset);
    if (rel === 'tran-ipv4')
      return [...this.loadIpHeaderLength(), { insn: { op: 'ld', mode: 'ind', size, k } }];
    const reg = this.varOf(rel);
    // gencode.c gen_load_absoffsetrel: a run-time offset goes to X, the constant part into k.
    if (reg !== undefined)
      return [{ insn: { op: 'ldx', mode: 'mem', k: reg } }, { insn: { op: 'ld', mode: 'ind', size, k } }];
    return [{ insn: { op: 'ld', mode: 'abs', size, k } }];
  }

  /**
   * X = length of the IPv4 header plus the run-time part of the payload offset (libpcap
   * gen_loadx_iphdrlen): `ldxb 4*([k]&0xf)` when the offset is constant, else the same sum
   * computed in A, as that addressing mode takes no X.
   */
  loadIpHeaderLength(): IrStmt[] {
    const k = this.offsetOf('linkpl', 0);
    const reg = this.link.varLinkPl;
    if (reg === undefined) return [{ insn: { op: 'ldx', mode: 'msh', k } }];
    return [
      { insn: { op: 'ldx', mode: 'mem', k: reg } },
      { insn: { op: 'ld', mode: 'ind', size: 1, k } },
      { insn: { op: 'alu', alu: 'and', src: 'k', k: 0xf } },
      { insn: { op: 'alu', alu: 'lsh', src: 'k', k: 2 } },
      { insn: { op: 'alu', alu: 'add', src: 'x', k: 0 } },
      { insn: { op: 'tax' } },
    ];
  }

  /** A one-block fragment: `stmts`, then `A <cond> k`. */
  test(stmts: IrStmt[], cond: JumpCond, k: number, note: string): Frag {
    return this.blocks.test(stmts, { cond, src: 'k', k: u32(k) }, this.originWith(note));
  }

  /** libpcap gen_ncmp: load, mask unless all ones, compare; `reverse` negates jgt/jge. */
  ncmp(
    rel: OffRel,
    offset: number,
    size: Size,
    mask: number,
    cond: JumpCond,
    reverse: boolean,
    v: number,
    note: string,
  ): Frag {
    const stmts = this.loadA(rel, offset, size);
    if (u32(mask) !== 0xffffffff) stmts.push({ insn: { op: 'alu', alu: 'and', src: 'k', k: u32(mask) } });
    const frag = this.test(stmts, cond, v, note);
    return reverse && (cond === 'jgt' || cond === 'jge') ? notFrag(frag) : frag;
  }

  /** libpcap gen_cmp: `field == v`. */
  cmp(rel: OffRel, offset: number, size: Size, v: number, note: string): Frag {
    return this.ncmp(rel, offset, size, 0xffffffff, 'jeq', false, v, note);
  }

  /** libpcap gen_mcmp: `field & mask == v`. */
  mcmp(rel: OffRel, offset: number, size: Size, v: number, mask: number, note: string): Frag {
    return this.ncmp(rel, offset, size, mask, 'jeq', false, v, note);
  }

  /** libpcap gen_uncond: `ld #0; jeq #0` (always true) or `ld #1; jeq #0` (always false). */
  constant(value: boolean, note: string): Frag {
    const insn: Insn = { op: 'ld', mode: 'imm', k: value ? 0 : 1 };
    return this.test([{ insn }], 'jeq', 0, note);
  }

  private originWith(note: string): IrOrigin | undefined {
    return this.origin ? { span: this.origin.span, note } : undefined;
  }
}
