// SPDX-License-Identifier: MIT
/**
 * The `tcpdump -d` listing: one line per instruction exactly as libpcap's `bpf_image()` prints it
 * (reference §7.2; verified for every opcode 0..255 against libpcap 1.10.3's own `bpf_dump()`).
 */

import { decode, encode } from './codec.ts';
import type { Insn } from './insn.ts';
import { extensionOf } from './opcodes.ts';

/** libpcap's names for the Linux ancillary loads (`[proto]`, `[vlanp]`, `[random]`, ...). */
const PCAP_EXTENSION_NAMES: Readonly<Record<string, string>> = {
  vlan_avail: 'vlanp',
  rand: 'random',
};

// bpf_image prints most numbers with printf "%d" from an int, so k >= 2^31 shows as negative.
const signed = (k: number) => String(k | 0);
const hexImm = (k: number) => `#0x${(k >>> 0).toString(16)}`;

/** An absolute load operand: `[12]`, or `[proto]` when k names a Linux ancillary load. */
function absOperand(k: number): string {
  const ext = extensionOf(k);
  if (ext === undefined) return `[${signed(k)}]`;
  return `[${PCAP_EXTENSION_NAMES[ext] ?? ext}]`;
}

const SIZE_SUFFIX = { 4: '', 2: 'h', 1: 'b' } as const;

/** bpf_image's (mnemonic, operand) for one instruction at pc `n`. */
function image(insn: Insn, n: number): [string, string] {
  switch (insn.op) {
    case 'ld':
      switch (insn.mode) {
        case 'imm':
          return ['ld', hexImm(insn.k)];
        case 'abs':
          return [`ld${SIZE_SUFFIX[insn.size]}`, absOperand(insn.k)];
        case 'ind':
          return [`ld${SIZE_SUFFIX[insn.size]}`, `[x + ${signed(insn.k)}]`];
        case 'mem':
          return ['ld', `M[${signed(insn.k)}]`];
        case 'len':
          return ['ld', '#pktlen'];
      }
      break;
    case 'ldx':
      switch (insn.mode) {
        case 'imm':
          return ['ldx', hexImm(insn.k)];
        case 'mem':
          return ['ldx', `M[${signed(insn.k)}]`];
        case 'msh':
          return ['ldxb', `4*([${signed(insn.k)}]&0xf)`];
        case 'len':
          // libpcap 1.10.3's bpf_image has no case for LDX|W|LEN (0x81): it prints "unimp".
          return ['unimp', '0x81'];
      }
      break;
    case 'st':
    case 'stx':
      return [insn.op, `M[${signed(insn.k)}]`];
    case 'alu':
      if (insn.src === 'x') return [insn.alu, 'x'];
      // bpf_image: and/or/xor print "#0x%x", the arithmetic and shift ops "#%d".
      return [
        insn.alu,
        insn.alu === 'and' || insn.alu === 'or' || insn.alu === 'xor' ? hexImm(insn.k) : `#${signed(insn.k)}`,
      ];
    case 'neg':
    case 'tax':
    case 'txa':
      return [insn.op, ''];
    case 'ja':
      // Absolute target n + 1 + k, computed in C int arithmetic (so it wraps like libpcap's).
      return ['ja', String((n + 1 + insn.k) | 0)];
    case 'jmp':
      return [insn.cond, insn.src === 'x' ? 'x' : hexImm(insn.k)];
    case 'ret':
      if (insn.src === 'k') return ['ret', `#${signed(insn.k)}`];
      // `ret a` prints a bare "ret"; libpcap 1.10.3 has no case for RET|X (0x0e): "unimp".
      return insn.src === 'a' ? ['ret', ''] : ['unimp', '0xe'];
    case 'raw': {
      // A raw record with a known code (kept raw for its non-zero unused fields) prints as that
      // instruction: bpf_image switches on the code alone.
      const known = decode(insn);
      if (known.op !== 'raw') return image(known, n);
      return ['unimp', `0x${insn.code.toString(16)}`];
    }
  }
  throw new Error(`formatTcpdumpInsn: unreachable ${JSON.stringify(insn)}`);
}

/** True when bpf_image prints the `jt N jf M` tail: a JMP-class code other than JA, known or not. */
function hasJumpTail(code: number): boolean {
  return (code & 0x07) === 0x05 && (code & 0xf0) !== 0x00;
}

/** One `tcpdump -d` line (no newline): `(%03d) %-8s %s`, jumps `%-16s jt %d\tjf %d`. */
export function formatTcpdumpInsn(insn: Insn, pc: number): string {
  const [op, operand] = image(insn, pc);
  const head = `(${String(pc).padStart(3, '0')}) ${op.padEnd(8)} `;
  const r = encode(insn);
  if (!hasJumpTail(r.code)) return head + operand;
  return `${head}${operand.padEnd(16)} jt ${pc + 1 + r.jt}\tjf ${pc + 1 + r.jf}`;
}

/** A whole `tcpdump -d` listing, one line per instruction, each ending in a newline. */
export function formatTcpdumpListing(insns: readonly Insn[]): string {
  return insns.map((insn, pc) => `${formatTcpdumpInsn(insn, pc)}\n`).join('');
}
