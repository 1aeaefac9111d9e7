// SPDX-License-Identifier: MIT
/** Offsets in an expression's text as source ranges (1-based lines and columns, end exclusive). */
import type { SourceRange } from '../diag/diagnostic.ts';

function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** The source range of `text.slice(start, end)`. */
export function rangeOf(text: string, start: number, end: number): SourceRange {
  const a = position(text, start);
  const b = position(text, end);
  return { startLine: a.line, startCol: a.col, endLine: b.line, endCol: b.col };
}

/** A span of offsets into the expression text (end exclusive). */
export interface Span {
  start: number;
  end: number;
}

/** The smallest span covering both. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
