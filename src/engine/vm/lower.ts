// SPDX-License-Identifier: MIT
/**
 * A program lowered for the untraced loop in run-untraced.ts: one flat Int32Array with four slots
 * per instruction (op, operand, true target, false target), so running a whole capture through
 * the interpreter reads no `Insn` objects and no per-instruction object shapes at all.
 *
 * Lowering makes no semantic decision of its own. Jump targets come from jumps.ts (`jaTarget`),
 * constant shift counts from alu.ts (`shiftCount`), extensions from packet-access.ts
 * (`absoluteExtension`), and a load's address is resolved ahead of time only where
 * `fixedAbsoluteAddress` (derived from `absoluteAddress`) says it does not depend on the packet;
 * every other load resolves its address per packet with the same functions `step` uses.
 *
 * One op per ALU operation and jump condition keeps every case of the loop branch-free on the
 * operation. On top of those, a load (fixed, or a byte or half at x + k) followed by a conditional
 * jump on k (`ldh [12]; jeq #0x800`, the shape of nearly every tcpdump filter) is fused into one
 * op that does both, saving a dispatch; the jump keeps its own slot, so a jump into it still runs
 * it alone. Each `ret #k` gets its (frozen) result object here, once.
 */
import type { AluOp, Insn, JumpCond, Size } from '../isa/insn.ts';
import type { ExtensionName } from '../isa/opcodes.ts';
import { shiftCount } from './alu.ts';
import { isInProgram, jaTarget } from './jumps.ts';
import { absoluteExtension, fixedAbsoluteAddress } from './packet-access.ts';
import { isScratchIndex } from './scratch.ts';
import { defaultMaxSteps } from './step-limit.ts';
import type { RunEnd, RunResult, Semantics, TraceStep } from './types.ts';

/**
 * Numeric opcodes of the lowered form: one per behaviour the loop runs, not BPF codes. The loop's
 * `switch` spells them as literals (with these names in comments) so V8 can build a jump table.
 * `fellOff` sits one past the last instruction, where every jump out of the program lands.
 * Fused ops are numbered load-kind by load-kind, in `jeq jgt jge jset` order (see `fuse`).
 */
export const Op = {
  retK: 0,
  retA: 1,
  invalid: 2,
  fellOff: 3,
  ldImm: 4,
  ldxImm: 5,
  ldLen: 6,
  ldxLen: 7,
  ldB: 8,
  ldH: 9,
  ldW: 10,
  ldAbsB: 11,
  ldAbsH: 12,
  ldAbsW: 13,
  ldIndB: 14,
  ldIndH: 15,
  ldIndW: 16,
  ldxMsh: 17,
  ldxMshAbs: 18,
  ldExt: 19,
  ldMem: 20,
  ldxMem: 21,
  st: 22,
  stx: 23,
  neg: 24,
  ja: 25,
  tax: 26,
  txa: 27,
  addK: 28,
  subK: 29,
  mulK: 30,
  divK: 31,
  modK: 32,
  andK: 33,
  orK: 34,
  xorK: 35,
  lshK: 36,
  rshK: 37,
  addX: 38,
  subX: 39,
  mulX: 40,
  divX: 41,
  modX: 42,
  andX: 43,
  orX: 44,
  xorX: 45,
  lshX: 46,
  rshX: 47,
  jeqK: 48,
  jgtK: 49,
  jgeK: 50,
  jsetK: 51,
  jeqX: 52,
  jgtX: 53,
  jgeX: 54,
  jsetX: 55,
  ldBJeq: 56,
  ldBJgt: 57,
  ldBJge: 58,
  ldBJset: 59,
  ldHJeq: 60,
  ldHJgt: 61,
  ldHJge: 62,
  ldHJset: 63,
  ldWJeq: 64,
  ldWJgt: 65,
  ldWJge: 66,
  ldWJset: 67,
  ldIndBJeq: 68,
  ldIndBJgt: 69,
  ldIndBJge: 70,
  ldIndBJset: 71,
  ldIndHJeq: 72,
  ldIndHJgt: 73,
  ldIndHJge: 74,
  ldIndHJset: 75,
} as const;

/** Int32 slots per instruction in `Lowered.code`: op, operand, true target, false target. */
export const SLOTS = 4;

/** A program in lowered form, for one semantics. */
export interface Lowered {
  /** The instructions it was made from (checked by identity before reuse). */
  readonly source: readonly Insn[];
  readonly semantics: Semantics;
  /**
   * `SLOTS` int32s per instruction, plus the `fellOff` sentinel's: the op; its operand (k as
   * int32 bits, a load's resolved fixed address, a constant shift's count, or a scratch index);
   * and the slot index (pc * SLOTS) of the true and false targets, each in [0, n * SLOTS]. Every
   * op but a jump continues at the next instruction; a fused op reads its jump's k and targets
   * from the next instruction's slots.
   */
  readonly code: Int32Array;
  /** The extension an `ldExt` at pc reads. */
  readonly ext: readonly (ExtensionName | undefined)[];
  /** Whether any instruction touches M[] (the loop then zeroes it per packet). */
  readonly usesMem: boolean;
  /** Whether the array lowered was frozen then: it can never differ from `source`. */
  readonly frozen: boolean;
  /** `defaultMaxSteps` for this program, worked out once rather than per packet. */
  readonly defaultMaxSteps: number;
  /** The result of the `ret #k` at pc, made once (`untracedResult`). */
  readonly returns: readonly (RunResult | undefined)[];
}

/** The `steps` of every untraced result: one frozen empty array. */
export const NO_STEPS = Object.freeze([]) as unknown as TraceStep[];

/**
 * A result of the untraced loop that every run ending the same way shares: frozen, made once (a
 * whole-capture run makes one result per packet, and allocating it was measured at about a tenth
 * of the run). Only `ret a` makes a fresh one per run (freezing it would cost more than it saves).
 */
export function untracedResult(verdict: number, end: RunEnd): RunResult {
  return Object.freeze({ verdict, end, steps: NO_STEPS });
}

interface Slot {
  op: number;
  k?: number;
  t?: number;
  f?: number;
  ext?: ExtensionName;
}

const BY_SIZE = {
  fixed: { 1: Op.ldB, 2: Op.ldH, 4: Op.ldW },
  abs: { 1: Op.ldAbsB, 2: Op.ldAbsH, 4: Op.ldAbsW },
  ind: { 1: Op.ldIndB, 2: Op.ldIndH, 4: Op.ldIndW },
} as const satisfies Record<string, Record<Size, number>>;

function lowerAbs(k: number, size: Size, semantics: Semantics): Slot {
  const ext = absoluteExtension(k, semantics);
  if (ext !== undefined) return { op: Op.ldExt, ext };
  const fixed = fixedAbsoluteAddress(k, semantics);
  return fixed === undefined ? { op: BY_SIZE.abs[size], k } : { op: BY_SIZE.fixed[size], k: fixed };
}

function lowerMsh(k: number, semantics: Semantics): Slot {
  const fixed = fixedAbsoluteAddress(k, semantics);
  return fixed === undefined ? { op: Op.ldxMshAbs, k } : { op: Op.ldxMsh, k: fixed };
}

function scratch(op: number, k: number): Slot {
  return isScratchIndex(k) ? { op, k: k >>> 0 } : { op: Op.invalid };
}

function lowerLoad(insn: Extract<Insn, { op: 'ld' | 'ldx' }>, semantics: Semantics): Slot {
  if (insn.op === 'ldx') {
    if (insn.mode === 'imm') return { op: Op.ldxImm, k: insn.k };
    if (insn.mode === 'len') return { op: Op.ldxLen };
    if (insn.mode === 'msh') return lowerMsh(insn.k, semantics);
    return scratch(Op.ldxMem, insn.k);
  }
  switch (insn.mode) {
    case 'imm':
      return { op: Op.ldImm, k: insn.k };
    case 'len':
      return { op: Op.ldLen };
    case 'mem':
      return scratch(Op.ldMem, insn.k);
    case 'ind':
      return { op: BY_SIZE.ind[insn.size], k: insn.k };
    case 'abs':
      return lowerAbs(insn.k, insn.size, semantics);
  }
}

function lowerAlu(insn: Extract<Insn, { op: 'alu' }>, semantics: Semantics): Slot {
  const op = aluOp(insn.alu, insn.src);
  if (insn.src === 'x') return { op };
  // A constant shift count is known now; shiftCount never gives -1 (A = 0) for a constant.
  const shift = insn.alu === 'lsh' || insn.alu === 'rsh';
  return { op, k: shift ? shiftCount(insn.k >>> 0, 'k', semantics) : insn.k };
}

const aluOp = (alu: AluOp, src: 'k' | 'x'): number => Op[`${alu}${src === 'k' ? 'K' : 'X'}`];
const jumpOp = (cond: JumpCond, src: 'k' | 'x'): number => Op[`${cond}${src === 'k' ? 'K' : 'X'}`];

function lowerOne(insn: Insn, pc: number, semantics: Semantics): Slot {
  switch (insn.op) {
    case 'ld':
    case 'ldx':
      return lowerLoad(insn, semantics);
    case 'st':
      return scratch(Op.st, insn.k);
    case 'stx':
      return scratch(Op.stx, insn.k);
    case 'alu':
      return lowerAlu(insn, semantics);
    case 'neg':
      return { op: Op.neg };
    case 'ja':
      return { op: Op.ja, t: jaTarget(pc, insn.k, semantics) };
    case 'jmp':
      return {
        op: jumpOp(insn.cond, insn.src),
        k: insn.src === 'x' ? 0 : insn.k,
        t: pc + 1 + insn.jt,
        f: pc + 1 + insn.jf,
      };
    case 'ret':
      if (insn.src === 'k') return { op: Op.retK, k: insn.k };
      return insn.src === 'a' ? { op: Op.retA } : { op: Op.invalid };
    case 'tax':
      return { op: Op.tax };
    case 'txa':
      return { op: Op.txa };
    case 'raw':
      return { op: Op.invalid };
  }
}

/** A target outside the program lands on the `fellOff` sentinel at n. */
function landing(target: number, n: number): number {
  return isInProgram(target, n) ? target : n;
}

/** The fused op for `first` followed by `second`, or `first` when the pair has none. */
function fuse(first: number, second: number): number {
  if (second < Op.jeqK || second > Op.jsetK) return first;
  const cond = second - Op.jeqK;
  if (first >= Op.ldB && first <= Op.ldW) return Op.ldBJeq + 4 * (first - Op.ldB) + cond;
  if (first === Op.ldIndB || first === Op.ldIndH) return Op.ldIndBJeq + 4 * (first - Op.ldIndB) + cond;
  return first;
}

/** Lower a program for the untraced loop (`frozen`: the caller's array is frozen). */
export function lower(source: readonly Insn[], semantics: Semantics, frozen = false): Lowered {
  const n = source.length;
  const code = new Int32Array(SLOTS * (n + 1));
  const ext: (ExtensionName | undefined)[] = new Array(n + 1).fill(undefined);
  const returns: (RunResult | undefined)[] = new Array(n + 1).fill(undefined);
  let usesMem = false;
  code[SLOTS * n] = Op.fellOff;
  source.forEach((insn, pc) => {
    const slot = lowerOne(insn, pc, semantics);
    const at = SLOTS * pc;
    code[at] = slot.op;
    code[at + 1] = slot.k ?? 0;
    code[at + 2] = SLOTS * landing(slot.t ?? pc + 1, n);
    code[at + 3] = SLOTS * landing(slot.f ?? pc + 1, n);
    ext[pc] = slot.ext;
    if (slot.op === Op.retK) returns[pc] = untracedResult(code[at + 1]! >>> 0, 'ret');
    if (slot.op >= Op.ldMem && slot.op <= Op.stx) usesMem = true;
  });
  // In order, so each pair is judged on the plain op of its second instruction.
  for (let at = 0; at + SLOTS < SLOTS * n; at += SLOTS) code[at] = fuse(code[at]!, code[at + SLOTS]!);
  const limit = defaultMaxSteps(n, semantics);
  return { source, semantics, code, ext, usesMem, frozen, defaultMaxSteps: limit, returns };
}

const cache = new WeakMap<readonly Insn[], Partial<Record<Semantics, Lowered>>>();
/** The most recent lookup (a strong reference to one program, dropped at the next different one). */
let last: Lowered | undefined;
let lastInsns: readonly Insn[] | undefined;

/**
 * The lowered form of `insns`, cached per array and semantics, found in O(1). Unless the array
 * was frozen when lowered, it may have changed since: a different length is noticed here, and the
 * untraced loop compares each instruction it executes with the lowered copy's; on a difference,
 * `run` lowers afresh. Freezing a program array (the engine never mutates one) lets whole-capture
 * runs skip that check.
 */
export function lowerCached(insns: readonly Insn[], semantics: Semantics): Lowered {
  // Whole-capture runs call this once per packet with the same array: check the last one first.
  if (
    lastInsns === insns &&
    last !== undefined &&
    last.semantics === semantics &&
    last.source.length === insns.length
  ) {
    return last;
  }
  const entry = cache.get(insns);
  const lowered = entry?.[semantics];
  const fresh =
    lowered !== undefined && lowered.source.length === insns.length ? lowered : relower(insns, semantics);
  last = fresh;
  lastInsns = insns;
  return fresh;
}

/** Lower `insns` again (it changed since it was cached) and cache the new form. */
export function relower(insns: readonly Insn[], semantics: Semantics): Lowered {
  const lowered = lower(insns.slice(), semantics, Object.isFrozen(insns));
  let entry = cache.get(insns);
  if (!entry) {
    entry = {};
    cache.set(insns, entry);
  }
  entry[semantics] = lowered;
  if (lastInsns === insns && last?.semantics === semantics) last = lowered;
  return lowered;
}
