// SPDX-License-Identifier: MIT
/**
 * Classic BPF opcode bit fields, as laid out in <linux/filter.h> / <pcap/bpf.h>.
 * An opcode is `class | size | mode` for loads, `class | op | src` for ALU and jumps.
 */

/** Instruction classes (low 3 bits). */
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_RET = 0x06;
export const BPF_MISC = 0x07;

/** Load sizes (bits 3-4). */
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;

/** Load modes (bits 5-7). */
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_LEN = 0x80;
export const BPF_MSH = 0xa0;

/** ALU operations (bits 4-7). */
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;

/** Jump conditions (bits 4-7). */
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;

/** Operand source (bit 3) for ALU and jumps. */
export const BPF_K = 0x00;
export const BPF_X = 0x08;

/** Return value source (bits 3-4) for RET. */
export const BPF_RVAL_K = 0x00;
export const BPF_RVAL_X = 0x08;
export const BPF_RVAL_A = 0x10;

/** MISC operations (bits 3-7). */
export const BPF_TAX = 0x00;
export const BPF_TXA = 0x80;

/** Scratch memory words (BPF_MEMWORDS). */
export const BPF_MEMWORDS = 16;
/** Linux's BPF_MAXINSNS. */
export const BPF_MAXINSNS = 4096;

/** Start of the Linux ancillary-data offsets (SKF_AD_OFF = -0x1000). */
export const SKF_AD_OFF = 0xfffff000;
/** Loads at SKF_NET_OFF + n read relative to the network header (Linux only). */
export const SKF_NET_OFF = 0xfff00000;
/** Loads at SKF_LL_OFF + n read relative to the link-layer (MAC) header (Linux only). */
export const SKF_LL_OFF = 0xffe00000;
/** SKF_AD_MAX: first offset past the known ancillary range. */
export const SKF_AD_MAX = 64;

/** Names of the 16 Linux ancillary loads (k = SKF_AD_OFF + offset), from include/uapi/linux/filter.h. */
export type ExtensionName =
  | 'proto'
  | 'type'
  | 'ifidx'
  | 'nla'
  | 'nlan'
  | 'mark'
  | 'queue'
  | 'hatype'
  | 'rxhash'
  | 'cpu'
  | 'xor_x'
  | 'vlan_tci'
  | 'vlan_avail'
  | 'poff'
  | 'rand'
  | 'vlan_tpid';

/** Offset (added to SKF_AD_OFF) of each Linux ancillary load. */
export const EXTENSION_OFFSETS: Readonly<Record<ExtensionName, number>> = {
  proto: 0,
  type: 4,
  ifidx: 8,
  nla: 12,
  nlan: 16,
  mark: 20,
  queue: 24,
  hatype: 28,
  rxhash: 32,
  cpu: 36,
  xor_x: 40,
  vlan_tci: 44,
  vlan_avail: 48,
  poff: 52,
  rand: 56,
  vlan_tpid: 60,
};

const EXTENSION_BY_K = new Map<number, ExtensionName>(
  (Object.entries(EXTENSION_OFFSETS) as [ExtensionName, number][]).map(([name, off]) => [
    (SKF_AD_OFF + off) >>> 0,
    name,
  ]),
);

/** The ancillary load a `k` names, if any (k must be SKF_AD_OFF + a known offset). */
export function extensionOf(k: number): ExtensionName | undefined {
  return EXTENSION_BY_K.get(k >>> 0);
}

/** The `k` that loads a named extension. */
export function extensionK(name: ExtensionName): number {
  return (SKF_AD_OFF + EXTENSION_OFFSETS[name]) >>> 0;
}
