// SPDX-License-Identifier: MIT
/**
 * The checker: every rule the Linux classic-BPF loader enforces (reference §5), each its own small
 * function, plus seccomp's extra pass and advice the kernel does not give. The kernel stops at the
 * first problem and says only EINVAL; `check` runs every rule and says which and why.
 */
import type { Diagnostic, Severity } from '../diag/diagnostic.ts';
import { decode, encode } from '../isa/codec.ts';
import type { Insn, RawInsn } from '../isa/insn.ts';
import { checkAncillary } from './check-ancillary.ts';
import { checkDivision } from './check-division.ts';
import { checkFinalRet } from './check-final-ret.ts';
import { checkJaRange } from './check-ja-range.ts';
import { checkJumpTargets } from './check-jump-targets.ts';
import { checkLength } from './check-length.ts';
import { checkOpcodes } from './check-opcodes.ts';
import { checkReachability } from './check-reachability.ts';
import { checkScratchIndex } from './check-scratch-index.ts';
import { checkScratchInit } from './check-scratch-init.ts';
import { checkSeccompInsns } from './check-seccomp-insns.ts';
import { checkSeccompOffsets } from './check-seccomp-offsets.ts';
import { checkShifts } from './check-shifts.ts';
import { checkTranslatedSize } from './check-translated-size.ts';
import type { CheckContext, CheckOptions, CheckRule } from './context.ts';

/** Every rule, in the kernel's order (rule numbers of reference §5), then the advice. */
export const CHECK_RULE_FUNCTIONS: readonly CheckRule[] = [
  checkLength,
  checkOpcodes,
  checkDivision,
  checkShifts,
  checkScratchIndex,
  checkJaRange,
  checkJumpTargets,
  checkAncillary,
  checkFinalRet,
  checkScratchInit,
  checkSeccompInsns,
  checkSeccompOffsets,
  checkReachability,
  checkTranslatedSize,
];

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Keep u16/u8/u32 field widths, as `struct sock_filter` does. */
function normalise(r: RawInsn): RawInsn {
  return { code: (r.code >>> 0) & 0xffff, jt: (r.jt >>> 0) & 0xff, jf: (r.jf >>> 0) & 0xff, k: r.k >>> 0 };
}

function run(raw: readonly RawInsn[], insns: readonly Insn[], options: CheckOptions): Diagnostic[] {
  const mode = options.mode ?? 'socket';
  const ctx: CheckContext = { raw, insns, mode, kernel: mode !== 'libpcap' };
  const found = CHECK_RULE_FUNCTIONS.flatMap((rule) => rule(ctx));
  // Listing order: program-wide problems first, then by pc; at one pc errors before warnings
  // before infos, each in rule order (the sort is stable).
  return found.sort((a, b) => (a.pc ?? -1) - (b.pc ?? -1) || RANK[a.severity] - RANK[b.severity]);
}

/**
 * Check a program as the kernel would before attaching it (`socket`, the default), before
 * installing it as a seccomp filter (`seccomp`), or as libpcap's bpf_validate (`libpcap`, where
 * what only the kernel refuses is a warning). Returns every problem; errors mean "refused".
 */
export function check(insns: readonly Insn[], options: CheckOptions = {}): Diagnostic[] {
  return run(insns.map(encode), insns, options);
}

/** `check` on the wire form, exactly as loaded (for imported bytes and the differential tests). */
export function checkRaw(raw: readonly RawInsn[], options: CheckOptions = {}): Diagnostic[] {
  const normalised = raw.map(normalise);
  return run(normalised, normalised.map(decode), options);
}
