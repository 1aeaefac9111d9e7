// SPDX-License-Identifier: MIT
/**
 * `tcpdump -ddd` import: a count line, then `code jt jf k` in decimal per line (bpf_dump.c's
 * `%u %u %u %u`). bpfc's `-f tcpdump` prints the same lines without the count (reference §8), so
 * the count line is optional.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import { IMPORT } from './program-format.ts';
import {
  buildRecord,
  countMismatch,
  finishRecords,
  type ImportResult,
  type ParsedRecord,
} from './records.ts';
import { scanText, spanRange, type Token } from './scan-text.ts';

/** Group tokens by their line. */
function byLine(tokens: readonly Token[]): Token[][] {
  const lines = new Map<number, Token[]>();
  for (const t of tokens) {
    const line = lines.get(t.range.startLine) ?? [];
    line.push(t);
    lines.set(t.range.startLine, line);
  }
  return [...lines.values()];
}

/** Parse `tcpdump -ddd` text (count line optional). */
export function importDdd(text: string): ImportResult {
  const { tokens, diagnostics } = scanText(text, 'plain');
  const records: ParsedRecord[] = [];
  const lines = byLine(tokens);
  let count: Token | undefined;
  lines.forEach((line, index) => {
    const bad = line.find((t) => t.kind !== 'number');
    if (bad) {
      diagnostics.push(
        error(IMPORT.expectedNumber, `expected a number but found '${bad.text}'`, { range: bad.range }),
      );
      return;
    }
    if (index === 0 && line.length === 1) {
      count = line[0];
      return;
    }
    const range = spanRange(line[0]!.range, line[line.length - 1]!.range);
    if (line.length !== 4) {
      diagnostics.push(fieldCountError(line.length, range));
      return;
    }
    const record = buildRecord(line, { range }, diagnostics);
    if (record) records.push(record);
  });
  if (count && !Number.isNaN(count.value) && count.value !== lines.length - 1)
    diagnostics.push(countMismatch(count, lines.length - 1));
  return finishRecords(records, diagnostics);
}

/** An instruction with other than 4 fields (ASM1106). */
export function fieldCountError(found: number, range: Diagnostic['range']): Diagnostic {
  return error(IMPORT.fieldCount, `expected 4 numbers (code jt jf k) but found ${found}`, {
    ...(range ? { range } : {}),
    hint: 'each instruction is code, jt, jf and k',
  });
}
