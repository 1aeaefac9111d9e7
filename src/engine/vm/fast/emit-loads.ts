// SPDX-License-Identifier: MIT
/**
 * Packet reads in wasm: big-endian loads built from byte loads (or one unaligned word load and a
 * byte swap), bounds checks against the captured length that cannot overflow, Linux's
 * SKF_NET_OFF/SKF_LL_OFF reads through a small helper function, and the ancillary loads that read
 * the packet's metadata row. A failed check branches to the return-0 block, as both machines do
 * (bpf_filter.c and the kernel: a load outside the packet ends the program with 0).
 */
import type { Size } from '../../isa/insn.ts';
import { extensionOf, SKF_AD_OFF, SKF_LL_OFF, SKF_NET_OFF } from '../../isa/opcodes.ts';
import { type EmitContext, L, NEG_FUNC } from './emit-context.ts';
import { NO_OFFSET } from './meta-slots.ts';
import { CodeWriter, I32, I64, Op, type ValType } from './wasm-encoder.ts';

const U32_MAX = 0xffffffff;
/** Largest value of a 32-bit offset that is still non-negative as the kernel's `int` offset. */
const S32_MAX = 0x7fffffff;

/** Push the big-endian value of `size` bytes at (address pushed by `addr`) + `offset`. */
function loadBigEndian(ctx: EmitContext, size: Size, addr: () => void, offset: number): void {
  const w = ctx.w;
  if (size === 1) {
    addr();
    w.mem(Op.i32_load8_u, 0, offset);
  } else if (size === 2) {
    addr();
    w.mem(Op.i32_load8_u, 0, offset);
    ctx.const(8).ops(Op.i32_shl);
    addr();
    w.mem(Op.i32_load8_u, 0, offset + 1);
    ctx.ops(Op.i32_or);
  } else {
    // One unaligned little-endian word, then bswap32(x) = (rotl(x,8) & 0x00ff00ff) | (rotr(x,8) & 0xff00ff00).
    addr();
    w.mem(Op.i32_load, 0, offset);
    w.local(Op.local_tee, L.tmp);
    ctx.const(8).ops(Op.i32_rotl).const(0x00ff00ff).ops(Op.i32_and);
    ctx.get(L.tmp).const(8).ops(Op.i32_rotr).const(0xff00ff00).ops(Op.i32_and, Op.i32_or);
  }
}

/** Push P[k:size] for a constant, packet-relative k (no negative-offset meaning). */
function readConstOffset(ctx: EmitContext, size: Size, k: number): void {
  const end = k + size;
  if (end > U32_MAX) {
    ctx.br('zero'); // can never fit in a 32-bit captured length
    return;
  }
  // caplen < k + size, unsigned: k + size was checked not to wrap above.
  ctx.get(L.cap).const(end).ops(Op.i32_lt_u);
  ctx.brIf('zero');
  loadBigEndian(ctx, size, () => ctx.get(L.pkt), k);
}

/** Push the value the negative-offset helper reads at offset `pushV()`, or branch to return 0. */
function readNegative(ctx: EmitContext, size: Size, pushV: () => void): void {
  ctx.usesNeg = true;
  ctx.slots.slot('networkOffset');
  ctx.slots.slot('linkOffset');
  pushV();
  ctx.const(size).get(L.pkt).get(L.cap).get(L.meta);
  ctx.w.byte(Op.call).u32(NEG_FUNC);
  ctx.w.local(Op.local_tee, L.wide);
  ctx.w.i64Const(-1n);
  ctx.w.op(Op.i64_eq);
  ctx.brIf('zero');
  ctx.get(L.wide).ops(Op.i32_wrap_i64);
}

/** Push the value of `ld{,h,b} [k]` (abs mode, any k) for the context's semantics. */
export function emitLoadAbs(ctx: EmitContext, size: Size, k: number): void {
  const off = k >>> 0;
  if (ctx.semantics === 'libpcap' || off <= S32_MAX) {
    // bpf_filter.c treats k as unsigned: a "negative" k is simply out of bounds.
    readConstOffset(ctx, size, off);
    return;
  }
  // Linux (net/core/filter.c): k >= SKF_AD_OFF names an ancillary load (any size); other
  // negative k are SKF_NET_OFF/SKF_LL_OFF + n (an unknown ancillary k lands ~1 MiB past the
  // network header, like the interpreter's packet-access.ts), below SKF_LL_OFF nothing: 0.
  const ext = off >= SKF_AD_OFF ? extensionOf(off) : undefined;
  if (ext === 'xor_x') ctx.get(L.A).get(L.X).ops(Op.i32_xor);
  else if (ext === 'nla' || ext === 'nlan') throw new Error(`internal: '${ext}' is left to the interpreter`);
  else if (ext !== undefined) ctx.metaField(ext);
  else if (off >= SKF_LL_OFF) readNegative(ctx, size, () => ctx.const(off));
  else ctx.br('zero');
}

/** Push the value of `ld{,h,b} [x + k]` given an upper bound of X at this pc. */
export function emitLoadInd(ctx: EmitContext, size: Size, k: number, xMax: number): void {
  const off = k >>> 0;
  const addr = () => ctx.get(L.pkt).get(L.X).ops(Op.i32_add);
  if (xMax + off + size <= S32_MAX) {
    // X + k + size cannot wrap (nor turn negative): one unsigned compare with caplen.
    ctx
      .get(L.X)
      .const(off + size)
      .ops(Op.i32_add)
      .get(L.cap)
      .ops(Op.i32_gt_u);
    ctx.brIf('zero');
    loadBigEndian(ctx, size, addr, off);
  } else if (ctx.semantics === 'libpcap' && off + size > U32_MAX) {
    ctx.br('zero'); // X + k + size > 2^32 - 1 > caplen for every X
  } else if (ctx.semantics === 'libpcap') {
    // bpf_filter.c: X + k overflowing 32 bits returns 0, so compare in 64 bits: X + k + size > caplen.
    ctx.get(L.X).ops(Op.i64_extend_i32_u);
    ctx.w.i64Const(BigInt(off + size));
    ctx.ops(Op.i64_add).get(L.cap).ops(Op.i64_extend_i32_u, Op.i64_gt_u);
    ctx.brIf('zero');
    loadBigEndian(ctx, size, addr, off);
  } else {
    // Linux: X + k wraps in 32 bits and is then a signed offset; negative means SKF_NET_OFF/SKF_LL_OFF.
    ctx.get(L.X).const(off).ops(Op.i32_add);
    ctx.w.local(Op.local_tee, L.tmp);
    ctx.const(0).ops(Op.i32_lt_s);
    ctx.openIf(I32);
    readNegative(ctx, size, () => ctx.get(L.tmp));
    ctx.elseArm();
    ctx.get(L.tmp).const(size).ops(Op.i32_add).get(L.cap).ops(Op.i32_gt_u);
    ctx.brIf('zero');
    loadBigEndian(ctx, size, () => ctx.get(L.pkt).get(L.tmp).ops(Op.i32_add), 0);
    ctx.closeBlock('inner');
  }
}

/** Push `4 * (P[k] & 0xf)`, the value `ldxb 4*([k]&0xf)` puts in X. */
export function emitLoadMsh(ctx: EmitContext, k: number): void {
  const off = k >>> 0;
  // The kernel turns ldx msh into a byte ld abs, so a negative k takes the SKF_NET_OFF/SKF_LL_OFF path.
  if (ctx.semantics === 'linux' && off > S32_MAX) {
    if (off >= SKF_LL_OFF) readNegative(ctx, 1, () => ctx.const(off));
    else ctx.br('zero');
  } else {
    readConstOffset(ctx, 1, off);
  }
  ctx.const(0xf).ops(Op.i32_and).const(2).ops(Op.i32_shl);
}

/**
 * The negative-offset helper `(v, size, pkt, cap, meta) -> i64`: the big-endian value of `size`
 * bytes at SKF_NET_OFF/SKF_LL_OFF-relative offset `v` (the kernel's
 * bpf_internal_load_pointer_neg_helper: NET first, then LL, else nothing), or -1 when the header
 * is unknown or the read falls outside the captured bytes. Header offsets are signed words.
 */
export function emitNegativeHelper(netSlot: number, llSlot: number): { locals: ValType[]; body: CodeWriter } {
  const w = new CodeWriter();
  const [v, size, pkt, cap, meta, base, rel, addr, stop, val, sum] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const get = (i: number) => w.local(Op.local_get, i);
  const set = (i: number) => w.local(Op.local_set, i);
  const header = (slot: number, start: number) => {
    get(meta).mem(Op.i32_load, 2, slot * 4);
    set(base);
    get(v).i32Const(start).op(Op.i32_sub);
    set(rel);
  };
  w.open(Op.block); // $fail
  get(v).i32Const(SKF_NET_OFF).op(Op.i32_ge_u).open(Op.if);
  header(netSlot, SKF_NET_OFF);
  w.op(Op.else);
  get(v).i32Const(SKF_LL_OFF).op(Op.i32_lt_u).branch(Op.br_if, 1);
  header(llSlot, SKF_LL_OFF);
  w.op(Op.end);
  get(base).i32Const(NO_OFFSET).op(Op.i32_eq).branch(Op.br_if, 0);
  // sum = base (signed) + rel in 64 bits: fail if negative or if sum + size > caplen.
  get(base).op(Op.i64_extend_i32_s);
  get(rel).op(Op.i64_extend_i32_u).op(Op.i64_add).local(Op.local_tee, sum);
  w.i64Const(0n).op(Op.i64_lt_s).branch(Op.br_if, 0);
  get(sum);
  get(size).op(Op.i64_extend_i32_u).op(Op.i64_add);
  get(cap).op(Op.i64_extend_i32_u).op(Op.i64_gt_u).branch(Op.br_if, 0);
  get(pkt);
  get(sum).op(Op.i32_wrap_i64).op(Op.i32_add).local(Op.local_tee, addr);
  get(size).op(Op.i32_add);
  set(stop);
  w.open(Op.loop);
  get(val).i32Const(8).op(Op.i32_shl);
  get(addr).mem(Op.i32_load8_u, 0, 0).op(Op.i32_or);
  set(val);
  get(addr).i32Const(1).op(Op.i32_add).local(Op.local_tee, addr);
  get(stop).op(Op.i32_ne).branch(Op.br_if, 0);
  w.op(Op.end);
  get(val).op(Op.i64_extend_i32_u).op(Op.return);
  w.op(Op.end);
  w.i64Const(-1n);
  return { locals: [I32, I32, I32, I32, I32, I64], body: w };
}

/** The helper's type: five i32 parameters, one i64 result. */
export const NEG_HELPER_TYPE = { params: [I32, I32, I32, I32, I32], results: [I64] } as const;
