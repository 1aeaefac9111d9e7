// SPDX-License-Identifier: MIT
/**
 * The classic BPF instruction as a discriminated union (after golang.org/x/net/bpf's typed
 * instructions). Only the fields an instruction uses are present; the encoding of each variant is
 * canonical (unused jt/jf/k are zero). Bits that decode to nothing known become `raw`.
 */

/** Load width in bytes: `ld` = 4, `ldh` = 2, `ldb` = 1. */
export type Size = 1 | 2 | 4;

/** ALU operations, by their bpf_asm mnemonic. */
export type AluOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'and' | 'or' | 'xor' | 'lsh' | 'rsh';

/** Conditional jump tests, by their bpf_asm mnemonic (pseudo-ops jne/jlt/jle are assembled into these). */
export type JumpCond = 'jeq' | 'jgt' | 'jge' | 'jset';

/** Operand source of ALU ops and conditional jumps: the constant k or register X. */
export type Src = 'k' | 'x';

/** A classic BPF instruction. All numbers are unsigned 32-bit (k) or 8-bit (jt, jf, code). */
export type Insn =
  /** A = k (0x00) */
  | { op: 'ld'; mode: 'imm'; k: number }
  /** A = P[k:size] (0x20 w, 0x28 h, 0x30 b); k >= SKF_AD_OFF is a Linux extension or negative offset */
  | { op: 'ld'; mode: 'abs'; size: Size; k: number }
  /** A = P[X+k:size] (0x40 w, 0x48 h, 0x50 b) */
  | { op: 'ld'; mode: 'ind'; size: Size; k: number }
  /** A = M[k] (0x60) */
  | { op: 'ld'; mode: 'mem'; k: number }
  /** A = wire length (0x80) */
  | { op: 'ld'; mode: 'len' }
  /** X = k (0x01) */
  | { op: 'ldx'; mode: 'imm'; k: number }
  /** X = M[k] (0x61) */
  | { op: 'ldx'; mode: 'mem'; k: number }
  /** X = wire length (0x81) */
  | { op: 'ldx'; mode: 'len' }
  /** X = 4 * (P[k:1] & 0xf) (0xb1) */
  | { op: 'ldx'; mode: 'msh'; k: number }
  /** M[k] = A (0x02) */
  | { op: 'st'; k: number }
  /** M[k] = X (0x03) */
  | { op: 'stx'; k: number }
  /** A = A <alu> k|X (0x04 | op | src) */
  | { op: 'alu'; alu: AluOp; src: Src; k: number }
  /** A = -A (0x84) */
  | { op: 'neg' }
  /** pc += 1 + k (0x05); k is unsigned for Linux, sign-extended by libpcap */
  | { op: 'ja'; k: number }
  /** pc += 1 + (A <cond> k|X ? jt : jf) (0x05 | cond | src) */
  | { op: 'jmp'; cond: JumpCond; src: Src; k: number; jt: number; jf: number }
  /** return k (0x06), A (0x16) or X (0x0e, libpcap only) */
  | { op: 'ret'; src: 'k'; k: number }
  | { op: 'ret'; src: 'a' | 'x' }
  /** X = A (0x07) */
  | { op: 'tax' }
  /** A = X (0x87) */
  | { op: 'txa' }
  /** Bits that decode to no known instruction; kept so decode/encode stay total and exact. */
  | { op: 'raw'; code: number; jt: number; jf: number; k: number };

/** One instruction in its wire form: `struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }`. */
export interface RawInsn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}
