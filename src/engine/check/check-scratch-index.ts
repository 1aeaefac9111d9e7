// SPDX-License-Identifier: MIT
/**
 * Rule 5: scratch memory has BPF_MEMWORDS = 16 cells, so `ld M[k]`, `ldx M[k]`, `st M[k]` and
 * `stx M[k]` need k < 16 (`bpf_check_classic`; libpcap's bpf_validate checks the same by class and
 * mode bits).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { BPF_LD, BPF_LDX, BPF_MEM, BPF_MEMWORDS, BPF_ST, BPF_STX } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, classOf, report } from './context.ts';

const LD_MEM = BPF_LD | BPF_MEM;
const LDX_MEM = BPF_LDX | BPF_MEM;

/** The scratch operation `code` performs, if any: kernel by exact code, libpcap by class and mode. */
function scratchOp(ctx: CheckContext, code: number): string | undefined {
  if (ctx.kernel) {
    const names: Record<number, string> = {
      [LD_MEM]: 'ld',
      [LDX_MEM]: 'ldx',
      [BPF_ST]: 'st',
      [BPF_STX]: 'stx',
    };
    return names[code];
  }
  const cls = classOf(code);
  if ((cls === BPF_LD || cls === BPF_LDX) && (code & 0xe0) === BPF_MEM) return cls === BPF_LD ? 'ld' : 'ldx';
  if (cls === BPF_ST) return 'st';
  if (cls === BPF_STX) return 'stx';
  return undefined;
}

/** Rule 5: report every scratch access past M[15]. */
export const checkScratchIndex: CheckRule = (ctx) => {
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    const op = scratchOp(ctx, code);
    if (op === undefined || k < BPF_MEMWORDS) return;
    out.push(
      report(
        'error',
        CHK.scratchIndex,
        `\`${op} M[${k}]\` at pc ${pc} uses cell ${k}, but the cells are M[0]..M[15]`,
        {
          pc,
          hint: `use a cell from 0 to ${BPF_MEMWORDS - 1}`,
        },
      ),
    );
  });
  return out;
};
