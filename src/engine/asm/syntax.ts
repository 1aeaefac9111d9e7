// SPDX-License-Identifier: MIT
/**
 * The assembler's syntax tree: what the parser reads from one line, before anything is checked
 * against the instruction set (after rbpf's asm_parser: operand shapes only, no semantics).
 */
import type { SourceRange } from '../diag/diagnostic.ts';

/** One term of an offset or immediate: a number literal or a name, with its sign. */
export interface Term {
  sign: 1 | -1;
  /** The literal's value; undefined for a name or a malformed literal (already reported). */
  value?: number;
  /** The word, for a name term (`SKF_NET_OFF`, `proto`, a label, `x`). */
  name?: string;
  range: SourceRange;
}

/** A sum of terms (`SKF_NET_OFF + 9`, `-4096`, `0x800`); no terms stands for 0 (`[x]`). */
export interface Expr {
  terms: Term[];
  range: SourceRange;
}

/** An operand, by syntactic shape. */
export type Operand =
  /** `#expr`: an immediate, `#len` or `#proto` */
  | { kind: 'imm'; expr: Expr; range: SourceRange }
  /** `%a` or `%x` */
  | { kind: 'reg'; reg: 'a' | 'x'; range: SourceRange }
  /** an expression without `#`: a number, a register or extension word, a label */
  | { kind: 'bare'; expr: Expr; range: SourceRange }
  /** `+N`: a relative jump target skipping N instructions */
  | { kind: 'skip'; count: number | undefined; range: SourceRange }
  /** `[expr]`: packet offset, or `[proto]`-style extension */
  | { kind: 'abs'; expr: Expr; range: SourceRange }
  /** `[x + expr]` */
  | { kind: 'ind'; expr: Expr; range: SourceRange }
  /** `M[expr]` */
  | { kind: 'mem'; expr: Expr; range: SourceRange }
  /** `factor*([offset]&mask)`, valid only as `4*([k]&0xf)` */
  | { kind: 'msh'; factor: Expr; offset: Expr; mask: Expr; range: SourceRange };

/** A label definition `name:`. */
export interface LabelDef {
  name: string;
  range: SourceRange;
}

/** One source line: optional `(NNN)` listing number, labels, and an instruction. */
export interface Statement {
  /** The `(NNN)` number of a `tcpdump -d` line. */
  listing?: { value: number | undefined; range: SourceRange };
  labels: LabelDef[];
  /** The mnemonic as written (case preserved). */
  mnemonic?: { text: string; range: SourceRange };
  /** Comma-separated operands. */
  operands: Operand[];
  /** Targets of the `tcpdump -d` form `jeq #0x800 jt 2 jf 12`. */
  jt?: Operand;
  jf?: Operand;
  /** From the mnemonic to the end of the last operand. */
  range?: SourceRange;
  /** The token that ended the line (newline or end of input), for "found end of line". */
  end: { range: SourceRange; atEof: boolean };
  /** The line had a syntax error (already reported); it still takes a pc if it has a mnemonic. */
  broken: boolean;
}

/** A range from the start of `a` to the end of `b`. */
export function spanRange(a: SourceRange, b: SourceRange): SourceRange {
  return { startLine: a.startLine, startCol: a.startCol, endLine: b.endLine, endCol: b.endCol };
}

/** The source text a range covers, given the source split into lines. */
export function rangeText(lines: readonly string[], range: SourceRange): string {
  if (range.startLine === range.endLine) {
    return (lines[range.startLine - 1] ?? '').slice(range.startCol - 1, range.endCol - 1);
  }
  const parts = [(lines[range.startLine - 1] ?? '').slice(range.startCol - 1)];
  for (let line = range.startLine + 1; line < range.endLine; line++) parts.push(lines[line - 1] ?? '');
  parts.push((lines[range.endLine - 1] ?? '').slice(0, range.endCol - 1));
  return parts.join('\n');
}
