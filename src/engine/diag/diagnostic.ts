// SPDX-License-Identifier: MIT
/**
 * Diagnostics are values, never exceptions (after esbuild's msg and Peggy's GrammarError).
 * Codes are stable by area: ASM1xxx assembler and program import, CHK2xxx checker, FLT3xxx
 * filter-expression compiler, CAP4xxx capture reader, VM5xxx interpreter.
 */

/** A span of source text; lines and columns are 1-based, `end` is exclusive. */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** How bad a diagnostic is. Errors stop the product from being used; warnings and infos do not. */
export type Severity = 'error' | 'warning' | 'info';

/** A secondary location that helps explain a diagnostic (e.g. "label first defined here"). */
export interface DiagnosticNote {
  message: string;
  range?: SourceRange;
  pc?: number;
}

/** One problem found in user input, with where it is and how to fix it. */
export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `ASM1003`. */
  code: string;
  /** Lower-case sentence naming what was expected and what was found. */
  message: string;
  /** Where in the source text (assembler, filter expression). */
  range?: SourceRange;
  /** Which instruction (checker, importer, interpreter). */
  pc?: number;
  /** Byte offset in a binary input (capture reader, raw program import). */
  offset?: number;
  notes: DiagnosticNote[];
  hint?: string;
}

/** Fields of a diagnostic other than severity, code and message. */
export type DiagnosticExtras = Partial<Omit<Diagnostic, 'severity' | 'code' | 'message'>>;

/** Build an error diagnostic. */
export function error(code: string, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return { severity: 'error', code, message, notes: [], ...extras };
}

/** Build a warning diagnostic. */
export function warning(code: string, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return { severity: 'warning', code, message, notes: [], ...extras };
}

/** Build an informational diagnostic. */
export function info(code: string, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return { severity: 'info', code, message, notes: [], ...extras };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
