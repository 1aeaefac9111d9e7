// SPDX-License-Identifier: MIT
/**
 * Unreachable code: instructions no run from pc 0 can reach. The kernel does not mind (rule 10
 * even checks them), but they are almost always a wrong jump offset, so every mode warns, once per
 * run of consecutive dead instructions.
 */
import type { Diagnostic, DiagnosticNote } from '../diag/diagnostic.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, insnText, isJa, isRetClass, pcSpan, report } from './context.ts';
import { reachable, successors } from './flow.ts';

/** Why control cannot fall into `first` from the instruction before it. */
function noteBefore(ctx: CheckContext, first: number): DiagnosticNote[] {
  const prev = first - 1;
  const r = ctx.raw[prev];
  if (r === undefined) return [];
  if (isRetClass(r.code))
    return [{ message: `${insnText(ctx, prev)} at pc ${prev} ends the run before it`, pc: prev }];
  if (isJa(ctx, r.code)) return [{ message: `\`ja\` at pc ${prev} jumps over it`, pc: prev }];
  return [{ message: `the jump at pc ${prev} goes around it`, pc: prev }];
}

/** Warn about each run of instructions no execution reaches. */
export const checkReachability: CheckRule = (ctx) => {
  const seen = reachable(successors(ctx, 'execution'));
  const out: Diagnostic[] = [];
  for (let pc = 0; pc < seen.length; pc++) {
    if (seen[pc]) continue;
    const first = pc;
    while (pc + 1 < seen.length && !seen[pc + 1]) pc++;
    const count = pc - first + 1;
    out.push(
      report(
        'warning',
        CHK.unreachable,
        `${pcSpan(first, pc)} ${count === 1 ? 'is' : `(${count} instructions) are`} never executed: no jump or fall-through reaches ${count === 1 ? 'it' : 'them'}`,
        {
          pc: first,
          hint: 'delete the dead code, or check the jump offsets before it',
          notes: noteBefore(ctx, first),
        },
      ),
    );
  }
  return out;
};
