// SPDX-License-Identifier: MIT
/** Rule 1: a program has 1..4096 instructions (net/core/filter.c `bpf_check_basics_ok`). */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { BPF_MAXINSNS } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckRule, kernelSeverity, report } from './context.ts';

/** Rule 1: an empty program is refused everywhere; more than 4096 only by the kernel. */
export const checkLength: CheckRule = (ctx) => {
  const n = ctx.raw.length;
  if (n === 0) {
    return [
      report('error', CHK.length, 'the program is empty, but it needs at least one instruction', {
        hint: 'add `ret #0` (drop everything) or `ret #-1` (accept everything)',
      }),
    ];
  }
  if (n <= BPF_MAXINSNS) return [];
  const diagnostic: Diagnostic = report(
    kernelSeverity(ctx),
    CHK.length,
    `the program has ${n} instructions, more than the kernel's limit of ${BPF_MAXINSNS} (BPF_MAXINSNS)`,
    {
      pc: BPF_MAXINSNS,
      hint: 'split the work across several filters or shorten the program (for a tcpdump expression, keep the optimizer on)',
      notes: [{ message: "libpcap's userland bpf_validate() has no upper limit", pc: BPF_MAXINSNS }],
    },
  );
  return [diagnostic];
};
