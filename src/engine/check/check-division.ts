// SPDX-License-Identifier: MIT
/**
 * Rule 3: no div/mod by the constant 0. The kernel tests the exact codes 0x34/0x94
 * (`bpf_check_classic`); libpcap's bpf_validate tests op and source bits (any ALU DIV/MOD with K).
 * Division by X = 0 is legal: at run time it makes the program return 0 (reference §6).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { BPF_ALU, BPF_DIV, BPF_K, BPF_MOD } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, classOf, report } from './context.ts';

const DIV_K = BPF_ALU | BPF_DIV | BPF_K;
const MOD_K = BPF_ALU | BPF_MOD | BPF_K;

function isConstDivision(ctx: CheckContext, code: number): boolean {
  if (ctx.kernel) return code === DIV_K || code === MOD_K;
  const op = code & 0xf0;
  return classOf(code) === BPF_ALU && (op === BPF_DIV || op === BPF_MOD) && (code & 0x08) === BPF_K;
}

/** Rule 3: report every `div #0` and `mod #0`. */
export const checkDivision: CheckRule = (ctx) => {
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (k !== 0 || !isConstDivision(ctx, code)) return;
    const op = (code & 0xf0) === BPF_MOD ? 'mod' : 'div';
    out.push(
      report('error', CHK.divideByZero, `\`${op} #0\` at pc ${pc} divides by the constant 0`, {
        pc,
        hint: 'a constant divisor must be non-zero; to drop the packet here use `ret #0`',
      }),
    );
  });
  return out;
};
