// SPDX-License-Identifier: MIT
/**
 * The program formats bpflab reads and writes, and the diagnostic codes of program import
 * (ASM1101-ASM1199; the assembler owns ASM1001-ASM1099, the ISA decoder ASM15xx).
 */

/**
 * A program text or binary format.
 * - `asm`: bpf_asm source (with labels).
 * - `d`: a `tcpdump -d` listing.
 * - `dd`: a `tcpdump -dd` C array (`{ 0x28, 0, 0, 0x0000000c },`; also bpfc `-f C`).
 * - `ddd`: `tcpdump -ddd` decimals (count line, then `code jt jf k` per line; bpfc `-f tcpdump` has
 *   no count line).
 * - `xtbpf`: bpf_asm's default `N,c t f k,c t f k,...` line (iptables `-m bpf --bytecode`, bpfc
 *   `-f xt_bpf`, bpf_dbg `load bpf`).
 * - `c`: bpf_asm `-c` (`{ 0x28,  0,  0, 0x0000000c },`) or any C `struct sock_filter` array,
 *   including `BPF_STMT`/`BPF_JUMP` macros on import.
 * - `raw`: little-endian 8-byte `struct sock_filter` records.
 */
export type ProgramFormat = 'asm' | 'd' | 'dd' | 'ddd' | 'xtbpf' | 'c' | 'raw';

/** Every program format, in the order a UI would offer them. */
export const PROGRAM_FORMATS: readonly ProgramFormat[] = ['asm', 'd', 'dd', 'ddd', 'xtbpf', 'c', 'raw'];

/** The text formats (everything but `raw`). */
export type TextProgramFormat = Exclude<ProgramFormat, 'raw'>;

/** Diagnostic codes of program import, by what went wrong. */
export const IMPORT = {
  /** The input holds no instruction at all. */
  empty: 'ASM1101',
  /** The format could not be recognised from the content. */
  unknownFormat: 'ASM1102',
  /** A count (`-ddd` first line, xt_bpf `N,`) that disagrees with the instructions that follow. */
  countMismatch: 'ASM1103',
  /** A number outside its field: code > 0xffff, jt/jf > 255, k > 0xffffffff. */
  numberOutOfRange: 'ASM1104',
  /** Something that is not a number where a number belongs (garbage, a stray character). */
  expectedNumber: 'ASM1105',
  /** An instruction with other than 4 fields (`code jt jf k`). */
  fieldCount: 'ASM1106',
  /** Raw bytes whose length is not a multiple of 8. */
  rawLength: 'ASM1107',
  /** A name in a C expression that is no known BPF_ or SKF_ constant. */
  unknownConstant: 'ASM1108',
  /** Unexpected C syntax (an unclosed brace, a stray token between instructions). */
  syntax: 'ASM1109',
  /** Binary input given for a text format, or text for `raw`. */
  wrongKind: 'ASM1110',
  /** A cBPF savefile (magic A1 B2 C3 CB), which this version does not read. */
  savefile: 'ASM1111',
} as const;
