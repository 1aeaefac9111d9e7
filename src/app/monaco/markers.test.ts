// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/session.ts';
import { codeColumns, diagnosticMarkers, diagnosticPosition } from './markers.ts';

function markersFor(text: string) {
  const analysis = new EngineSession().setProgram(text, 'socket');
  const lines = text.split('\n');
  return {
    analysis,
    markers: diagnosticMarkers(analysis.diagnostics, analysis.listing, {
      count: lines.length,
      text: (line) => lines[line - 1] ?? '',
    }),
  };
}

describe('markers from diagnostics', () => {
  it('put assembler errors on their source range, with the hint', () => {
    const { markers } = markersFor('ldh [12]\njeq #0x800, nowhere\nret #0\n');
    expect(markers).toEqual([
      {
        severity: 'error',
        code: 'ASM1011',
        message:
          "expected a defined label but found 'nowhere'\nhint: define it: 'nowhere:' before the instruction to jump to",
        startLineNumber: 2,
        startColumn: 13,
        endLineNumber: 2,
        endColumn: 20,
        related: [],
      },
    ]);
  });

  it('put pc-only checker errors on the instruction text of their line', () => {
    const { markers } = markersFor('; comment\n  ldh [12]\n  ld M[3]   ; read before write\n  ret #0\n');
    const chk = markers.find((m) => m.code === 'CHK2010');
    expect(chk).toMatchObject({ startLineNumber: 3, startColumn: 3, endLineNumber: 3, endColumn: 10 });
  });

  it('mark line 1 when a diagnostic points nowhere', () => {
    const { markers } = markersFor('; nothing but a comment\n');
    expect(markers.length).toBeGreaterThan(0);
    expect(markers[0]).toMatchObject({ startLineNumber: 1, startColumn: 1 });
  });

  it('locate diagnostics and notes for the problems list', () => {
    const listing = [{ pc: 0, asm: 'ret #0', d: '', code: 6, jt: 0, jf: 0, k: 0, line: 4 }];
    expect(diagnosticPosition({ pc: 0 }, listing)).toEqual({ line: 4, column: 1 });
    expect(
      diagnosticPosition({ range: { startLine: 2, startCol: 5, endLine: 2, endCol: 6 } }, listing),
    ).toEqual({
      line: 2,
      column: 5,
    });
    expect(diagnosticPosition({ pc: 3 }, listing)).toBeUndefined();
    expect(diagnosticPosition({}, listing)).toBeUndefined();
  });

  it('measure the code of a line without blanks and comments', () => {
    expect(codeColumns('    ldh [12]   ; EtherType')).toEqual({ start: 5, end: 13 });
    expect(codeColumns('')).toEqual({ start: 1, end: 2 });
  });
});
