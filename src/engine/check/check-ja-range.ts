// SPDX-License-Identifier: MIT
/**
 * Rule 6: `ja` needs k < flen - pc - 1 (`bpf_check_classic`). k is unsigned, so the kernel has no
 * backward jumps and none past the end. libpcap's bpf_validate adds pc + 1 + k in u32 and only
 * asks that the sum lands inside the program, which lets a huge k jump backward (libpcap uses that
 * for `ip6 protochain`); libpcap mode warns about those, since only libpcap runs them.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, hex, isJa, kernelSeverity, report } from './context.ts';

const U32 = 2 ** 32;

function pastEnd(ctx: CheckContext, pc: number, k: number): Diagnostic {
  const last = ctx.raw.length - 1;
  const target = (pc + 1 + k) % U32;
  const max = last - pc - 1;
  return report(
    'error',
    CHK.jaRange,
    `\`ja\` at pc ${pc} targets pc ${target}, past the last instruction (pc ${last})`,
    {
      pc,
      hint:
        max < 0
          ? 'a jump cannot be the last instruction: end the program with `ret`'
          : `k counts from the next instruction: at pc ${pc} it can be at most ${max}`,
    },
  );
}

function backward(ctx: CheckContext, pc: number, k: number, target: number): Diagnostic {
  const where = target === pc ? 'to itself, an endless loop' : `backward to pc ${target}`;
  const notes = ctx.kernel
    ? [{ message: "libpcap's userland filter allows backward `ja` (it emits them for `ip6 protochain`)" }]
    : [{ message: 'the Linux kernel refuses backward jumps; here nothing guarantees the loop ends' }];
  return report(
    kernelSeverity(ctx),
    CHK.jaRange,
    `\`ja\` at pc ${pc} has k = ${hex(k, 8)} (${k - U32}), which jumps ${where}`,
    {
      pc,
      hint: 'classic BPF jumps only forward: lay the code out so every jump goes down the listing',
      notes: [...notes, { message: `target of the jump at pc ${pc}`, pc: target }],
    },
  );
}

/** Rule 6: report every `ja` that leaves the program or goes backward. */
export const checkJaRange: CheckRule = (ctx) => {
  const n = ctx.raw.length;
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (!isJa(ctx, code)) return;
    const wrapped = (pc + 1 + k) % U32;
    if (pc + 1 + k < n) return;
    if (wrapped <= pc) out.push(backward(ctx, pc, k, wrapped));
    else out.push(pastEnd(ctx, pc, k));
  });
  return out;
};
