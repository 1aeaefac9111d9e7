// SPDX-License-Identifier: MIT
/**
 * Vitest matchers for diagnostics (after Peggy's `reportError` pass specs), usable by every area.
 *
 * Use: import this module once in a test file (importing registers the matchers), then
 *
 *   import '../../testkit/matchers.ts';
 *   expect(assemble('ldh [x+')).toReportError("1:8 ASM1003 expected ']' but found end of input");
 *   expect(check(program)).toReportError('pc 3 CHK2003 ...', { hint: /M\[0\]/ });
 *   expect(result).toReportErrors(['1:1 ASM1004 ...', '2:5 ASM1005 ...']); // exactly these errors
 *   expect(result).toReportNoErrors();
 *
 * The received value is a `Diagnostic[]` or anything with a `diagnostics` array (`{program?,
 * diagnostics}`). The expected string is `[WHERE] CODE [MESSAGE]`, where WHERE is `line:col`,
 * `line:col-line:col` (end column exclusive), `pc N` or `@N` (byte offset); a part left out is not
 * compared, and a MESSAGE ending in `...` matches as a prefix. `toReportError` passes when any
 * error matches; `toReportWarning` does the same for warnings.
 */
import { expect } from 'vitest';
import type { Diagnostic, Severity } from '../engine/diag/diagnostic.ts';

/** Extra expectations on the matching diagnostic. */
export interface ReportExpectation {
  /** The hint, exactly (string) or by pattern. */
  hint?: string | RegExp;
  /** Note messages that must all be present (each may carry a `line:col ` prefix, as above). */
  notes?: string[];
}

interface ParsedExpectation {
  startLine?: number;
  startCol?: number;
  endLine?: number;
  endCol?: number;
  pc?: number;
  offset?: number;
  code?: string;
  message?: string;
}

const PATTERN =
  /^\s*(?:(?<sl>\d+):(?<sc>\d+)(?:-(?<el>\d+):(?<ec>\d+))?\s+|pc\s+(?<pc>\d+)\s+|@(?<off>\d+)\s+)?(?<code>[A-Z]{3}\d{4}(?=\s|$))?\s*(?<msg>.*)$/s;

/** Parse `[WHERE] CODE [MESSAGE]`. */
export function parseExpectation(text: string): ParsedExpectation {
  const m = PATTERN.exec(text);
  if (!m?.groups) return { message: text };
  const g = m.groups;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const parsed: ParsedExpectation = {};
  const fields: [keyof ParsedExpectation, number | string | undefined][] = [
    ['startLine', num(g.sl)],
    ['startCol', num(g.sc)],
    ['endLine', num(g.el)],
    ['endCol', num(g.ec)],
    ['pc', num(g.pc)],
    ['offset', num(g.off)],
    ['code', g.code],
    ['message', g.msg === '' ? undefined : g.msg],
  ];
  for (const [key, value] of fields)
    if (value !== undefined) (parsed as Record<string, unknown>)[key] = value;
  return parsed;
}

/** A diagnostic in the matcher's compact form: `line:col-line:col CODE message` (or `pc N ...`). */
export function describeDiagnostic(d: Diagnostic): string {
  let where = '';
  if (d.range) {
    const { startLine, startCol, endLine, endCol } = d.range;
    where = `${startLine}:${startCol}-${endLine}:${endCol} `;
  } else if (d.pc !== undefined) where = `pc ${d.pc} `;
  else if (d.offset !== undefined) where = `@${d.offset} `;
  const hint = d.hint ? `\n      hint: ${d.hint}` : '';
  const notes = d.notes.map(
    (n) => `\n      note: ${n.range ? `${n.range.startLine}:${n.range.startCol} ` : ''}${n.message}`,
  );
  return `${d.severity} ${where}${d.code} ${d.message}${hint}${notes.join('')}`;
}

function textMatches(actual: string, expected: string): boolean {
  return expected.endsWith('...') ? actual.startsWith(expected.slice(0, -3)) : actual === expected;
}

function matches(d: Diagnostic, e: ParsedExpectation, extra: ReportExpectation = {}): boolean {
  const r = d.range;
  if (e.startLine !== undefined && (r?.startLine !== e.startLine || r.startCol !== e.startCol)) return false;
  if (e.endLine !== undefined && (r?.endLine !== e.endLine || r.endCol !== e.endCol)) return false;
  if (e.pc !== undefined && d.pc !== e.pc) return false;
  if (e.offset !== undefined && d.offset !== e.offset) return false;
  if (e.code !== undefined && d.code !== e.code) return false;
  if (e.message !== undefined && !textMatches(d.message, e.message)) return false;
  if (extra.hint !== undefined) {
    const ok = typeof extra.hint === 'string' ? d.hint === extra.hint : extra.hint.test(d.hint ?? '');
    if (!ok) return false;
  }
  return (extra.notes ?? []).every((note) => {
    const n = parseExpectation(note);
    return d.notes.some(
      (actual) =>
        (n.startLine === undefined ||
          (actual.range?.startLine === n.startLine && actual.range.startCol === n.startCol)) &&
        textMatches(actual.message, n.message ?? note),
    );
  });
}

function diagnosticsOf(received: unknown): Diagnostic[] | undefined {
  if (Array.isArray(received)) return received as Diagnostic[];
  const list = (received as { diagnostics?: unknown } | null | undefined)?.diagnostics;
  return Array.isArray(list) ? (list as Diagnostic[]) : undefined;
}

function listing(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.length === 0
    ? '  (no diagnostics)'
    : diagnostics.map((d) => `  ${describeDiagnostic(d)}`).join('\n');
}

function reportMatcher(severity: Severity) {
  return function (this: { isNot: boolean }, received: unknown, expected: string, extra?: ReportExpectation) {
    const diagnostics = diagnosticsOf(received);
    if (!diagnostics)
      return { pass: false, message: () => 'expected a Diagnostic[] or a value with `diagnostics`' };
    const wanted = parseExpectation(expected);
    const pass = diagnostics.some((d) => d.severity === severity && matches(d, wanted, extra));
    const hintText = extra?.hint ? ` with hint ${String(extra.hint)}` : '';
    return {
      pass,
      message: () =>
        `expected ${this.isNot ? 'no ' : 'an '}${severity} matching '${expected}'${hintText}; got:\n${listing(diagnostics)}`,
    };
  };
}

const customMatchers = {
  toReportError: reportMatcher('error'),
  toReportWarning: reportMatcher('warning'),
  /** Exactly these errors, in order (warnings and infos are ignored). */
  toReportErrors(this: { isNot: boolean }, received: unknown, expected: readonly string[]) {
    const diagnostics = diagnosticsOf(received) ?? [];
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const pass =
      errors.length === expected.length && errors.every((d, i) => matches(d, parseExpectation(expected[i]!)));
    return {
      pass,
      message: () =>
        `expected exactly these errors:\n${expected.map((e) => `  ${e}`).join('\n')}\ngot:\n${listing(errors)}`,
    };
  },
  toReportNoErrors(this: { isNot: boolean }, received: unknown) {
    const diagnostics = diagnosticsOf(received) ?? [];
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return { pass: errors.length === 0, message: () => `expected no errors; got:\n${listing(errors)}` };
  },
};

/** Register the matchers with vitest's `expect` (importing this module already does). */
export function setupMatchers(): void {
  expect.extend(customMatchers);
}

setupMatchers();

interface DiagnosticMatchers<R = unknown> {
  /** Some error matches `[line:col[-line:col] | pc N | @N] [CODE] [message]`. */
  toReportError(expected: string, extra?: ReportExpectation): R;
  /** Some warning matches, as `toReportError`. */
  toReportWarning(expected: string, extra?: ReportExpectation): R;
  /** The errors are exactly these, in order. */
  toReportErrors(expected: readonly string[]): R;
  /** No error at all. */
  toReportNoErrors(): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: vitest declares Matchers<T = any>; the merge must match
  interface Matchers<T = any> extends DiagnosticMatchers<T> {}
}
