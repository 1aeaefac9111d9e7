// SPDX-License-Identifier: MIT
/**
 * Telling program formats apart by their content. Text: C arrays have braces or BPF_STMT/BPF_JUMP;
 * xt_bpf starts with `N,`; `-ddd` is numbers only; a `-d` listing starts with `(000)`; a hex dump of
 * raw records has 8 two-digit hex bytes a line; anything else is bpf_asm source. Bytes: a NUL byte
 * means raw records (every `struct sock_filter` with a code below 0x100 has one in its code's high
 * byte), otherwise the bytes are text.
 */

import { isSavefile } from './import-raw.ts';
import type { ProgramFormat } from './program-format.ts';
import { scanText } from './scan-text.ts';

/** One `tcpdump -dd` / bpfc `-f C` line exactly (bpf_asm `-c` pads, so it is `c`). */
const DD_LINE = /^\{ 0x[0-9a-f]+, \d+, \d+, 0x[0-9a-f]{8} \},$/;
const LISTING_LINE = /^\s*\(\d+\)\s/;
const DDD_FIRST_LINE = /^\s*\d+(\s+\d+){0,3}\s*$/;
const HEX_LINE = /^\s*([0-9a-fA-F]{2}\s+){0,7}[0-9a-fA-F]{2}\s*$/;

/** Lines that carry something (not blank). */
function contentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
}

/** True when the text is a hex dump of raw records (as `exportProgram(p, 'raw')` writes). */
export function isHexDump(text: string): boolean {
  const lines = contentLines(text);
  return (
    lines.length > 0 &&
    lines.every((l) => HEX_LINE.test(l)) &&
    lines.some((l) => l.trim().split(/\s+/).length === 8)
  );
}

/** Which format a program text is in, or undefined when it holds nothing. */
export function detectTextFormat(text: string): Exclude<ProgramFormat, 'raw'> | 'raw' | undefined {
  const { tokens } = scanText(text, 'plain');
  if (tokens.length === 0) return undefined;
  if (isHexDump(text)) return 'raw';
  if (tokens.some((t) => t.text === '{' || t.text === 'BPF_STMT' || t.text === 'BPF_JUMP')) {
    return contentLines(text).every((l) => DD_LINE.test(l.trim())) ? 'dd' : 'c';
  }
  const start = tokens[0]!.text === "'" || tokens[0]!.text === '"' ? 1 : 0;
  if (tokens[start]?.kind === 'number' && tokens[start + 1]?.text === ',') return 'xtbpf';
  const first = contentLines(text).find((l) => !/^\s*(;|#|\/\/|\/\*)/.test(l));
  // A first line of 1 number (the count) or 4 (bpfc -f tcpdump has no count line): -ddd.
  if (first !== undefined && DDD_FIRST_LINE.test(first)) return 'ddd';
  if (first !== undefined && LISTING_LINE.test(first)) return 'd';
  return 'asm';
}

/** Whether bytes are raw records (true) or text (false), by the NUL-byte rule above. */
export function bytesAreRaw(bytes: Uint8Array): boolean {
  return isSavefile(bytes) || bytes.includes(0);
}
