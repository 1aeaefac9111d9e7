// SPDX-License-Identifier: MIT
/**
 * A program lowered for the untraced loop in run-untraced.ts: numeric opcodes, operands and
 * absolute jump targets in typed arrays, so running a whole capture through the interpreter does
 * not re-inspect the `Insn` objects for every packet.
 *
 * Lowering makes no semantic decision of its own. Jump targets come from jumps.ts (`jaTarget`),
 * extensions from packet-access.ts (`absoluteExtension`), and a load's address is resolved ahead
 * of time only where `fixedAbsoluteAddress` (derived from `absoluteAddress`) says it does not
 * depend on the packet; every other load resolves its address per packet with the same functions
 * `step` uses. An op per ALU operation and jump condition lets the loop call `aluCompute` and
 * `jumpTest` with a constant operation, which the JIT folds.
 */
import type { AluOp, Insn, JumpCond, Size } from '../isa/insn.ts';
import type { ExtensionName } from '../isa/opcodes.ts';
import { isInProgram, jaTarget } from './jumps.ts';
import { absoluteExtension, fixedAbsoluteAddress } from './packet-access.ts';
import { isScratchIndex } from './scratch.ts';
import type { Semantics } from './types.ts';

/**
 * Numeric opcodes of the lowered form: one per behaviour the loop runs, not BPF codes. The loop's
 * `switch` spells them as literals (with these names in comments) so V8 can build a jump table.
 * `fellOff` sits one past the last instruction, where every jump out of the program lands.
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
} as const;

/** A program in lowered form, for one semantics; arrays have n + 1 slots (the `fellOff` sentinel). */
export interface Lowered {
  /** The instructions it was made from (checked by identity before reuse). */
  readonly source: readonly Insn[];
  readonly semantics: Semantics;
  readonly op: Uint8Array;
  /** k as u32, or the resolved address of a load whose address is fixed. */
  readonly k: Uint32Array;
  /** Absolute targets: `ja`'s target, or a conditional jump's true/false targets, in [0, n]. */
  readonly whenTrue: Int32Array;
  readonly whenFalse: Int32Array;
  /** The extension an `ldExt` reads. */
  readonly ext: readonly (ExtensionName | undefined)[];
  /** Whether any instruction touches M[] (the loop then zeroes it per packet). */
  readonly usesMem: boolean;
  /** Whether the array lowered was frozen then: it can never differ from `source`. */
  readonly frozen: boolean;
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
  return isScratchIndex(k) ? { op, k } : { op: Op.invalid };
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
      return { op: aluOp(insn.alu, insn.src), k: insn.src === 'x' ? 0 : insn.k };
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

/** Lower a program for the untraced loop (`frozen`: the caller's array is frozen). */
export function lower(source: readonly Insn[], semantics: Semantics, frozen = false): Lowered {
  const n = source.length;
  const op = new Uint8Array(n + 1).fill(Op.fellOff);
  const k = new Uint32Array(n + 1);
  const whenTrue = new Int32Array(n + 1);
  const whenFalse = new Int32Array(n + 1);
  const ext: (ExtensionName | undefined)[] = new Array(n + 1).fill(undefined);
  let usesMem = false;
  source.forEach((insn, pc) => {
    const slot = lowerOne(insn, pc, semantics);
    op[pc] = slot.op;
    k[pc] = (slot.k ?? 0) >>> 0;
    whenTrue[pc] = landing(slot.t ?? pc + 1, n);
    whenFalse[pc] = landing(slot.f ?? pc + 1, n);
    ext[pc] = slot.ext;
    if (slot.op >= Op.ldMem && slot.op <= Op.stx) usesMem = true;
  });
  return { source, semantics, op, k, whenTrue, whenFalse, ext, usesMem, frozen };
}

const cache = new WeakMap<readonly Insn[], Partial<Record<Semantics, Lowered>>>();
/** The most recent lookup (a strong reference to one program, dropped at the next different one). */
let last: Lowered | undefined;
let lastInsns: readonly Insn[] | undefined;

/**
 * The lowered form of `insns`, cached per array and semantics, found in O(1). Unless the array
 * was frozen when lowered, it may have changed since: the untraced loop then compares each
 * instruction it executes with the lowered copy's (a pointer compare per step, about a fifth of
 * the loop's time) and, on a difference, `run` lowers afresh. Freezing a program array (the
 * engine never mutates one) lets whole-capture runs skip that check.
 */
export function lowerCached(insns: readonly Insn[], semantics: Semantics): Lowered {
  // Whole-capture runs call this once per packet with the same array: check the last one first.
  if (last !== undefined && lastInsns === insns && last.semantics === semantics) return last;
  let entry = cache.get(insns);
  if (!entry) {
    entry = {};
    cache.set(insns, entry);
  }
  const lowered = entry[semantics] ?? relower(insns, semantics);
  last = lowered;
  lastInsns = insns;
  return lowered;
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
