// SPDX-License-Identifier: MIT
/**
 * The assembler's diagnostic catalogue: every ASM code the assembler emits, each listed once with
 * what it means. Codes ASM1001-ASM1099 belong to the assembler; program import uses ASM1100 and up.
 */

/** Diagnostic codes of the assembler, by what went wrong. */
export const ASM = {
  /** A character that starts no token (`@`, `$`, a stray `.`). */
  unexpectedCharacter: 'ASM1001',
  /** A block comment opened with `/*` and never closed. */
  unterminatedComment: 'ASM1002',
  /** Syntax: a token other than the one the grammar needs (`expected ']' but found end of input`). */
  expectedToken: 'ASM1003',
  /** A word in mnemonic position that names no instruction. */
  unknownMnemonic: 'ASM1004',
  /** An operand the mnemonic does not take (`jeq 5`, `st [3]`, `neg x`), or one missing. */
  badOperand: 'ASM1005',
  /** A malformed number literal (`09`, `0x`, `0b2`, `12ab`). */
  badNumber: 'ASM1006',
  /** A number outside the field it goes into (k is 32 bits, jt/jf 8 bits, code 16 bits). */
  numberOutOfRange: 'ASM1007',
  /** `M[k]` with k outside 0..15 (BPF_MEMWORDS is 16). */
  scratchIndex: 'ASM1008',
  /** `4*([k]&0xf)` written with another multiplier or mask: only that exact form exists (0xb1). */
  mshForm: 'ASM1009',
  /** A name in an operand that is no extension and no symbolic constant (`#prot`, `[SKF_NETOFF]`). */
  unknownName: 'ASM1010',
  /** A jump to a label that is never defined. */
  undefinedLabel: 'ASM1011',
  /** A label defined twice. */
  duplicateLabel: 'ASM1012',
  /** A conditional jump longer than 255 instructions (jt/jf are 8 bits); never silently wrapped. */
  jumpTooFar: 'ASM1013',
  /** A conditional jump to itself or backward (jt/jf are unsigned offsets). */
  jumpBackward: 'ASM1014',
  /** A jump whose target lies past the last instruction. */
  jumpPastEnd: 'ASM1015',
  /** A `tcpdump -d` line whose `(NNN)` number is not the instruction's pc. */
  listingNumber: 'ASM1016',
  /** A label after the last instruction, so it marks nothing. */
  danglingLabel: 'ASM1017',
  /** Info: more errors than `maxErrors`; the rest were cut. */
  tooManyErrors: 'ASM1099',
} as const;

/** One of the assembler's diagnostic codes. */
export type AsmCode = (typeof ASM)[keyof typeof ASM];
