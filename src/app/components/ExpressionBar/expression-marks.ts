// SPDX-License-Identifier: MIT
/**
 * Where to draw on the expression: source ranges as text offsets, the text cut into segments for
 * the marks under the input, and the two-way link between primitives and their instructions.
 */
import type { SourceRange } from '../../../engine/index.ts';
import type { ExpressionRow } from '../../../worker/protocol.ts';

/** A run of the expression's characters: offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** What a mark shows: the primitive under the pointer, or a diagnostic's token. */
export type MarkKind = 'focus' | 'error' | 'warning';

/** A span to mark in the expression. */
export interface Mark {
  span: Span;
  kind: MarkKind;
}

/** A piece of the text with the marks covering it. */
export interface Segment {
  start: number;
  text: string;
  kinds: MarkKind[];
}

/** No-break space: a mark on the end of input needs a character to draw under. */
const END_OF_INPUT = '\u00a0';

/** Offset of a 1-based line and column in `text` (clamped to the text). */
function offsetOf(text: string, line: number, col: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return Math.min(text.length, at + Math.max(0, col - 1));
}

/** A source range of the expression as offsets (undefined for no range). */
export function spanOf(range: SourceRange | undefined, text: string): Span | undefined {
  if (!range) return undefined;
  const start = offsetOf(text, range.startLine, range.startCol);
  const end = Math.max(start, offsetOf(text, range.endLine, range.endCol));
  return { start, end };
}

/** True when both spans cover the same characters. */
export function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a !== undefined && b !== undefined && a.start === b.start && a.end === b.end;
}

/**
 * Cut `text` at every mark boundary. An empty mark (a diagnostic at a position, like "expected an
 * address but found end of input") covers one character; at the end of the text that is an added
 * no-break space, so the text before it keeps its place under the input's own characters.
 */
export function segmentText(text: string, marks: readonly Mark[]): Segment[] {
  const spans = marks.map((m) => ({
    kind: m.kind,
    start: m.span.start,
    end: m.span.end > m.span.start ? m.span.end : m.span.start + 1,
  }));
  const length = Math.max(text.length, ...spans.map((s) => s.end));
  const padded = text.padEnd(length, END_OF_INPUT);
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const kinds = spans.filter((s) => s.start <= start && end <= s.end).map((s) => s.kind);
    segments.push({ start, text: padded.slice(start, end), kinds: [...new Set(kinds)] });
  }
  return segments;
}

/** The innermost primitive (the shortest range of any instruction) that covers `offset`. */
export function primitiveAt(rows: readonly ExpressionRow[], text: string, offset: number): Span | undefined {
  let best: Span | undefined;
  for (const row of rows) {
    const span = spanOf(row.range, text);
    if (!span || offset < span.start || offset >= span.end) continue;
    if (!best || span.end - span.start < best.end - best.start) best = span;
  }
  return best;
}

/** The pcs of the instructions that implement exactly the primitive at `span`. */
export function pcsOf(rows: readonly ExpressionRow[], text: string, span: Span | undefined): Set<number> {
  const pcs = new Set<number>();
  if (!span) return pcs;
  for (const row of rows) if (sameSpan(spanOf(row.range, text), span)) pcs.add(row.pc);
  return pcs;
}
