// SPDX-License-Identifier: MIT
/**
 * Upper bounds of X on entry to each instruction, found by one forward pass over the program's
 * control-flow DAG (classic BPF jumps only forward, so pc order is a topological order). An
 * indirect load `[x + k]` whose X is provably small (the usual `ldxb 4*([14]&0xf)` gives at most
 * 60) needs neither the 32-bit overflow handling nor Linux's negative-offset path.
 */
import type { AluOp, Insn, Src } from '../../isa/insn.ts';
import { SKF_AD_OFF } from '../../isa/opcodes.ts';
import { isInvalid } from './analyze.ts';

const MAX = 0xffffffff;

interface State {
  a: number;
  x: number;
  m: number[];
}

function join(into: State | undefined, from: State): State {
  if (!into) return { a: from.a, x: from.x, m: [...from.m] };
  return {
    a: Math.max(into.a, from.a),
    x: Math.max(into.x, from.x),
    m: into.m.map((v, i) => Math.max(v, from.m[i]!)),
  };
}

/** Smallest all-ones value covering both bounds (what `|` and `^` can reach). */
function onesCover(a: number, b: number): number {
  const bits = 32 - Math.clz32(Math.max(a, b));
  return 2 ** bits - 1;
}

function capped(v: number): number {
  return Math.min(v, MAX);
}

function aluBound(alu: AluOp, a: number, operand: number, src: Src, k: number): number {
  switch (alu) {
    case 'add':
      return capped(a + operand);
    case 'mul':
      return capped(a * operand);
    case 'and':
      return Math.min(a, operand);
    case 'or':
    case 'xor':
      return onesCover(a, operand);
    case 'div':
      return src === 'k' && k !== 0 ? Math.floor(a / k) : a;
    case 'mod':
      return src === 'k' && k !== 0 ? Math.min(a, k - 1) : a;
    case 'rsh':
      return src === 'k' && k < 32 ? Math.floor(a / 2 ** k) : a;
    case 'lsh':
      return src === 'k' && k < 32 ? capped(a * 2 ** k) : MAX;
    default:
      return MAX;
  }
}

function loadBound(size: 1 | 2 | 4, k: number, mode: 'abs' | 'ind'): number {
  if (mode === 'abs' && k >>> 0 >= SKF_AD_OFF) return MAX; // Linux ancillary values
  return size === 4 ? MAX : 2 ** (8 * size) - 1;
}

function transfer(insn: Insn, s: State): State {
  const next: State = { a: s.a, x: s.x, m: s.m };
  switch (insn.op) {
    case 'ld':
      if (insn.mode === 'imm') next.a = insn.k >>> 0;
      else if (insn.mode === 'mem') next.a = s.m[insn.k]!;
      else if (insn.mode === 'len') next.a = MAX;
      else
        next.a =
          insn.k >>> 0 === (SKF_AD_OFF + 40) >>> 0
            ? onesCover(s.a, s.x)
            : loadBound(insn.size, insn.k, insn.mode);
      break;
    case 'ldx':
      if (insn.mode === 'imm') next.x = insn.k >>> 0;
      else if (insn.mode === 'mem') next.x = s.m[insn.k]!;
      else if (insn.mode === 'len') next.x = MAX;
      else next.x = 60; // 4 * (byte & 0xf)
      break;
    case 'st':
    case 'stx':
      next.m = [...s.m];
      next.m[insn.k] = insn.op === 'st' ? s.a : s.x;
      break;
    case 'alu':
      next.a = aluBound(insn.alu, s.a, insn.src === 'k' ? insn.k >>> 0 : s.x, insn.src, insn.k >>> 0);
      break;
    case 'neg':
      next.a = MAX;
      break;
    case 'tax':
      next.x = s.a;
      break;
    case 'txa':
      next.a = s.x;
      break;
    default:
      break;
  }
  return next;
}

function successors(insn: Insn, pc: number): number[] {
  if (insn.op === 'ret' || isInvalid(insn)) return [];
  if (insn.op === 'ja') return [pc + 1 + (insn.k >>> 0)];
  if (insn.op === 'jmp') return [pc + 1 + insn.jt, pc + 1 + insn.jf];
  return [pc + 1];
}

/**
 * Upper bound of X on entry to each pc (0 for unreachable pcs). Assumes a program `planProgram`
 * accepted (every `ja` forward); A = X = M[] = 0 at the start. Targets past the end and invalid
 * instructions end the run, so they have no successors.
 */
export function xUpperBounds(insns: readonly Insn[]): Float64Array {
  const states: (State | undefined)[] = new Array(insns.length);
  states[0] = { a: 0, x: 0, m: new Array(16).fill(0) };
  const bounds = new Float64Array(insns.length);
  for (let pc = 0; pc < insns.length; pc++) {
    const entry = states[pc];
    if (!entry) continue;
    states[pc] = undefined; // free as we go: each state is only needed until its pc
    bounds[pc] = entry.x;
    const insn = insns[pc]!;
    const exit = transfer(insn, entry);
    for (const to of successors(insn, pc)) {
      if (to < insns.length) states[to] = join(states[to], exit);
    }
  }
  return bounds;
}
