// SPDX-License-Identifier: MIT
/**
 * Rule 13, offsets (seccomp mode only; kernel/seccomp.c `seccomp_check_filter`): `ld [k]` reads a
 * 32-bit word of struct seccomp_data, so k must be below 64 and a multiple of 4. That also rules
 * out the Linux ancillary fields (a seccomp filter has no socket buffer).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { extensionOf, SKF_AD_OFF } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckRule, insnText, report } from './context.ts';
import { SECCOMP_DATA_SIZE, SECCOMP_LAYOUT, seccompField, seccompWord } from './seccomp-data.ts';

const LD_W_ABS = 0x20;

function explainOffset(k: number): { what: string; hint: string } {
  const ext = extensionOf(k);
  if (ext !== undefined) {
    return {
      what: `reads the ancillary field \`${ext}\`, which a seccomp filter does not have`,
      hint: `a seccomp filter sees only struct seccomp_data: ${SECCOMP_LAYOUT}`,
    };
  }
  const field = seccompField(k);
  if (field === undefined) {
    return {
      what: `reads offset ${k}, past the ${SECCOMP_DATA_SIZE} bytes of struct seccomp_data`,
      hint: `the fields are ${SECCOMP_LAYOUT}`,
    };
  }
  const word = k & ~3;
  return {
    what: `reads offset ${k}, inside ${field} but not 4-byte aligned`,
    hint: `load the aligned word \`ld [${word}]\` (${seccompWord(word)}) and shift or mask it`,
  };
}

/** Rule 13: report `ld [k]` outside struct seccomp_data or unaligned (seccomp mode only). */
export const checkSeccompOffsets: CheckRule = (ctx) => {
  if (ctx.mode !== 'seccomp') return [];
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (code !== LD_W_ABS || (k < SECCOMP_DATA_SIZE && k % 4 === 0)) return;
    // An unknown ancillary offset is already rule 8's error; one diagnostic per mistake.
    if (k >= SKF_AD_OFF && extensionOf(k) === undefined) return;
    const { what, hint } = explainOffset(k);
    out.push(report('error', CHK.seccompOffset, `${insnText(ctx, pc)} at pc ${pc} ${what}`, { pc, hint }));
  });
  return out;
};
