// SPDX-License-Identifier: MIT
/**
 * Monaco decorations for the debugger's marks and the breakpoints. Class names are styled in
 * components/Editor/editor.css for both themes.
 */
import type * as MonacoApi from 'monaco-editor/editor';
import type { BreakpointGlyph, DebugLines } from './debug-lines.ts';

type Decoration = MonacoApi.editor.IModelDeltaDecoration;

/** Monaco's TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges (a const enum value). */
const STICKY_TO_LINE = 1;

const wholeLine = (
  line: number,
  className: string,
  extra: Partial<Decoration['options']> = {},
): Decoration => ({
  range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
  options: { isWholeLine: true, className, stickiness: STICKY_TO_LINE, ...extra },
});

/** Decorations for the debugger's marks; `lineEnd(line)` is the column past the line's end. */
export function debugDecorations(
  marks: DebugLines,
  lineCount: number,
  lineEnd: (line: number) => number,
): Decoration[] {
  const valid = (line: number) => line >= 1 && line <= lineCount;
  const out: Decoration[] = [];
  for (const line of marks.upcoming.filter(valid)) out.push(wholeLine(line, 'bpf-line-upcoming'));
  for (const line of marks.executed.filter(valid)) out.push(wholeLine(line, 'bpf-line-executed'));
  for (const line of marks.unreached.filter(valid)) {
    out.push({
      range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: lineEnd(line) },
      options: { inlineClassName: 'bpf-text-unreached', stickiness: STICKY_TO_LINE },
    });
  }
  const after = (line: number, text: string, className: string): Decoration => ({
    range: {
      startLineNumber: line,
      startColumn: lineEnd(line),
      endLineNumber: line,
      endColumn: lineEnd(line),
    },
    options: {
      after: { content: `  ${text}`, inlineClassName: className },
      showIfCollapsed: true,
      stickiness: STICKY_TO_LINE,
    },
  });
  if (marks.last && valid(marks.last.line) && marks.last.line !== marks.verdict?.line) {
    out.push(after(marks.last.line, `◂ ${marks.last.text}`, 'bpf-inline-value'));
  }
  if (marks.verdict && valid(marks.verdict.line)) {
    const tone = marks.verdict.accepted ? 'accept' : 'drop';
    out.push(wholeLine(marks.verdict.line, `bpf-line-verdict-${tone}`));
    out.push(after(marks.verdict.line, `⇐ ${marks.verdict.text}`, `bpf-inline-verdict-${tone}`));
  }
  if (marks.current !== undefined && valid(marks.current)) {
    out.push(
      wholeLine(marks.current, 'bpf-line-current', {
        linesDecorationsClassName: 'bpf-arrow-current',
        overviewRuler: { color: '#d4a72c', position: 4 },
      }),
    );
  }
  return out;
}

/** Glyph-margin decorations for the breakpoints. */
export function breakpointDecorations(glyphs: readonly BreakpointGlyph[], lineCount: number): Decoration[] {
  return glyphs
    .filter((g) => g.line >= 1 && g.line <= lineCount)
    .map((g) => ({
      range: { startLineNumber: g.line, startColumn: 1, endLineNumber: g.line, endColumn: 1 },
      options: {
        glyphMarginClassName: `bpf-bp bpf-bp-${g.look}`,
        glyphMarginHoverMessage: { value: g.hover },
        stickiness: STICKY_TO_LINE,
      },
    }));
}

/** The faint dot that shows where a click in the glyph margin would set a breakpoint. */
export function breakpointHint(line: number): Decoration {
  return {
    range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
    options: { glyphMarginClassName: 'bpf-bp bpf-bp-hint', stickiness: STICKY_TO_LINE },
  };
}
