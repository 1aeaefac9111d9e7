// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../engine/diag/diagnostic.ts';
import { error, warning } from '../engine/diag/diagnostic.ts';
import { describeDiagnostic, parseExpectation } from './matchers.ts';

const at = (line: number, col: number, endCol: number) => ({
  startLine: line,
  startCol: col,
  endLine: line,
  endCol,
});
const diagnostics: Diagnostic[] = [
  error('ASM1003', "expected ']' but found end of input", { range: at(1, 8, 9), hint: 'close it' }),
  error('CHK2001', 'division by zero', { pc: 3, notes: [{ message: 'first here', range: at(2, 1, 3) }] }),
  warning('CAP4002', 'truncated record', { offset: 24 }),
];

describe('parseExpectation', () => {
  it.each<[string, object]>([
    ["1:8 ASM1003 expected ']'", { startLine: 1, startCol: 8, code: 'ASM1003', message: "expected ']'" }],
    ['1:8-1:9 ASM1003', { startLine: 1, startCol: 8, endLine: 1, endCol: 9, code: 'ASM1003' }],
    ['pc 3 CHK2001 division by zero', { pc: 3, code: 'CHK2001', message: 'division by zero' }],
    ['@24 CAP4002', { offset: 24, code: 'CAP4002' }],
    ['ASM1003', { code: 'ASM1003' }],
    ['just a message', { message: 'just a message' }],
    ['2:1 first here', { startLine: 2, startCol: 1, message: 'first here' }],
  ])('%s', (text, parsed) => {
    expect(parseExpectation(text)).toEqual(parsed);
  });
});

describe('toReportError and friends', () => {
  it('match by position, code and message; any part may be left out', () => {
    expect(diagnostics).toReportError("1:8 ASM1003 expected ']' but found end of input");
    expect(diagnostics).toReportError('1:8-1:9 ASM1003');
    expect(diagnostics).toReportError('ASM1003 expected ...');
    expect(diagnostics).toReportError('pc 3 CHK2001');
    expect({ diagnostics }).toReportError('CHK2001', { notes: ['2:1 first here'] });
    expect(diagnostics).toReportError('1:8 ASM1003', { hint: /close/ });
    expect(diagnostics).toReportWarning('@24 CAP4002 truncated record');
  });

  it('fail on any mismatching part, with the actual diagnostics in the message', () => {
    expect(diagnostics).not.toReportError('1:9 ASM1003');
    expect(diagnostics).not.toReportError('1:8-1:10 ASM1003');
    expect(diagnostics).not.toReportError('1:8 ASM1004');
    expect(diagnostics).not.toReportError('1:8 ASM1003 expected something else');
    expect(diagnostics).not.toReportError('1:8 ASM1003', { hint: 'other' });
    expect(diagnostics).not.toReportError('CAP4002'); // a warning, not an error
    expect(() => expect(diagnostics).toReportError('9:9 ASM1003')).toThrow(/error 1:8-1:9 ASM1003 expected/);
  });

  it('toReportErrors wants exactly these errors in order; toReportNoErrors none', () => {
    expect(diagnostics).toReportErrors(['1:8 ASM1003', 'pc 3 CHK2001']);
    expect(diagnostics).not.toReportErrors(['pc 3 CHK2001', '1:8 ASM1003']);
    expect(diagnostics).not.toReportErrors(['1:8 ASM1003']);
    expect([diagnostics[2]!]).toReportNoErrors();
    expect(diagnostics).not.toReportNoErrors();
  });

  it('describeDiagnostic is the compact form used in failure messages', () => {
    expect(describeDiagnostic(diagnostics[0]!)).toBe(
      "error 1:8-1:9 ASM1003 expected ']' but found end of input\n      hint: close it",
    );
    expect(describeDiagnostic(diagnostics[2]!)).toBe('warning @24 CAP4002 truncated record');
  });
});
