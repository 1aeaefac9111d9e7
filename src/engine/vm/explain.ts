// SPDX-License-Identifier: MIT
/**
 * One executed step in plain words, with the values it used: the line a student reads under the
 * registers ("ldh [12]: read 2 bytes at offset 12 → A = 0x0800") and the CLI prints in traces.
 */
import type { AluOp, Insn, JumpCond } from '../isa/insn.ts';
import type { ReadEvent, RunEnd, TraceStep } from './types.ts';

const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(2, '0')}`;
const num = (v: number) => (v >>> 0 < 10 ? String(v >>> 0) : hex(v));

const ALU_SYMBOL: Record<AluOp, string> = {
  add: '+',
  sub: '−',
  mul: '×',
  div: '÷',
  mod: 'mod',
  and: '&',
  or: '|',
  xor: '^',
  lsh: '<<',
  rsh: '>>',
};

const JUMP_TEST: Record<JumpCond, string> = { jeq: '==', jgt: '>', jge: '>=', jset: '&' };

const END_WORDS: Record<Exclude<RunEnd, 'ret'>, string> = {
  'out-of-bounds': 'the load reaches past the captured bytes, so the program returns 0',
  'divide-by-zero': 'division by X = 0, so the program returns 0',
  'invalid-instruction': 'this machine cannot execute the instruction, so the program returns 0',
  'fell-off': 'execution ran past the last instruction, so the program returns 0',
  'step-limit': 'the step limit ran out, so the program returns 0',
};

function bytes(length: number): string {
  return length === 1 ? '1 byte' : `${length} bytes`;
}

function describeRead(read: ReadEvent | undefined, insn: Insn): string {
  if (!read) return '';
  switch (read.kind) {
    case 'packet': {
      const where =
        insn.op === 'ld' && insn.mode === 'ind'
          ? `X + ${insn.k} = offset ${read.offset}`
          : `offset ${read.offset}`;
      return `read ${bytes(read.length)} at ${where}`;
    }
    case 'ext':
      return `read the Linux extension ${read.ext} = ${num(read.value)}`;
    case 'len':
      return `read the packet length ${read.value}`;
    case 'mem':
      return `read M[${read.index}] = ${num(read.value)}`;
  }
}

function effect(step: TraceStep): string {
  const { insn } = step;
  switch (insn.op) {
    case 'ld':
      return `A = ${num(step.aAfter)}`;
    case 'ldx':
      return insn.mode === 'msh' ? `X = 4 × (low nibble) = ${step.xAfter >>> 0}` : `X = ${num(step.xAfter)}`;
    case 'st':
    case 'stx':
      return step.memWrite ? `M[${step.memWrite.index}] = ${num(step.memWrite.value)}` : '';
    case 'alu': {
      const rhs = insn.src === 'x' ? step.xBefore : insn.k;
      return `A = ${num(step.aBefore)} ${ALU_SYMBOL[insn.alu]} ${num(rhs)} = ${num(step.aAfter)}`;
    }
    case 'neg':
      return `A = −${num(step.aBefore)} = ${num(step.aAfter)}`;
    case 'tax':
      return `X = A = ${num(step.xAfter)}`;
    case 'txa':
      return `A = X = ${num(step.aAfter)}`;
    default:
      return '';
  }
}

function describeJump(step: TraceStep): string {
  const { insn, branch } = step;
  if (!branch) return '';
  if (insn.op === 'ja') return `jump to pc ${branch.target}`;
  if (insn.op !== 'jmp') return '';
  const lhs = num(branch.lhs ?? step.aBefore);
  const rhs = num(branch.rhs ?? 0);
  const test = insn.cond === 'jset' ? `A (${lhs}) & ${rhs} ≠ 0` : `A (${lhs}) ${JUMP_TEST[insn.cond]} ${rhs}`;
  return `${test}? ${branch.taken ? 'true' : 'false'} → pc ${branch.target}`;
}

/** A plain-words account of one executed step (what it read, what it changed, where it went). */
export function explainStep(step: TraceStep): string {
  if (step.end && step.end !== 'ret') {
    const read = describeRead(step.read, step.insn);
    return `${read ? `${read}: ` : ''}${END_WORDS[step.end]}`;
  }
  if (step.insn.op === 'ret') return `return ${step.verdict ?? 0}`;
  if (step.branch) return describeJump(step);
  const read = describeRead(step.read, step.insn);
  const result = effect(step);
  return [read, result].filter(Boolean).join(' → ');
}
