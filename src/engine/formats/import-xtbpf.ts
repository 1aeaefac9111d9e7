// SPDX-License-Identifier: MIT
/**
 * xt_bpf import: bpf_asm's default `N,c t f k,c t f k,...` line, which `iptables -m bpf --bytecode`,
 * `tc ... bpf bytecode`, bpf_dbg `load bpf` and bpfc `-f xt_bpf` share (reference §4.6, §8). The
 * trailing comma and newline are optional, and so are shell quotes around the whole line.
 */
import { error } from '../diag/diagnostic.ts';
import { fieldCountError } from './import-ddd.ts';
import { IMPORT } from './program-format.ts';
import {
  buildRecord,
  countMismatch,
  finishRecords,
  type ImportResult,
  type ParsedRecord,
} from './records.ts';
import { scanText, spanRange, type Token } from './scan-text.ts';

/** Split tokens into comma-separated groups. */
function groups(tokens: readonly Token[]): { items: Token[]; comma?: Token }[] {
  const out: { items: Token[]; comma?: Token }[] = [{ items: [] }];
  for (const t of tokens) {
    if (t.text === ',') {
      out[out.length - 1]!.comma = t;
      out.push({ items: [] });
    } else {
      out[out.length - 1]!.items.push(t);
    }
  }
  return out;
}

/** Drop one pair of shell quotes around the whole input. */
function unquote(tokens: Token[]): Token[] {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (
    first &&
    last &&
    first !== last &&
    (first.text === "'" || first.text === '"') &&
    last.text === first.text
  ) {
    return tokens.slice(1, -1);
  }
  return tokens;
}

/** Parse an xt_bpf `N,c t f k,...` line. */
export function importXtBpf(text: string): ImportResult {
  const scanned = scanText(text, 'plain');
  const diagnostics = scanned.diagnostics;
  const parts = groups(unquote(scanned.tokens));
  const records: ParsedRecord[] = [];
  const countGroup = parts.shift()!;
  // A trailing comma leaves one empty group at the end; bpf_asm always writes it.
  if (parts.length > 0 && parts[parts.length - 1]!.items.length === 0) parts.pop();
  const countOk = countGroup.items.length === 1 && countGroup.items[0]?.kind === 'number';
  const count = countOk ? countGroup.items[0] : undefined;
  if (!countOk) {
    const found = countGroup.items[0];
    diagnostics.push(
      error(
        IMPORT.expectedNumber,
        `expected the instruction count followed by ',' but found '${found?.text ?? 'nothing'}'`,
        {
          ...(found ? { range: found.range } : {}),
          hint: "xt_bpf bytecode looks like '4,40 0 0 12,21 0 1 2054,6 0 0 65535,6 0 0 0'",
        },
      ),
    );
  }
  for (const part of parts) {
    const bad = part.items.find((t) => t.kind !== 'number');
    if (bad) {
      diagnostics.push(
        error(IMPORT.expectedNumber, `expected a number but found '${bad.text}'`, { range: bad.range }),
      );
      continue;
    }
    const first = part.items[0] ?? part.comma;
    const last = part.items[part.items.length - 1] ?? part.comma;
    const range = first && last ? spanRange(first.range, last.range) : undefined;
    if (part.items.length !== 4) {
      diagnostics.push(fieldCountError(part.items.length, range));
      continue;
    }
    const record = buildRecord(part.items, range ? { range } : {}, diagnostics);
    if (record) records.push(record);
  }
  if (count?.kind === 'number' && count.value !== parts.length)
    diagnostics.push(countMismatch(count, parts.length));
  return finishRecords(records, diagnostics);
}
