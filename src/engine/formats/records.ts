// SPDX-License-Identifier: MIT
/**
 * From parsed numbers to a Program: range-checking each `code jt jf k` record against its field
 * width (u16, u8, u8, u32: `struct sock_filter`) and decoding the result, so every numeric format
 * reports the same errors the same way.
 */
import { type Diagnostic, error, hasErrors, type SourceRange } from '../diag/diagnostic.ts';
import { decodeProgram } from '../isa/codec.ts';
import type { RawInsn } from '../isa/insn.ts';
import type { Program } from '../program.ts';
import { IMPORT } from './program-format.ts';

/** A number read from the input and where it was. */
export interface Field {
  value: number;
  range?: SourceRange;
  /** Byte offset of the field in a binary input. */
  offset?: number;
}

/** One instruction as read, with where it was (text range or byte offset). */
export interface ParsedRecord {
  raw: RawInsn;
  range?: SourceRange;
  offset?: number;
}

const FIELD_NAMES = ['code', 'jt', 'jf', 'k'] as const;
const FIELD_MAX = [0xffff, 0xff, 0xff, 0xffffffff] as const;

/**
 * Build a record from its 4 fields, or report each field out of range (ASM1104). A negative k of at
 * least -2^31 is taken as its 32-bit two's complement, as C converts `-1` in a `struct sock_filter`.
 */
export function buildRecord(
  fields: readonly Field[],
  where: { range?: SourceRange; offset?: number },
  diagnostics: Diagnostic[],
): ParsedRecord | undefined {
  // A NaN field is a malformed number the tokenizer already reported.
  if (fields.some((f) => Number.isNaN(f.value))) return undefined;
  let ok = true;
  const values = fields.map((f, i) => {
    const max = FIELD_MAX[i]!;
    let v = f.value;
    if (i === 3 && v < 0 && v >= -0x80000000) v >>>= 0;
    if (!Number.isInteger(v) || v < 0 || v > max) {
      ok = false;
      const shown = Number.isFinite(f.value) ? String(f.value) : 'a huge number';
      diagnostics.push(
        error(
          IMPORT.numberOutOfRange,
          `${FIELD_NAMES[i]} out of range: expected 0..${max} but found ${shown}`,
          {
            ...(f.range ? { range: f.range } : {}),
            ...(f.offset !== undefined ? { offset: f.offset } : {}),
            hint: `${FIELD_NAMES[i]} is a ${i === 0 ? '16' : i === 3 ? '32' : '8'}-bit field of struct sock_filter`,
          },
        ),
      );
    }
    return v;
  });
  if (!ok) return undefined;
  const [code, jt, jf, k] = values as [number, number, number, number];
  return { raw: { code, jt, jf, k }, ...where };
}

/** A count that disagrees with the number of instructions read (ASM1103). */
export function countMismatch(count: Field, found: number): Diagnostic {
  return error(
    IMPORT.countMismatch,
    `instruction count mismatch: the count says ${count.value} but ${found} instruction${found === 1 ? ' follows' : 's follow'}`,
    {
      ...(count.range ? { range: count.range } : {}),
      ...(count.offset !== undefined ? { offset: count.offset } : {}),
      hint: 'fix the count or add the missing instructions',
    },
  );
}

/** Order diagnostics by where they are (line, column, byte offset); the sort is stable. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  const la = a.range?.startLine ?? 0;
  const lb = b.range?.startLine ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.range?.startCol ?? 0;
  const cb = b.range?.startCol ?? 0;
  if (ca !== cb) return ca - cb;
  return (a.offset ?? 0) - (b.offset ?? 0);
}

/** The result of importing a program. */
export interface ImportResult {
  program?: Program;
  diagnostics: Diagnostic[];
}

/**
 * Decode parsed records into a Program with a source map. Decoder warnings (raw opcodes, ignored
 * fields) get the record's range. With any error, or no instruction at all, there is no program.
 */
export function finishRecords(records: readonly ParsedRecord[], diagnostics: Diagnostic[]): ImportResult {
  diagnostics.sort(byPosition);
  if (records.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(error(IMPORT.empty, 'expected at least one instruction but found none'));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  const decoded = decodeProgram(records.map((r) => r.raw));
  for (const d of decoded.diagnostics) {
    const rec = d.pc === undefined ? undefined : records[d.pc];
    if (rec?.range) d.range = rec.range;
    if (rec?.offset !== undefined) d.offset = rec.offset;
    diagnostics.push(d);
  }
  const program: Program = { insns: decoded.insns };
  if (records.some((r) => r.range)) program.sourceMap = records.map((r) => r.range);
  return { program, diagnostics };
}
