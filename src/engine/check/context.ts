// SPDX-License-Identifier: MIT
/**
 * What every checker rule sees: the program in wire form (the kernel judges codes and fields, not
 * our typed view), the typed view for printing, and the mode. Also the few opcode predicates the
 * rules share, written as the kernel spells them: exact codes, not class/op bit tests.
 */
import type { Diagnostic, DiagnosticExtras, Severity } from '../diag/diagnostic.ts';
import type { Insn, RawInsn } from '../isa/insn.ts';
import { formatInsn } from '../isa/listing.ts';
import { BPF_JMP, BPF_RET } from '../isa/opcodes.ts';
import { type CheckCode, ruleTitle } from './codes.ts';

/**
 * Which loader to judge by. `socket`: SO_ATTACH_FILTER (net/core/filter.c). `seccomp`: the same
 * plus `seccomp_check_filter`. `libpcap`: userland `bpf_validate()`; what only the kernel rejects
 * becomes a warning there.
 */
export type CheckMode = 'socket' | 'seccomp' | 'libpcap';

/** Options of `check`. */
export interface CheckOptions {
  /** Default `socket`. */
  mode?: CheckMode;
}

/** The input of every rule. */
export interface CheckContext {
  /** The program as the kernel receives it (u16 code, u8 jt/jf, u32 k). */
  readonly raw: readonly RawInsn[];
  /** The same program decoded, for messages. */
  readonly insns: readonly Insn[];
  readonly mode: CheckMode;
  /** True for `socket` and `seccomp`: the kernel decides. */
  readonly kernel: boolean;
}

/** A checker rule: one small pure function from the program to its problems. */
export type CheckRule = (ctx: CheckContext) => Diagnostic[];

/** The four classic conditional jump tests with K or X, as `chk_code_allowed` lists them. */
const COND_JUMPS = new Set([0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d]);
const BPF_JA_CODE = 0x05;

/** The instruction class (low 3 bits). */
export const classOf = (code: number): number => code & 0x07;

/**
 * True for `ja` as a loader sees it: the exact code 0x05 (kernel); for libpcap any code whose class
 * and op bits say JA (bpf_validate masks the u16 code with BPF_CLASS/BPF_OP).
 */
export function isJa(ctx: CheckContext, code: number): boolean {
  if (ctx.kernel) return code === BPF_JA_CODE;
  return classOf(code) === BPF_JMP && (code & 0xf0) === 0;
}

/** True for a conditional jump as a loader sees it (libpcap's bpf_validate goes by class and op). */
export function isCondJump(ctx: CheckContext, code: number): boolean {
  if (ctx.kernel) return COND_JUMPS.has(code);
  const op = code & 0xf0;
  return classOf(code) === BPF_JMP && op >= 0x10 && op <= 0x40;
}

/** True for any RET-class code: execution stops there. */
export const isRetClass = (code: number): boolean => classOf(code) === BPF_RET;

/** Where `ja` at `pc` lands: unsigned for Linux, wrapping modulo 2^32 for libpcap (backward). */
export function jaTarget(ctx: CheckContext, pc: number, k: number): number {
  const target = pc + 1 + k;
  return ctx.kernel ? target : target % 2 ** 32;
}

/** Hex with a minimum of `width` digits. */
export function hex(n: number, width = 2): string {
  return `0x${(n >>> 0).toString(16).padStart(width, '0')}`;
}

/** The instruction at `pc` as bpf_asm text in backquotes (jump targets written as pcs). */
export function insnText(ctx: CheckContext, pc: number): string {
  const insn = ctx.insns[pc];
  if (insn === undefined) return `pc ${pc}`;
  return `\`${formatInsn(insn, pc, 'asm', (t) => `pc${t}`)}\``;
}

/** The mnemonic of the instruction at `pc` for messages ("jeq", "ja", "ld"). */
export function mnemonic(ctx: CheckContext, pc: number): string {
  const insn = ctx.insns[pc];
  if (insn === undefined || insn.op === 'raw') return 'instruction';
  if (insn.op === 'alu') return insn.alu;
  if (insn.op === 'jmp') return insn.cond;
  return insn.op;
}

/** "pc 3" or "pc 3-7" for a run of instructions. */
export function pcSpan(first: number, last: number): string {
  return first === last ? `pc ${first}` : `pc ${first}-${last}`;
}

/** Build a checker diagnostic whose message starts with the rule's name. */
export function report(
  severity: Severity,
  code: CheckCode,
  message: string,
  extras: DiagnosticExtras = {},
): Diagnostic {
  return { severity, code, message: `${ruleTitle(code)}: ${message}`, notes: [], ...extras };
}

/** Errors in the kernel modes; warnings in `libpcap` mode, for what only the kernel refuses. */
export function kernelSeverity(ctx: CheckContext): Severity {
  return ctx.kernel ? 'error' : 'warning';
}
