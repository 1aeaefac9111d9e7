// SPDX-License-Identifier: MIT
/**
 * Rule 7: both targets of a conditional jump must lie inside the program: pc + jt + 1 < flen and
 * pc + jf + 1 < flen (`bpf_check_classic`; libpcap's bpf_validate asks the same).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { CHK } from './codes.ts';
import { type CheckRule, isCondJump, mnemonic, report } from './context.ts';

/** Rule 7: report every conditional jump with a target past the end. */
export const checkJumpTargets: CheckRule = (ctx) => {
  const n = ctx.raw.length;
  const last = n - 1;
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, jt, jf }, pc) => {
    if (!isCondJump(ctx, code)) return;
    const bad = (
      [
        ['jt', jt],
        ['jf', jf],
      ] as const
    ).filter(([, off]) => pc + 1 + off >= n);
    if (bad.length === 0) return;
    const parts = bad.map(([name, off]) => `${name} = ${off} targets pc ${pc + 1 + off}`);
    const max = last - pc - 1;
    out.push(
      report(
        'error',
        CHK.jumpTarget,
        `\`${mnemonic(ctx, pc)}\` at pc ${pc}: ${parts.join(' and ')}, past the last instruction (pc ${last})`,
        {
          pc,
          hint:
            max < 0
              ? 'a jump cannot be the last instruction: end the program with `ret`'
              : `jt and jf count from the next instruction: at pc ${pc} they can be at most ${max}`,
        },
      ),
    );
  });
  return out;
};
