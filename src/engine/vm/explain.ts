// SPDX-License-Identifier: MIT
/**
 * One executed step in plain words, with the values it used: the line a student reads under the
 * registers ("ldh [12]: read 2 bytes at offset 12 → A = 0x0800") and the CLI prints in traces.
 */
import type { AluOp, Insn, JumpCond } from '../isa/insn.ts';
import { extensionOf, SKF_AD_OFF, SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';
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

/**
 * A packet read at one of Linux's special offsets that stayed a plain offset: libpcap's
 * bpf_filter() knows no ancillary loads, SKF_NET_OFF or SKF_LL_OFF (cbpf.md §6), so it reads
 * far past the captured bytes.
 */
function describeSpecialOffset(offset: number, insn: Insn): string {
  const ext = insn.op === 'ld' && insn.mode === 'abs' ? extensionOf(insn.k) : undefined;
  if (ext) return `read #${ext} as packet offset ${hex(offset)} (this machine has no Linux extensions)`;
  const base = offset >= SKF_AD_OFF ? undefined : offset >= SKF_NET_OFF ? 'SKF_NET_OFF' : 'SKF_LL_OFF';
  const from = base === 'SKF_NET_OFF' ? SKF_NET_OFF : SKF_LL_OFF;
  return base
    ? `read at offset ${hex(offset)} (${base} + ${offset - from}, taken as a plain offset here)`
    : `read at offset ${hex(offset)}`;
}

function describeRead(read: ReadEvent | undefined, insn: Insn): string {
  if (!read) return '';
  switch (read.kind) {
    case 'packet': {
      if (read.offset >>> 0 >= SKF_LL_OFF) return describeSpecialOffset(read.offset >>> 0, insn);
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
      // cbpf.md §6: the kernel refuses such a program; libpcap ≤ 1.10.6 does not zero M[].
      return read.unset
        ? `read M[${read.index}] = ${num(read.value)} (never stored to on this run: bpflab reads 0, the kernel refuses the program, libpcap up to 1.10.6 reads whatever its stack held)`
        : `read M[${read.index}] = ${num(read.value)}`;
  }
}

/**
 * Why a shift by 32 or more gave what it gave. cbpf.md §6: Linux masks the count (`X & 31`),
 * libpcap's bpf_filter() returns 0; the result tells which machine ran.
 */
function shiftNote(op: 'lsh' | 'rsh', a: number, count: number, result: number): string {
  if (count >>> 0 < 32) return '';
  const low = count & 31;
  const masked = op === 'lsh' ? (a << low) >>> 0 : (a >>> 0) >>> low;
  if (masked !== 0 && result >>> 0 === masked)
    return ` (a shift by 32 or more: Linux uses ${count >>> 0} & 31 = ${low})`;
  if (masked !== 0 && result >>> 0 === 0) return ' (a shift by 32 or more: libpcap gives 0)';
  return ' (a shift by 32 or more: Linux uses the count & 31, libpcap gives 0)';
}

/** `A = a op rhs = result`, naming X when it is the operand and giving shift counts in decimal. */
function aluEffect(step: TraceStep, insn: Extract<Insn, { op: 'alu' }>): string {
  const value = insn.src === 'x' ? step.xBefore : insn.k;
  const shift = insn.alu === 'lsh' || insn.alu === 'rsh';
  const shown = shift ? String(value >>> 0) : num(value);
  const rhs = insn.src === 'x' ? `X (${shown})` : shown;
  const note =
    insn.alu === 'lsh' || insn.alu === 'rsh' ? shiftNote(insn.alu, step.aBefore, value, step.aAfter) : '';
  return `A = ${num(step.aBefore)} ${ALU_SYMBOL[insn.alu]} ${rhs} = ${num(step.aAfter)}${note}`;
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
    case 'alu':
      return aluEffect(step, insn);
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
  if (step.insn.op === 'ret') {
    const verdict = step.verdict ?? 0;
    return step.insn.src === 'k' ? `return ${verdict}` : `return ${step.insn.src.toUpperCase()} = ${verdict}`;
  }
  if (step.branch) return describeJump(step);
  const read = describeRead(step.read, step.insn);
  const result = effect(step);
  return [read, result].filter(Boolean).join(' → ');
}
