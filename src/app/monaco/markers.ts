// SPDX-License-Identifier: MIT
/**
 * Diagnostics from the worker as editor markers. Assembler diagnostics carry a source range;
 * checker diagnostics carry only a pc, which the listing maps back to the instruction's line.
 */
import type { Diagnostic, Severity } from '../../engine/index.ts';
import type { ListingRow } from '../../worker/protocol.ts';
import { commentStart } from './bpf-line.ts';

/** A position in the editor (1-based). */
export interface EditorPosition {
  line: number;
  column: number;
}

/** One marker, in Monaco's coordinates (1-based, end column exclusive). */
export interface MarkerSpec {
  severity: Severity;
  code: string;
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  /** Notes that point elsewhere in the program. */
  related: { message: string; line: number; column: number }[];
}

/** Where a diagnostic (or a note) points in the editor, if anywhere. */
export function diagnosticPosition(
  d: { range?: Diagnostic['range']; pc?: number },
  listing: readonly ListingRow[],
): EditorPosition | undefined {
  if (d.range) return { line: d.range.startLine, column: d.range.startCol };
  const line = d.pc === undefined ? undefined : listing[d.pc]?.line;
  return line === undefined ? undefined : { line, column: 1 };
}

/** What markers need to know about the editor's lines. */
export interface EditorLines {
  count: number;
  /** The text of a 1-based line. */
  text(line: number): string;
}

/** Columns of the instruction text on a line: first non-blank to the end of the code before any comment. */
export function codeColumns(text: string): { start: number; end: number } {
  const code = text.slice(0, commentStart(text) ?? text.length).trimEnd();
  const start = code.length - code.trimStart().length;
  return { start: start + 1, end: Math.max(start + 2, code.length + 1) };
}

/**
 * Markers for `diagnostics`. A pc-only diagnostic marks its instruction's whole text; one that
 * points nowhere (e.g. "the program is empty") marks line 1.
 */
export function diagnosticMarkers(
  diagnostics: readonly Diagnostic[],
  listing: readonly ListingRow[],
  lines: EditorLines,
): MarkerSpec[] {
  const clampLine = (line: number) => Math.min(Math.max(1, line), Math.max(1, lines.count));
  return diagnostics.map((d) => {
    const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
    const related = d.notes.flatMap((n) => {
      const at = diagnosticPosition(n, listing);
      return at ? [{ message: n.message, line: clampLine(at.line), column: at.column }] : [];
    });
    const base = { severity: d.severity, code: d.code, message, related };
    if (d.range) {
      const startLine = clampLine(d.range.startLine);
      const endLine = clampLine(d.range.endLine);
      return {
        ...base,
        startLineNumber: startLine,
        startColumn: d.range.startCol,
        endLineNumber: endLine,
        // An empty range would draw nothing: widen it to one column.
        endColumn: endLine === startLine ? Math.max(d.range.endCol, d.range.startCol + 1) : d.range.endCol,
      };
    }
    const line = clampLine(diagnosticPosition(d, listing)?.line ?? 1);
    const { start, end } = codeColumns(lines.text(line));
    return { ...base, startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: end };
  });
}
