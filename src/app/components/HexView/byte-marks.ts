// SPDX-License-Identifier: MIT
/** Per-byte highlight flags of the hex dump, computed once per render from the spans to light. */
import { type ByteSpan, maskAt } from './read-focus.ts';

/** Highlight flags of one byte (bits of a number). */
export const MARK = {
  /** Read by the step just executed. */
  read: 1,
  /** Only some bits of the byte are looked at. */
  partial: 2,
  /** Lit because A came from here (the step tested A). */
  origin: 4,
  /** About to be read by the next step. */
  next: 8,
  /** In the field under the pointer. */
  hover: 16,
  /** In the selected field. */
  selected: 32,
} as const;

/** The spans to light, by kind. */
export interface MarkSpans {
  read?: ByteSpan & { via: 'load' | 'origin' };
  next?: ByteSpan;
  hover?: ByteSpan;
  selected?: ByteSpan;
}

function paint(marks: Uint8Array, span: ByteSpan | undefined, flag: number, bits: boolean): void {
  if (!span) return;
  const from = Math.max(0, span.offset);
  const to = Math.min(marks.length, span.offset + span.length);
  for (let at = from; at < to; at++) {
    const mask = maskAt(span, at);
    if (mask === 0) continue;
    marks[at] = (marks[at] as number) | flag | (bits && mask !== 0xff ? MARK.partial : 0);
  }
}

/** Flags for each of `length` bytes (bytes past the captured ones are never marked). */
export function byteMarks(length: number, spans: MarkSpans): Uint8Array {
  const marks = new Uint8Array(length);
  if (spans.read)
    paint(marks, spans.read, spans.read.via === 'origin' ? MARK.read | MARK.origin : MARK.read, true);
  paint(marks, spans.next, MARK.next, false);
  paint(marks, spans.hover, MARK.hover, false);
  paint(marks, spans.selected, MARK.selected, false);
  return marks;
}

/** The CSS classes for a byte's flags. */
export function markClasses(flags: number): string {
  let out = '';
  if (flags & MARK.read) out += flags & MARK.origin ? ' m-origin' : ' m-read';
  if (flags & MARK.partial) out += ' m-partial';
  if (flags & MARK.next) out += ' m-next';
  if (flags & MARK.hover) out += ' m-hover';
  if (flags & MARK.selected) out += ' m-selected';
  return out;
}
