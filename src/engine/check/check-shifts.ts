// SPDX-License-Identifier: MIT
/**
 * Rule 4: a constant shift must be 0..31 (`bpf_check_classic` refuses lsh/rsh #k with k >= 32).
 * libpcap's bpf_validate accepts it and bpf_filter() then shifts in C, which is undefined for 32 or
 * more (reference §6: on x86 `1 << 32` gave 1), so libpcap mode warns.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { BPF_ALU, BPF_K, BPF_LSH, BPF_RSH } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckRule, kernelSeverity, report } from './context.ts';

const LSH_K = BPF_ALU | BPF_LSH | BPF_K;
const RSH_K = BPF_ALU | BPF_RSH | BPF_K;

/** Rule 4: report every `lsh #k`/`rsh #k` with k >= 32. */
export const checkShifts: CheckRule = (ctx) => {
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if ((code !== LSH_K && code !== RSH_K) || k < 32) return;
    const op = code === LSH_K ? 'lsh' : 'rsh';
    const notes = ctx.kernel
      ? [
          {
            message: "libpcap's bpf_validate() accepts it; bpf_filter() then shifts in C, which is undefined",
          },
        ]
      : [
          {
            message:
              'the Linux kernel refuses it; bpf_filter() shifts in C, which is undefined for 32 or more',
          },
        ];
    out.push(
      report(
        kernelSeverity(ctx),
        CHK.shiftTooFar,
        `\`${op} #${k}\` at pc ${pc} shifts by ${k}, but must be 0..31`,
        {
          pc,
          hint: 'to set A to 0 use `ld #0`; a shift by 32 or more clears every bit',
          notes,
        },
      ),
    );
  });
  return out;
};
