// SPDX-License-Identifier: MIT
/**
 * Rule 13, instructions (seccomp mode only; kernel/seccomp.c `seccomp_check_filter`, run after the
 * classic checker): a seccomp filter reads struct seccomp_data, not a packet, so of the classic
 * allow-list it refuses `ldh`/`ldb [k]`, every `[x + k]` load, `ldxb 4*([k]&0xf)` and `mod` (a 2020
 * patch to add mod was declined). `ld #len`/`ldx #len` are allowed but rewritten to the constant 64.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, insnText, report } from './context.ts';
import { SECCOMP_DATA_SIZE, SECCOMP_LAYOUT, seccompWord } from './seccomp-data.ts';

const MOD_K = 0x94;
const MOD_X = 0x9c;
const LENGTHS = new Set([0x80, 0x81]);

function narrowLoadHint(k: number): string {
  const word = k & ~3;
  const holds = seccompWord(word);
  if (holds === undefined) return `seccomp allows only 32-bit \`ld [k]\`; the fields are ${SECCOMP_LAYOUT}`;
  return `seccomp allows only 32-bit loads: \`ld [${word}]\` reads ${holds}; then use \`and\`/\`rsh\` to pick the bytes`;
}

/** The fix for each refused code. */
function hintFor(code: number, k: number): string {
  switch (code) {
    case 0x28:
    case 0x30:
      return narrowLoadHint(k);
    case MOD_K:
      return 'seccomp has no mod: compute A - (A / k) * k, e.g. `st M[0]; div #k; mul #k; tax; ld M[0]; sub x`';
    case MOD_X:
      return 'seccomp has no mod: compute A - (A / X) * X, e.g. `st M[0]; stx M[1]; div x; mul x; tax; ld M[0]; sub x` (the original X stays in M[1])';
    case 0xb1:
      return `\`ldxb 4*([k]&0xf)\` parses a packet header; a seccomp filter reads struct seccomp_data with \`ld [k]\` at ${SECCOMP_LAYOUT}`;
    default:
      return `struct seccomp_data has fixed offsets, so there is no \`[x + k]\`: use \`ld [k]\` at ${SECCOMP_LAYOUT}`;
  }
}

/** The classic allow-list minus what seccomp_check_filter names (LD W ABS is the offsets rule). */
const REFUSED = new Set([0x28, 0x30, 0x40, 0x48, 0x50, 0xb1, MOD_K, MOD_X]);

function lengthInfo(ctx: CheckContext, pc: number): Diagnostic {
  return report(
    'info',
    CHK.seccompLength,
    `${insnText(ctx, pc)} at pc ${pc} always reads ${SECCOMP_DATA_SIZE}: the kernel rewrites it to the size of struct seccomp_data`,
    { pc, hint: `write \`#${SECCOMP_DATA_SIZE}\` to say what it does` },
  );
}

/** Rule 13: report instructions a seccomp filter may not use (seccomp mode only). */
export const checkSeccompInsns: CheckRule = (ctx) => {
  if (ctx.mode !== 'seccomp') return [];
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (LENGTHS.has(code)) out.push(lengthInfo(ctx, pc));
    if (!REFUSED.has(code)) return;
    out.push(
      report(
        'error',
        CHK.seccompInsn,
        `${insnText(ctx, pc)} at pc ${pc} is not allowed in a seccomp filter`,
        {
          pc,
          hint: hintFor(code, k),
        },
      ),
    );
  });
  return out;
};
