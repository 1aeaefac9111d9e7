// SPDX-License-Identifier: MIT
/**
 * The assembler: bpf_asm syntax with bpfc's aliases, libpcap's `tcpdump -d` listing lines, and
 * numeric jump targets, to a `Program`. Passes: lex → parse (syntax only, recovers per line) →
 * lay out pcs and labels → encode each statement from the mnemonic table → resolve jumps.
 * Every problem is a diagnostic; the program is returned only when there is no error.
 * Semantic rules (division by 0, last instruction is `ret`, ...) are the checker's, not ours.
 */
import type { Diagnostic, SourceRange } from '../diag/diagnostic.ts';
import { hasErrors, info } from '../diag/diagnostic.ts';
import { decode, encode } from '../isa/codec.ts';
import type { Insn } from '../isa/insn.ts';
import type { Program } from '../program.ts';
import { ASM } from './codes.ts';
import { encodeStatement } from './encode-statement.ts';
import type { Built } from './forms.ts';
import type { Layout } from './labels.ts';
import { layoutStatements, resolveJumps } from './labels.ts';
import type { Comment } from './lexer.ts';
import { lex } from './lexer.ts';
import { parse } from './parser.ts';

/** Options for `assemble`. */
export interface AssembleOptions {
  /** Report at most this many errors (default 100); an info diagnostic says when more were cut. */
  maxErrors?: number;
}

/** The assembled program (present iff there is no error diagnostic) and every diagnostic. */
export interface AssembleResult {
  program?: Program;
  diagnostics: Diagnostic[];
}

/** Assemble bpf_asm / bpfc / `tcpdump -d` text into a program. Never throws for any input text. */
export function assemble(text: string, options: AssembleOptions = {}): AssembleResult {
  const lexed = lex(text);
  const parsed = parse(lexed.tokens);
  const diagnostics = [...lexed.diagnostics, ...parsed.diagnostics];
  const lines = text.split('\n');
  const layout = layoutStatements(parsed.statements, diagnostics);
  const insns = encodeAll(layout, lines, diagnostics);
  const sorted = limit(sortDiagnostics(diagnostics), options.maxErrors ?? 100);
  if (hasErrors(sorted) || insns.some((insn) => insn === undefined)) return { diagnostics: sorted };
  return { program: buildProgram(insns as Insn[], layout, lexed.comments), diagnostics: sorted };
}

function encodeAll(layout: Layout, lines: readonly string[], out: Diagnostic[]): (Insn | undefined)[] {
  const built: (Built | undefined)[] = layout.slots.map(({ statement }) =>
    statement.broken ? undefined : encodeStatement(statement, lines, out),
  );
  return built.map((b, pc) => {
    if (!b) return undefined;
    if (!resolveJumps(b.insn, b.jumps, pc, layout, out)) return undefined;
    return b.insn.op === 'raw' ? canonical(b.insn) : b.insn;
  });
}

/**
 * `.insn` / `unimp` bits that are a known instruction become that instruction (`unimp 0x81` is
 * how libpcap 1.10 prints `ldx #len`), unless decoding would drop non-zero unused fields: then the
 * raw form keeps the bytes exact.
 */
function canonical(insn: Insn & { op: 'raw' }): Insn {
  const decoded = decode(insn);
  const back = encode(decoded);
  const same = back.code === insn.code && back.jt === insn.jt && back.jf === insn.jf && back.k === insn.k;
  return same ? decoded : insn;
}

function buildProgram(insns: Insn[], layout: Layout, comments: readonly Comment[]): Program {
  const sourceMap: SourceRange[] = layout.slots.map(({ statement }) => statement.range!);
  const labels: Record<number, string> = {};
  layout.slots.forEach((slot, pc) => {
    if (slot.labels[0] !== undefined) labels[pc] = slot.labels[0];
  });
  const program: Program = { insns, sourceMap, labels };
  const trailing = trailingComments(sourceMap, comments);
  if (Object.keys(trailing).length > 0) program.comments = trailing;
  return program;
}

/** A comment on the line an instruction ends on is that instruction's comment (`ret #0 ; drop`). */
function trailingComments(
  sourceMap: readonly SourceRange[],
  comments: readonly Comment[],
): Record<number, string> {
  const byLine = new Map<number, string>();
  for (const comment of comments) if (comment.text !== '') byLine.set(comment.line, comment.text);
  const out: Record<number, string> = {};
  sourceMap.forEach((range, pc) => {
    const text = byLine.get(range.endLine);
    if (text !== undefined) out[pc] = text;
  });
  return out;
}

/** Source order (line, then column); diagnostics without a range keep their order at the end. */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) =>
    d.range ? d.range.startLine * 1e6 + d.range.startCol : Number.POSITIVE_INFINITY;
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => key(a.d) - key(b.d) || a.i - b.i)
    .map(({ d }) => d);
}

function limit(diagnostics: Diagnostic[], maxErrors: number): Diagnostic[] {
  let errors = 0;
  const kept = diagnostics.filter((d) => d.severity !== 'error' || ++errors <= maxErrors);
  if (errors <= maxErrors) return kept;
  return [
    ...kept,
    info(ASM.tooManyErrors, `stopped after ${maxErrors} errors; ${errors - maxErrors} more not shown`),
  ];
}
