// SPDX-License-Identifier: MIT
/**
 * State shared while translating one program: the code writer, the stack of open blocks (so a
 * jump can name its target and get the right relative depth), the locals of the packet loop and
 * the metadata slots the program asked for.
 */
import type { Semantics } from '../types.ts';
import { type MetaField, MetaSlots } from './meta-slots.ts';
import { CodeWriter, Op } from './wasm-encoder.ts';

/** Locals of the `run` function (the first nine are its parameters). */
export const L = {
  /** param: packets in this call */
  count: 0,
  /** param: added to a packet's offset to get its address */
  bias: 1,
  /** param: length of the batch's data: a packet's caplen is cut back to what lies below it */
  limit: 2,
  /** param: bytes between metadata rows (0: every packet shares one row) */
  metaStride: 3,
  /** param: address of the u32 packet offsets */
  offsets: 4,
  /** param: address of the u32 captured lengths */
  caplens: 5,
  /** param: address of the u32 wire lengths */
  wirelens: 6,
  /** param: address where the u32 verdicts go */
  verdicts: 7,
  /** param: address of the first metadata row */
  metaBase: 8,
  /** byte index of the current packet in the per-packet arrays (4 * i) */
  p: 9,
  /** 4 * count */
  end: 10,
  /** address of the current packet's first byte */
  pkt: 11,
  /** captured length: loads are bounded by it */
  cap: 12,
  /** wire length: what `#len` reads */
  wire: 13,
  /** address of the current packet's metadata row */
  meta: 14,
  A: 15,
  X: 16,
  /** scratch for computed offsets and byte swaps */
  tmp: 17,
  /** the current packet's offset in the batch's data */
  off: 18,
  /** i64 scratch for results of the negative-offset helper */
  wide: 19,
  /** M[0]; M[k] is local M0 + k */
  M0: 20,
} as const;

/** Number of parameters of `run`. */
export const RUN_PARAMS = L.p;

/** Number of i32 locals after the parameters, before the i64 one. */
export const RUN_I32_LOCALS = L.wide - L.p;

/** Index of the negative-offset helper function (Linux SKF_NET_OFF/SKF_LL_OFF reads). */
export const NEG_FUNC = 1;

/** A branch destination: the verdict block, the return-0 block, the instruction at a pc, or an
 * `if` the emitter opened for itself. */
export type Label = 'ret' | 'zero' | 'inner' | number;

/** Translation state for one program. */
export class EmitContext {
  readonly w = new CodeWriter();
  readonly slots = new MetaSlots();
  /** The negative-offset helper is called somewhere (so the module must define it). */
  usesNeg = false;
  private readonly open: Label[] = [];
  /** Stack position of each open label (labels are unique while open), so depth() is O(1). */
  private readonly position = new Map<Label, number>();

  constructor(
    readonly semantics: Semantics,
    /** Number of instructions: a jump to this pc or beyond falls off the program. */
    readonly programLength: number,
  ) {}

  /** Open a block (no result unless `type` is given) that `label` names. */
  openBlock(label: Label, type?: number): void {
    this.w.open(Op.block, type);
    this.push(label);
  }

  private push(label: Label): void {
    if (this.position.has(label)) throw new Error(`internal: block ${String(label)} is already open`);
    this.position.set(label, this.open.length);
    this.open.push(label);
  }

  /** Open an `if` with a result type (its arms are not branch targets of the program). */
  openIf(type: number): void {
    this.w.open(Op.if, type);
    this.push('inner');
  }

  /** Switch to the `else` arm of the innermost `if`. */
  elseArm(): void {
    this.w.op(Op.else);
  }

  /** Close the innermost block, which must be `label`'s. */
  closeBlock(label: Label): void {
    const top = this.open.pop();
    if (top !== label) throw new Error(`internal: closing block ${String(label)} but ${String(top)} is open`);
    this.position.delete(label);
    this.w.op(Op.end);
  }

  /** Relative depth of a label's block from here. */
  depth(label: Label): number {
    const at = this.position.get(label);
    if (at === undefined) throw new Error(`internal: no open block for ${String(label)}`);
    return this.open.length - 1 - at;
  }

  /** Unconditional branch to a label. */
  br(label: Label): void {
    this.w.branch(Op.br, this.depth(label));
  }

  /** Branch to a label when the i32 on the stack is non-zero. */
  brIf(label: Label): void {
    this.w.branch(Op.br_if, this.depth(label));
  }

  /** Push a local. */
  get(local: number): this {
    this.w.local(Op.local_get, local);
    return this;
  }

  /** Pop into a local. */
  set(local: number): this {
    this.w.local(Op.local_set, local);
    return this;
  }

  /** Push an i32 constant. */
  const(value: number): this {
    this.w.i32Const(value);
    return this;
  }

  /** Emit opcodes with no immediates. */
  ops(...codes: number[]): this {
    for (const c of codes) this.w.op(c);
    return this;
  }

  /** Push the word of a metadata field for the current packet. */
  metaField(field: MetaField): this {
    this.get(L.meta);
    this.w.mem(Op.i32_load, 2, this.slots.slot(field) * 4);
    return this;
  }
}
