// SPDX-License-Identifier: MIT
/**
 * Rule 10: every `ld M[k]`/`ldx M[k]` must be preceded on *all* paths by a `st`/`stx` to M[k]
 * (net/core/filter.c `check_load_and_stores`): the kernel never clears scratch memory, so an
 * unwritten cell would leak old data. The kernel walks the pcs in order and treats a `ret` as
 * falling through, so even dead code after a `ret` is checked (see flow.ts). libpcap has no such
 * rule; before 1.10.7 its M[] starts uninitialised, so libpcap mode warns.
 */
import type { Diagnostic, DiagnosticNote } from '../diag/diagnostic.ts';
import { BPF_LD, BPF_LDX, BPF_MEM, BPF_MEMWORDS } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import {
  type CheckContext,
  type CheckRule,
  insnText,
  isCondJump,
  isRetClass,
  mnemonic,
  report,
} from './context.ts';
import { predecessors, successors } from './flow.ts';
import { formatPath, pathWithoutWrite, unwrittenOnEntry } from './scratch-flow.ts';

const LOADS = new Set([BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM]);

/** Notes that walk the reader along the path: each branch taken, and the kernel's ret quirk. */
function pathNotes(ctx: CheckContext, path: readonly number[], cell: number, load: number): DiagnosticNote[] {
  const notes: DiagnosticNote[] = [
    { message: `one path from pc 0 that reaches pc ${load} without writing M[${cell}]: ${formatPath(path)}` },
  ];
  for (let i = 0; i + 1 < path.length; i++) {
    const from = path[i] as number;
    const to = path[i + 1] as number;
    const r = ctx.raw[from];
    if (r === undefined) continue;
    if (isCondJump(ctx, r.code)) {
      const branch =
        r.jt === r.jf
          ? 'both branches go'
          : to === from + 1 + r.jt
            ? 'the true branch goes'
            : 'the false branch goes';
      notes.push({ message: `\`${mnemonic(ctx, from)}\` at pc ${from}: ${branch} to pc ${to}`, pc: from });
    } else if (isRetClass(r.code) && to === from + 1) {
      notes.push({
        message: `the kernel's check walks on from the \`ret\` at pc ${from} into pc ${to} as if it fell through: code after a \`ret\` that no jump reaches is still checked`,
        pc: from,
      });
    }
  }
  return notes;
}

function loadDiagnostic(ctx: CheckContext, path: readonly number[], cell: number, pc: number): Diagnostic {
  const where = ctx.kernel
    ? `M[${cell}], which is not written on every path to it`
    : `M[${cell}], which may be unwritten here (libpcap before 1.10.7 does not clear M[])`;
  return report(
    ctx.kernel ? 'error' : 'warning',
    CHK.scratchInit,
    `${insnText(ctx, pc)} at pc ${pc} reads ${where}`,
    {
      pc,
      hint: `store to M[${cell}] on every path before pc ${pc} (e.g. \`ld #0\`, \`st M[${cell}]\` at the start)`,
      notes: pathNotes(ctx, path, cell, pc),
    },
  );
}

/** Rule 10: report every scratch read that some path reaches before a write to its cell. */
export const checkScratchInit: CheckRule = (ctx) => {
  const succ = successors(ctx, ctx.kernel ? 'scan' : 'execution');
  const preds = predecessors(succ);
  const unwritten = unwrittenOnEntry(ctx, succ);
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (!LOADS.has(code) || k >= BPF_MEMWORDS) return;
    if (((unwritten[pc] ?? 0) & (1 << k)) === 0) return;
    const path = pathWithoutWrite(ctx, preds, pc, k);
    if (path === undefined) throw new Error(`scratch flow: no unwritten path to pc ${pc} for M[${k}]`);
    out.push(loadDiagnostic(ctx, path, k, pc));
  });
  return out;
};
