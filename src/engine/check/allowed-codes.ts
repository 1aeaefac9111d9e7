// SPDX-License-Identifier: MIT
/**
 * Which opcodes each loader takes. The kernel's `chk_code_allowed` is an allow-list of exact u16
 * codes (reference §5 rule 2); libpcap's `bpf_validate` only tests class, mode and op bits, so it
 * passes codes its own `bpf_filter()` then aborts on (reference §6: 0xff, 0x21, `ret x`).
 */
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_K,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_RVAL_A,
  BPF_RVAL_K,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from '../isa/opcodes.ts';

const ALU_OPS = [BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_AND, BPF_OR, BPF_XOR, BPF_LSH, BPF_RSH];
const JUMP_CONDS = [BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JSET];

/** The kernel's allow-list (`chk_code_allowed`); also exactly the codes libpcap's bpf_filter() runs. */
export const KERNEL_CODES: ReadonlySet<number> = new Set([
  ...ALU_OPS.flatMap((op) => [BPF_ALU | op | BPF_K, BPF_ALU | op | BPF_X]),
  BPF_ALU | BPF_NEG,
  ...[BPF_W, BPF_H, BPF_B].flatMap((size) => [BPF_LD | size | BPF_ABS, BPF_LD | size | BPF_IND]),
  BPF_LD | BPF_W | BPF_LEN,
  BPF_LD | BPF_IMM,
  BPF_LD | BPF_MEM,
  BPF_LDX | BPF_W | BPF_LEN,
  BPF_LDX | BPF_B | BPF_MSH,
  BPF_LDX | BPF_IMM,
  BPF_LDX | BPF_MEM,
  BPF_ST,
  BPF_STX,
  BPF_MISC | BPF_TAX,
  BPF_MISC | BPF_TXA,
  BPF_RET | BPF_RVAL_K,
  BPF_RET | BPF_RVAL_A,
  BPF_JMP | BPF_JA,
  ...JUMP_CONDS.flatMap((cond) => [BPF_JMP | cond | BPF_K, BPF_JMP | cond | BPF_X]),
]);

/** True when the kernel's allow-list has `code`. */
export function kernelAllows(code: number): boolean {
  return KERNEL_CODES.has(code);
}

const LOAD_MODES = new Set([BPF_IMM, BPF_ABS, BPF_IND, BPF_MEM, BPF_LEN, BPF_MSH]);

/** True when libpcap's `bpf_validate` passes `code` (class, mode and op bits only). */
export function libpcapValidates(code: number): boolean {
  const op = code & 0xf0;
  switch (code & 0x07) {
    case BPF_LD:
    case BPF_LDX:
      return LOAD_MODES.has(code & 0xe0);
    case BPF_ALU:
      // ADD..XOR are 0x00..0xa0, NEG (0x80) and MOD (0x90) included.
      return op <= BPF_XOR;
    case BPF_JMP:
      return op <= BPF_JSET;
    default:
      // ST, STX, RET and MISC: bpf_validate looks no further than the class.
      return true;
  }
}
