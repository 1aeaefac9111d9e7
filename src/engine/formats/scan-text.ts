// SPDX-License-Identifier: MIT
/**
 * A small tokenizer for the numeric program formats (`-ddd`, xt_bpf, C arrays): numbers, names and
 * punctuation, each with its 1-based line:col range. Comments (`/* *\/`, `//`) and preprocessor
 * lines (a `#` first on its line) are skipped, so pasted C snippets tokenize cleanly.
 */
import { type Diagnostic, error, type SourceRange } from '../diag/diagnostic.ts';
import { IMPORT } from './program-format.ts';

/** One token of a numeric program text. */
export interface Token {
  kind: 'number' | 'name' | 'punct';
  text: string;
  /** The number's value (`number` tokens; may exceed 32 bits, callers range-check; NaN when malformed, already reported). */
  value: number;
  range: SourceRange;
}

/** How to read number literals: `c` follows C (leading 0 is octal, `u`/`l` suffixes); `plain` is decimal or 0x-hex. */
export type NumberStyle = 'c' | 'plain';

const NUMBERISH = /^[0-9][A-Za-z0-9_]*/;
const NUMBER = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const PUNCT = /^(<<|>>|[{}()[\],;=+\-*/%|&^~.:'"])/;

/** The value of a number literal (octal for a C literal with a leading 0); NaN when malformed. */
function numberValue(digits: string, style: NumberStyle): number {
  if (/^0[xX]/.test(digits)) return Number.parseInt(digits.slice(2), 16);
  if (/^0[bB]/.test(digits)) return Number.parseInt(digits.slice(2), 2);
  if (style === 'c' && digits.length > 1 && digits.startsWith('0')) {
    return /^[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number.NaN;
  }
  return Number.parseInt(digits, 10);
}

/** What one step of the scanner read: a token and/or a diagnostic, and how many characters. */
interface Lexeme {
  length: number;
  token?: Token;
  diagnostic?: Diagnostic;
}

/** Read the token at the start of `rest` (no whitespace or comment there). */
function readToken(
  rest: string,
  style: NumberStyle,
  range: (from: number, to: number) => SourceRange,
): Lexeme {
  const numberish = NUMBERISH.exec(rest);
  if (numberish) {
    const text = numberish[0];
    const num = NUMBER.exec(text);
    const value = num ? numberValue(num[1]!, style) : Number.NaN;
    const bad = Number.isNaN(value) || (style === 'plain' && num?.[2] !== '');
    const where = range(0, text.length);
    // A malformed number stays a (NaN-valued) number token, so field counts do not cascade.
    const token: Token = { kind: 'number', text, value: bad ? Number.NaN : value, range: where };
    if (!bad) return { length: text.length, token };
    const diagnostic = error(IMPORT.expectedNumber, `expected a number but found '${text}'`, {
      range: where,
    });
    return { length: text.length, token, diagnostic };
  }
  const word = NAME.exec(rest) ?? PUNCT.exec(rest);
  if (word) {
    const kind = NAME.test(word[0]) ? 'name' : 'punct';
    return {
      length: word[0].length,
      token: { kind, text: word[0], value: Number.NaN, range: range(0, word[0].length) },
    };
  }
  const ch = String.fromCodePoint(rest.codePointAt(0)!);
  const diagnostic = error(IMPORT.expectedNumber, `unexpected character '${ch}'`, {
    range: range(0, ch.length),
  });
  return { length: ch.length, diagnostic };
}

/** Tokenize `text`; unknown characters become diagnostics (ASM1105) and are skipped. */
export function scanText(text: string, style: NumberStyle): { tokens: Token[]; diagnostics: Diagnostic[] } {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let openComment: SourceRange | undefined;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const at =
      (col: number) =>
      (from: number, to: number): SourceRange => ({
        startLine: index + 1,
        startCol: col + from + 1,
        endLine: index + 1,
        endCol: col + to + 1,
      });
    if (!openComment && /^\s*#/.test(line)) return; // a preprocessor line
    let col = 0;
    while (col < line.length) {
      const rest = line.slice(col);
      if (openComment) {
        const end = rest.indexOf('*/');
        if (end < 0) return;
        openComment = undefined;
        col += end + 2;
      } else if (rest.startsWith('//')) {
        return;
      } else if (rest.startsWith('/*')) {
        openComment = at(col)(0, 2);
        col += 2;
      } else {
        const space = /^\s+/.exec(rest);
        const lexeme: Lexeme = space ? { length: space[0].length } : readToken(rest, style, at(col));
        if (lexeme.token) tokens.push(lexeme.token);
        if (lexeme.diagnostic) diagnostics.push(lexeme.diagnostic);
        col += lexeme.length;
      }
    }
  });
  if (openComment) {
    diagnostics.push(error(IMPORT.syntax, "expected '*/' to close this comment", { range: openComment }));
  }
  return { tokens, diagnostics };
}

/** A range spanning from the start of `a` to the end of `b`. */
export function spanRange(a: SourceRange, b: SourceRange): SourceRange {
  return { startLine: a.startLine, startCol: a.startCol, endLine: b.endLine, endCol: b.endCol };
}
