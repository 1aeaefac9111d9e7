// SPDX-License-Identifier: MIT
/**
 * The assembler's lexer: text to tokens with exact 1-based ranges. Unlike the flex lexers of
 * bpf_asm and bpfc, a sign is never part of a number token, so `[x+4]` lexes as `[ x + 4 ]`
 * (reference §4.1: their signed-decimal rule made `x+4` a syntax error). Newlines are tokens: the
 * parser reads one instruction per line, which is what lets it recover after an error.
 */
import type { Diagnostic, SourceRange } from '../diag/diagnostic.ts';
import { error } from '../diag/diagnostic.ts';
import { ASM } from './codes.ts';

/** What a token is. `invalid` is a character no token starts with. */
export type TokenKind = 'word' | 'number' | 'punct' | 'newline' | 'eof' | 'invalid';

/** A problem with a number literal, reported by the parser when it reads the token. */
export interface NumberProblem {
  message: string;
  hint?: string;
}

/** One token. Ranges are 1-based with an exclusive end column. */
export interface Token {
  kind: TokenKind;
  text: string;
  range: SourceRange;
  /** Numbers: the literal's value (may exceed 32 bits; the user checks the range). */
  value?: number;
  /** Numbers: why the literal is malformed (then `value` is absent). */
  problem?: NumberProblem;
}

/** A comment's text (without its delimiters) and where it starts. */
export interface Comment {
  line: number;
  text: string;
}

/** Tokens (ending with `eof`), comments, and lexical errors (unterminated block comment). */
export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

const PUNCT = new Set(['[', ']', '(', ')', ',', ':', '#', '%', '+', '-', '*', '&']);
const WORD_START = /[A-Za-z_.]/;
const DIGIT = /[0-9]/;
// Sticky patterns skip whole runs at once. A byte-order mark or a no-break space pasted from a
// web page counts as blank.
const BLANKS = /[ \t\r\f\v\u00a0\ufeff]+/y;
const WORD_REST = /[A-Za-z0-9_]*/y;

/** Split assembler source into tokens. Never throws; problems become diagnostics or token flags. */
export function lex(text: string): LexResult {
  const lexer = new Lexer(text);
  lexer.run();
  return { tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics };
}

class Lexer {
  readonly tokens: Token[] = [];
  readonly comments: Comment[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private atLineStart = true;

  constructor(private readonly text: string) {}

  run(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === '\n') this.newline();
      else if (this.skipBlanks()) continue;
      else if (ch === ';') this.lineComment();
      // bpf_exp.l: a `#` opening a line is a comment; an operand `#` never opens one, because
      // every instruction starts with its mnemonic on the same line.
      else if (ch === '#' && this.atLineStart) this.lineComment();
      else if (ch === '/' && text[this.pos + 1] === '*') this.blockComment();
      else this.token(ch);
    }
    this.push('eof', this.pos, this.pos);
  }

  private token(ch: string): void {
    const start = this.pos;
    this.atLineStart = false;
    if (DIGIT.test(ch)) {
      this.pos = this.scanWord(start + 1);
      this.pushNumber(start);
    } else if (WORD_START.test(ch) && (ch !== '.' || WORD_START.test(this.text[start + 1] ?? ''))) {
      this.pos = this.scanWord(start + 1);
      this.push('word', start, this.pos);
    } else {
      this.pos = start + 1;
      this.push(PUNCT.has(ch) ? 'punct' : 'invalid', start, this.pos);
    }
  }

  private skipBlanks(): boolean {
    BLANKS.lastIndex = this.pos;
    if (!BLANKS.test(this.text)) return false;
    this.pos = BLANKS.lastIndex;
    return true;
  }

  private scanWord(from: number): number {
    WORD_REST.lastIndex = from;
    WORD_REST.test(this.text);
    return WORD_REST.lastIndex;
  }

  private newline(): void {
    this.push('newline', this.pos, this.pos + 1);
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
    this.atLineStart = true;
  }

  /** A `;` or line-opening `#` comment, up to the end of the line. */
  private lineComment(): void {
    const start = this.pos;
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    this.comments.push({ line: this.line, text: this.text.slice(start + 1, end).trim() });
    this.pos = end;
  }

  private blockComment(): void {
    const start = this.pos;
    const startLine = this.line;
    const startCol = start - this.lineStart + 1;
    const close = this.text.indexOf('*/', start + 2);
    const end = close < 0 ? this.text.length : close + 2;
    const body = this.text.slice(start + 2, close < 0 ? end : close);
    this.comments.push({ line: startLine, text: body.replace(/\s*\n\s*\*?\s*/g, ' ').trim() });
    if (close < 0) {
      const range = { startLine, startCol, endLine: startLine, endCol: startCol + 2 };
      this.diagnostics.push(
        error(ASM.unterminatedComment, "expected '*/' but found end of input", {
          range,
          hint: "this '/*' comment is never closed",
        }),
      );
    }
    // A comment spanning lines still ends the line it started on.
    const firstNewline = body.indexOf('\n');
    if (firstNewline >= 0) {
      this.push('newline', start, start + 2);
      for (let i = start; i < end; i++) {
        if (this.text[i] === '\n') {
          this.line++;
          this.lineStart = i + 1;
        }
      }
      this.atLineStart = true;
    }
    this.pos = end;
  }

  private push(kind: TokenKind, start: number, end: number): Token {
    const startCol = start - this.lineStart + 1;
    const range = { startLine: this.line, startCol, endLine: this.line, endCol: startCol + (end - start) };
    // end of input is shown as one column just past the last character
    if (kind === 'eof') range.endCol = startCol + 1;
    const token: Token = { kind, text: this.text.slice(start, end), range };
    this.tokens.push(token);
    return token;
  }

  private pushNumber(start: number): void {
    const token = this.push('number', start, this.pos);
    const parsed = parseNumber(token.text);
    if (typeof parsed === 'number') token.value = parsed;
    else token.problem = parsed;
  }
}

/**
 * The value of a number literal: hex `0x1f`, binary `0b101`, octal `017` (bpf_exp.l `0[0-7]+`),
 * or decimal. A malformed literal gives the problem instead of guessing (old bpf_asm copies read
 * `09` as 0).
 */
export function parseNumber(text: string): number | NumberProblem {
  const lower = text.toLowerCase();
  const found = `'${text}'`;
  if (lower.startsWith('0x')) {
    return /^0x[0-9a-f]+$/.test(lower)
      ? Number.parseInt(lower.slice(2), 16)
      : { message: `expected hex digits after '0x' but found ${found}` };
  }
  if (lower.startsWith('0b')) {
    return /^0b[01]+$/.test(lower)
      ? Number.parseInt(lower.slice(2), 2)
      : { message: `expected binary digits after '0b' but found ${found}` };
  }
  if (/^0[0-9]+$/.test(lower)) {
    if (/^0[0-7]+$/.test(lower)) return Number.parseInt(lower.slice(1), 8);
    const decimal = lower.replace(/^0+/, '');
    return {
      message: `expected an octal number after the leading 0 but found ${found}`,
      hint: `a leading 0 means octal; write ${decimal} for decimal or 0x${decimal} for hex`,
    };
  }
  if (/^(0|[1-9][0-9]*)$/.test(lower)) return Number.parseInt(lower, 10);
  return { message: `expected a number but found ${found}` };
}
