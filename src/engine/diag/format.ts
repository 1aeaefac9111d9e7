// SPDX-License-Identifier: MIT
/**
 * The CLI's diagnostic printer (after rustc and Peggy's `format`): a header with severity and
 * code, a ` --> name:line:col` locator, the source line in a numbered gutter, carets under the
 * span, then `= hint:` and notes (a note with a range gets its own snippet). Plain text unless
 * `color` asks for ANSI escapes. The UI does not use this: it maps diagnostics to editor markers.
 */
import type { Diagnostic, DiagnosticNote, Severity, SourceRange } from './diagnostic.ts';

/** The text diagnostics point into, and the name to show for it (a file name, `<stdin>`). */
export interface DiagnosticSource {
  name: string;
  text: string;
}

/** Printing options. */
export interface FormatOptions {
  /** Add ANSI colours (for a terminal). Default false. */
  color?: boolean;
}

const TAB = '    ';

interface Paint {
  severity: (s: Severity, text: string) => string;
  bold: (text: string) => string;
  frame: (text: string) => string;
}

const PLAIN: Paint = { severity: (_s, t) => t, bold: (t) => t, frame: (t) => t };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
const ANSI: Paint = {
  severity: (s, t) => `\x1b[1;${SEVERITY_COLOR[s]}m${t}\x1b[0m`,
  bold: (t) => `\x1b[1m${t}\x1b[0m`,
  frame: (t) => `\x1b[1;34m${t}\x1b[0m`,
};

/** Print one diagnostic, with a caret snippet when the source text is given. */
export function formatDiagnostic(
  d: Diagnostic,
  source?: DiagnosticSource,
  options: FormatOptions = {},
): string {
  const paint = options.color ? ANSI : PLAIN;
  const lines = source ? source.text.split('\n') : undefined;
  const width = gutterWidth(d);
  const out = [`${paint.severity(d.severity, `${d.severity}[${d.code}]`)}${paint.bold(`: ${d.message}`)}`];
  out.push(...locate(d, d.range, source, lines, width, paint, d.severity));
  if (d.hint) out.push(`${' '.repeat(width + 1)}${paint.frame('=')} ${paint.bold('hint')}: ${d.hint}`);
  for (const note of d.notes) out.push(...formatNote(note, source, lines, width, paint));
  return out.join('\n');
}

/** Print several diagnostics, separated by blank lines (empty string for none). */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  source?: DiagnosticSource,
  options: FormatOptions = {},
): string {
  return diagnostics.map((d) => formatDiagnostic(d, source, options)).join('\n\n');
}

function gutterWidth(d: Diagnostic): number {
  const lines = [d.range?.startLine ?? 0, ...d.notes.map((n) => n.range?.startLine ?? 0)];
  return String(Math.max(1, ...lines)).length;
}

function formatNote(
  note: DiagnosticNote,
  source: DiagnosticSource | undefined,
  lines: string[] | undefined,
  width: number,
  paint: Paint,
): string[] {
  const at = note.pc !== undefined && !note.range ? ` (pc ${note.pc})` : '';
  if (!note.range)
    return [`${' '.repeat(width + 1)}${paint.frame('=')} ${paint.bold('note')}: ${note.message}${at}`];
  return [
    `${paint.severity('info', 'note')}${paint.bold(`: ${note.message}`)}`,
    ...locate(note, note.range, source, lines, width, paint, 'info'),
  ];
}

/** The ` --> where` line and, when the line exists in the source, the caret snippet. */
function locate(
  at: { pc?: number; offset?: number },
  range: SourceRange | undefined,
  source: DiagnosticSource | undefined,
  lines: string[] | undefined,
  width: number,
  paint: Paint,
  severity: Severity,
): string[] {
  const where = describeWhere(at, range, source?.name);
  if (where === undefined) return [];
  const arrow = `${' '.repeat(width)}${paint.frame('-->')} ${where}`;
  const line = range && lines?.[range.startLine - 1];
  if (!range || line === undefined) return [arrow];
  const text = line.replace(/\r$/, '');
  const bar = (label: string) => paint.frame(`${label.padStart(width)} |`);
  const lastCol = range.endLine === range.startLine ? range.endCol : text.length + 1;
  const before = expandTabs(text.slice(0, range.startCol - 1)).length;
  const span = Math.max(1, expandTabs(text.slice(range.startCol - 1, lastCol - 1)).length);
  const carets = paint.severity(severity, '^'.repeat(span));
  return [
    arrow,
    bar(''),
    `${bar(String(range.startLine))} ${expandTabs(text)}`,
    `${bar('')} ${' '.repeat(before)}${carets}`,
  ];
}

function describeWhere(
  at: { pc?: number; offset?: number },
  range: SourceRange | undefined,
  name?: string,
): string | undefined {
  if (range) return `${name === undefined ? '' : `${name}:`}${range.startLine}:${range.startCol}`;
  const place =
    at.pc !== undefined ? `pc ${at.pc}` : at.offset !== undefined ? `byte ${at.offset}` : undefined;
  if (place === undefined) return name;
  return name === undefined ? place : `${name} (${place})`;
}

function expandTabs(text: string): string {
  return text.replace(/\t/g, TAB);
}
