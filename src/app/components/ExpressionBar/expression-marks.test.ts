// Marks on the expression text and the primitive ↔ instruction link, on listings shaped like the
// compiler's (line 1, 1-based columns, end exclusive).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExpressionRow } from '../../../worker/protocol.ts';
import { pcsOf, primitiveAt, sameSpan, segmentText, spanOf } from './expression-marks.ts';

const cols = (startCol: number, endCol: number) => ({ startLine: 1, startCol, endLine: 1, endCol });
const row = (pc: number, range?: ReturnType<typeof cols>): ExpressionRow => ({
  pc,
  asm: '',
  d: '',
  code: 0,
  jt: 0,
  jf: 0,
  k: 0,
  ...(range ? { range } : {}),
});

//            1234567890123456789
const text = 'ip and udp port 53';
const rows = [row(0, cols(1, 3)), row(1, cols(1, 3)), row(2, cols(8, 19)), row(3, cols(8, 19)), row(4)];

describe('spanOf', () => {
  it('turns 1-based columns into offsets, end exclusive', () => {
    expect(spanOf(cols(8, 19), text)).toEqual({ start: 7, end: 18 });
    expect(text.slice(7, 18)).toBe('udp port 53');
    expect(spanOf(undefined, text)).toBeUndefined();
  });

  it('clamps ranges past the end and counts lines', () => {
    expect(spanOf(cols(17, 40), text)).toEqual({ start: 16, end: 18 });
    expect(spanOf({ startLine: 2, startCol: 2, endLine: 2, endCol: 4 }, 'ab\ncdef')).toEqual({
      start: 4,
      end: 6,
    });
  });
});

describe('segmentText', () => {
  it('keeps every character exactly once, in order', () => {
    const segments = segmentText(text, [
      { span: { start: 7, end: 18 }, kind: 'focus' },
      { span: { start: 11, end: 15 }, kind: 'error' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.find((s) => s.text === 'port')?.kinds).toEqual(['focus', 'error']);
    expect(segments.find((s) => s.text === 'ip and ')?.kinds).toEqual([]);
  });

  it('draws an empty mark under one character, padding the end of input', () => {
    const atEnd = segmentText('udp port', [{ span: { start: 8, end: 8 }, kind: 'error' }]);
    expect(atEnd.at(-1)).toEqual({ start: 8, text: '\u00a0', kinds: ['error'] });
    expect(atEnd.map((s) => s.text).join('')).toBe('udp port\u00a0');
    const inside = segmentText('udp @ 53', [{ span: { start: 4, end: 4 }, kind: 'error' }]);
    expect(inside.find((s) => s.kinds.length > 0)?.text).toBe('@');
  });

  it('covers the text (plus padding) in order, each mark exactly over its characters', () => {
    const kind = fc.constantFrom('focus' as const, 'error' as const, 'warning' as const);
    const mark = (n: number) =>
      fc
        .tuple(fc.nat(n + 1), fc.nat(n + 1), kind)
        .map(([a, b, k]) => ({ span: { start: Math.min(a, b), end: Math.max(a, b) }, kind: k }));
    const input = fc
      .string({ maxLength: 30 })
      .chain((t) => fc.tuple(fc.constant(t), fc.array(mark(t.length))));
    fc.assert(
      fc.property(input, ([t, marks]) => {
        const segments = segmentText(t, marks);
        const joined = segments.map((s) => s.text).join('');
        expect(joined.startsWith(t)).toBe(true);
        expect(joined.slice(t.length)).toMatch(/^\u00a0*$/);
        for (const s of segments) {
          for (const m of marks) {
            const end = m.span.end > m.span.start ? m.span.end : m.span.start + 1;
            const inside = m.span.start <= s.start && s.start + s.text.length <= end;
            if (inside) expect(s.kinds).toContain(m.kind);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('returns one plain segment without marks', () => {
    expect(segmentText('tcp', [])).toEqual([{ start: 0, text: 'tcp', kinds: [] }]);
    expect(segmentText('', [])).toEqual([]);
  });
});

describe('primitive ↔ instructions', () => {
  it('finds the innermost primitive under an offset', () => {
    expect(primitiveAt(rows, text, 0)).toEqual({ start: 0, end: 2 });
    expect(primitiveAt(rows, text, 12)).toEqual({ start: 7, end: 18 });
    expect(primitiveAt(rows, text, 3)).toBeUndefined(); // "and" implements no instruction of its own
    const nested = [...rows, row(5, cols(12, 16))];
    expect(primitiveAt(nested, text, 12)).toEqual({ start: 11, end: 15 });
  });

  it("lists the primitive's instructions", () => {
    expect([...pcsOf(rows, text, { start: 7, end: 18 })]).toEqual([2, 3]);
    expect([...pcsOf(rows, text, undefined)]).toEqual([]);
    expect(sameSpan({ start: 1, end: 2 }, { start: 1, end: 2 })).toBe(true);
    expect(sameSpan(undefined, undefined)).toBe(false);
  });
});
