// SPDX-License-Identifier: MIT
/**
 * Program export to every format, byte-exact with the tool each format comes from (reference §4.6,
 * §7.2, §8): tcpdump `-d/-dd/-ddd`, bpf_asm's default line and `-c` array, raw records.
 */
import { encodeUtf8 } from '../capture/utf8.ts';
import { encodeProgram } from '../isa/codec.ts';
import type { RawInsn } from '../isa/insn.ts';
import { disassemble } from '../isa/listing.ts';
import type { Program } from '../program.ts';
import type { ProgramFormat } from './program-format.ts';

/** printf `%#0Nx`: `0x`-prefixed and zero-padded to `width`, except that zero prints as plain zeros. */
function altHex(n: number, width: number): string {
  if (n === 0) return '0'.repeat(width);
  return `0x${n.toString(16).padStart(width - 2, '0')}`;
}

/** `tcpdump -dd` (also bpfc `-f C`): `{ 0x%x, %d, %d, 0x%08x },` per instruction. */
function formatDd(raws: readonly RawInsn[]): string {
  return raws
    .map((r) => `{ 0x${r.code.toString(16)}, ${r.jt}, ${r.jf}, 0x${r.k.toString(16).padStart(8, '0')} },\n`)
    .join('');
}

/** `tcpdump -ddd`: the count, then `%u %u %u %u` per instruction. */
function formatDdd(raws: readonly RawInsn[]): string {
  return `${raws.length}\n${raws.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}\n`).join('')}`;
}

/** bpf_asm's default output: `N,` then `c t f k,` per instruction, then a newline. */
function formatXtBpf(raws: readonly RawInsn[]): string {
  return `${raws.length},${raws.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k},`).join('')}\n`;
}

/** bpf_asm `-c`: `{ %#04x, %2u, %2u, %#010x },` (so a zero k prints `0000000000`). */
function formatC(raws: readonly RawInsn[]): string {
  const pad2 = (n: number) => String(n).padStart(2);
  return raws
    .map((r) => `{ ${altHex(r.code, 4)}, ${pad2(r.jt)}, ${pad2(r.jf)}, ${altHex(r.k, 10)} },\n`)
    .join('');
}

/** Little-endian 8-byte `struct sock_filter` records (u16 code, u8 jt, u8 jf, u32 k). */
export function rawBytes(raws: readonly RawInsn[]): Uint8Array {
  const out = new Uint8Array(raws.length * 8);
  const view = new DataView(out.buffer);
  raws.forEach((r, i) => {
    view.setUint16(i * 8, r.code, true);
    view.setUint8(i * 8 + 2, r.jt);
    view.setUint8(i * 8 + 3, r.jf);
    view.setUint32(i * 8 + 4, r.k, true);
  });
  return out;
}

/** Lower-case hex of bytes, for showing `raw` as text. */
function hexDump(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    s += bytes[i]!.toString(16).padStart(2, '0');
    s += i % 8 === 7 ? '\n' : ' ';
  }
  return s;
}

/**
 * A program as text in `format`. `raw` is binary: here it gives a hex dump (8 bytes a line); use
 * `exportProgramBytes` for the bytes themselves.
 */
export function exportProgram(program: Program, format: ProgramFormat): string {
  switch (format) {
    case 'asm':
      return disassemble(program, 'asm');
    case 'd':
      return disassemble(program, 'd');
    case 'dd':
      return formatDd(encodeProgram(program.insns));
    case 'ddd':
      return formatDdd(encodeProgram(program.insns));
    case 'xtbpf':
      return formatXtBpf(encodeProgram(program.insns));
    case 'c':
      return formatC(encodeProgram(program.insns));
    case 'raw':
      return hexDump(rawBytes(encodeProgram(program.insns)));
  }
}

/** A program as bytes: `raw` gives the records; a text format gives its UTF-8 text. */
export function exportProgramBytes(program: Program, format: ProgramFormat = 'raw'): Uint8Array {
  if (format === 'raw') return rawBytes(encodeProgram(program.insns));
  return encodeUtf8(exportProgram(program, format));
}
