// SPDX-License-Identifier: MIT
/**
 * Which opcodes each loader takes. The kernel's `chk_code_allowed` is an allow-list of exact u16
 * codes (reference §5 rule 2); libpcap's `bpf_validate` only tests class, mode and op bits, so it
 * passes codes its own `bpf_filter()` then aborts on (reference §6: 0xff, 0x21, `ret x`).
 */
import { KNOWN_OPCODES } from '../isa/codec.ts';
import {
  BPF_ABS,
  BPF_ALU,
  BPF_IMM,
  BPF_IND,
  BPF_JMP,
  BPF_JSET,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_MEM,
  BPF_MSH,
  BPF_RET,
  BPF_RVAL_X,
  BPF_XOR,
} from '../isa/opcodes.ts';

/**
 * Codes the codec decodes that the kernel's list still lacks: `ret x` (0x0e), which only libpcap
 * defines. (LDX W ABS, 0x21, is refused too, but the codec never types it, so it is no known opcode.)
 */
const NOT_IN_KERNEL: readonly number[] = [BPF_RET | BPF_RVAL_X];

/**
 * The kernel's allow-list (`chk_code_allowed`); also exactly the codes libpcap's bpf_filter() runs:
 * every opcode the codec decodes to a typed instruction, but `ret x`.
 */
export const KERNEL_CODES: ReadonlySet<number> = new Set(
  KNOWN_OPCODES.filter((code) => !NOT_IN_KERNEL.includes(code)),
);

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
