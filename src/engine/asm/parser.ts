// SPDX-License-Identifier: MIT
/**
 * The syntax-only parser (after rbpf's asm_parser): tokens to one `Statement` per line. It knows
 * operand shapes, not which mnemonic takes which: that is the encoder's table (consulted here only
 * for one hint). After an error it skips to the end of the line and goes on, so one pass reports
 * every broken line.
 */
import type { Diagnostic, SourceRange } from '../diag/diagnostic.ts';
import { error } from '../diag/diagnostic.ts';
import { ASM } from './codes.ts';
import { FORMS } from './forms.ts';
import type { Token } from './lexer.ts';
import type { Expr, Operand, Statement, Term } from './syntax.ts';
import { spanRange } from './syntax.ts';

/** Statements in source order, and the syntax errors found. */
export interface ParseResult {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** Parse a token stream (from `lex`) into statements. Never throws. */
export function parse(tokens: readonly Token[]): ParseResult {
  const parser = new Parser(tokens);
  const statements: Statement[] = [];
  while (!parser.atEof()) {
    const statement = parser.line();
    if (statement) statements.push(statement);
  }
  return { statements, diagnostics: parser.diagnostics };
}

/** Describe a token for "but found ...". */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'end of input';
  if (token.kind === 'newline') return 'end of line';
  return `'${token.text}'`;
}

/** `drop ret #0`: a label without its colon reads as an unknown mnemonic with an operand. */
function missingColonHint(statement: Statement): string | undefined {
  const [first] = statement.operands;
  const word =
    first?.kind === 'bare' && first.expr.terms.length === 1 ? first.expr.terms[0]!.name : undefined;
  const mnemonic = statement.mnemonic!.text;
  if (word === undefined || FORMS.has(mnemonic.toLowerCase()) || !FORMS.has(word.toLowerCase()))
    return undefined;
  return `a label needs a colon: '${mnemonic}:'`;
}

/** Thrown inside a line to abandon it after a syntax error; caught by `line()`, never escapes. */
class LineAbort {}

class Parser {
  readonly diagnostics: Diagnostic[] = [];
  private i = 0;
  private bracketDepth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  atEof(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Parse one line; undefined for a blank line. */
  line(): Statement | undefined {
    const statement: Statement = { labels: [], operands: [], end: this.endOf(this.peek()), broken: false };
    this.bracketDepth = 0;
    try {
      this.lineBody(statement);
    } catch (abort) {
      if (!(abort instanceof LineAbort)) throw abort;
      statement.broken = true;
      while (!this.isEol(this.peek())) this.i++;
    }
    const end = this.next();
    statement.end = this.endOf(end);
    const empty = !statement.mnemonic && !statement.listing && statement.labels.length === 0;
    return empty && !statement.broken ? undefined : statement;
  }

  private lineBody(statement: Statement): void {
    if (this.isPunct(this.peek(), '(')) statement.listing = this.listingNumber();
    while (this.peek().kind === 'word' && this.isPunct(this.peek(1), ':')) {
      const word = this.next();
      this.next();
      statement.labels.push({ name: word.text, range: word.range });
    }
    const first = this.peek();
    if (this.isEol(first)) {
      if (statement.listing) this.fail('an instruction');
      return;
    }
    if (first.kind !== 'word') this.fail('an instruction');
    this.next();
    statement.mnemonic = { text: first.text, range: first.range };
    statement.range = first.range;
    if (!this.isEol(this.peek())) this.operands(statement);
    if (!this.isEol(this.peek())) this.fail("',' or end of line", missingColonHint(statement));
  }

  /** `(012)` of a tcpdump -d line. */
  private listingNumber(): { value: number | undefined; range: SourceRange } {
    const open = this.next();
    const number = this.peek();
    if (number.kind !== 'number') this.fail('an instruction number');
    this.next();
    const close = this.expectPunct(')');
    // bpf_image prints "(%03d)": decimal with leading zeros, not octal
    const value = /^[0-9]+$/.test(number.text) ? Number.parseInt(number.text, 10) : this.numberValue(number);
    return { value, range: spanRange(open.range, close.range) };
  }

  private operands(statement: Statement): void {
    statement.operands.push(this.operand());
    while (this.isPunct(this.peek(), ',')) {
      this.next();
      // a comma at the end of a line continues the operand list on the next one
      while (this.peek().kind === 'newline') this.next();
      statement.operands.push(this.operand());
    }
    if (this.isWord(this.peek(), 'jt')) {
      this.next();
      statement.jt = this.operand();
      if (!this.isWord(this.peek(), 'jf')) this.fail("'jf'");
      this.next();
      statement.jf = this.operand();
    }
    const last = statement.jf ?? statement.operands[statement.operands.length - 1]!;
    statement.range = spanRange(statement.mnemonic!.range, last.range);
  }

  private operand(): Operand {
    const token = this.peek();
    if (this.isPunct(token, '#')) {
      this.next();
      const expr = this.expr("a number, 'len' or an extension after '#'");
      return { kind: 'imm', expr, range: spanRange(token.range, expr.range) };
    }
    if (this.isPunct(token, '%')) return this.register();
    if (this.isPunct(token, '[')) return this.bracket();
    if (this.isPunct(token, '+')) return this.skip();
    if (token.kind === 'number' && this.isPunct(this.peek(1), '*')) return this.msh();
    if (token.kind === 'word' && /^m$/i.test(token.text) && this.isPunct(this.peek(1), '['))
      return this.mem();
    if (token.kind === 'number' || token.kind === 'word' || this.isPunct(token, '-')) {
      const expr = this.expr('an operand');
      return { kind: 'bare', expr, range: expr.range };
    }
    return this.fail('an operand');
  }

  private register(): Operand {
    const percent = this.next();
    const word = this.peek();
    const reg = word.kind === 'word' ? word.text.toLowerCase() : '';
    if (reg !== 'a' && reg !== 'x') this.fail("'a' or 'x' after '%'");
    this.next();
    return { kind: 'reg', reg: reg as 'a' | 'x', range: spanRange(percent.range, word.range) };
  }

  private skip(): Operand {
    const plus = this.next();
    const number = this.peek();
    if (number.kind !== 'number') this.fail("a number of instructions to skip after '+'");
    this.next();
    return { kind: 'skip', count: this.numberValue(number), range: spanRange(plus.range, number.range) };
  }

  private mem(): Operand {
    const m = this.next();
    this.next();
    this.bracketDepth++;
    const expr = this.expr('a scratch index');
    const close = this.expectPunct(']');
    this.bracketDepth--;
    return { kind: 'mem', expr, range: spanRange(m.range, close.range) };
  }

  /** `[k]`, `[proto]`, `[x + k]`, `[%x + k]`, `[x]`. */
  private bracket(): Operand {
    const open = this.next();
    this.bracketDepth++;
    const first = this.peek();
    const percent = this.isPunct(first, '%');
    const index = percent ? this.peek(1) : first;
    let operand: Operand;
    if (index.kind === 'word' && /^x$/i.test(index.text)) {
      this.i += percent ? 2 : 1;
      const expr = this.indexOffset(index);
      const close = this.expectPunct(']');
      operand = { kind: 'ind', expr, range: spanRange(open.range, close.range) };
    } else {
      if (percent) this.fail("'x' after '%'");
      const expr = this.expr('an offset');
      const close = this.expectPunct(']');
      operand = { kind: 'abs', expr, range: spanRange(open.range, close.range) };
    }
    this.bracketDepth--;
    return operand;
  }

  /** What follows `x` in `[x + k]`: a signed offset, or nothing for `[x]`. */
  private indexOffset(x: Token): Expr {
    const sign = this.peek();
    if (this.isPunct(sign, ']')) return { terms: [], range: x.range };
    if (!this.isPunct(sign, '+') && !this.isPunct(sign, '-')) this.fail("'+' or ']'");
    this.next();
    if (this.isPunct(this.peek(), ']')) {
      this.fail(
        `an offset after '${sign.text}'`,
        "write '[x + 0]' to load at offset X, or give the offset: '[x + 14]'",
      );
    }
    const expr = this.expr(`an offset after '${sign.text}'`);
    if (sign.text === '-' && expr.terms[0]) expr.terms[0].sign = expr.terms[0].sign === 1 ? -1 : 1;
    return { terms: expr.terms, range: spanRange(sign.range, expr.range) };
  }

  /** `4*([k]&0xf)`: the factor and mask are kept as written; the encoder insists on 4 and 0xf. */
  private msh(): Operand {
    const factorToken = this.next();
    const factor = this.termExpr(factorToken);
    this.next();
    this.expectPunct('(');
    this.bracketDepth++;
    this.expectPunct('[');
    const offset = this.expr('an offset');
    this.expectPunct(']');
    this.expectPunct('&');
    const mask = this.expr('a mask');
    const close = this.expectPunct(')');
    this.bracketDepth--;
    return { kind: 'msh', factor, offset, mask, range: spanRange(factorToken.range, close.range) };
  }

  /** term (('+' | '-') term)* */
  private expr(what: string): Expr {
    const terms = [this.term(what)];
    while (this.isPunct(this.peek(), '+') || this.isPunct(this.peek(), '-')) {
      const sign = this.next();
      const term = this.term(`a number or name after '${sign.text}'`);
      if (sign.text === '-') term.sign = term.sign === 1 ? -1 : 1;
      terms.push(term);
    }
    return { terms, range: spanRange(terms[0]!.range, terms[terms.length - 1]!.range) };
  }

  private term(what: string): Term {
    const token = this.peek();
    // a sign: bpf_asm and bpfc read `#-1` and `#+5` as signed decimals
    if (this.isPunct(token, '-') || this.isPunct(token, '+')) {
      this.next();
      const inner = this.term(what);
      const sign = token.text === '-' ? (inner.sign === 1 ? -1 : 1) : inner.sign;
      return { ...inner, sign, range: spanRange(token.range, inner.range) };
    }
    if (token.kind === 'number') {
      this.next();
      const value = this.numberValue(token);
      return value === undefined ? { sign: 1, range: token.range } : { sign: 1, value, range: token.range };
    }
    if (token.kind === 'word') {
      this.next();
      return { sign: 1, name: token.text, range: token.range };
    }
    return this.fail(what);
  }

  private termExpr(token: Token): Expr {
    const value = this.numberValue(token);
    const term: Term =
      value === undefined ? { sign: 1, range: token.range } : { sign: 1, value, range: token.range };
    return { terms: [term], range: token.range };
  }

  /** A number token's value; a malformed literal is reported here, once, and parsing goes on. */
  private numberValue(token: Token): number | undefined {
    if (token.problem) {
      const { message, hint } = token.problem;
      this.diagnostics.push(error(ASM.badNumber, message, { range: token.range, ...(hint ? { hint } : {}) }));
    }
    return token.value;
  }

  private expectPunct(text: string): Token {
    if (!this.isPunct(this.peek(), text)) this.fail(`'${text}'`);
    return this.next();
  }

  /** Report "expected X but found Y" at the current token and abandon the line. */
  private fail(expected: string, hint?: string): never {
    const found = this.peek();
    // A line that ends inside brackets is reported as the unclosed bracket (DESIGN §test pyramid).
    const what = this.bracketDepth > 0 && this.isEol(found) ? "']'" : expected;
    const extras = { range: found.range, ...(hint ? { hint } : {}) };
    if (found.kind === 'invalid') {
      this.diagnostics.push(
        error(ASM.unexpectedCharacter, `expected ${what} but found '${found.text}'`, extras),
      );
    } else if (!found.problem) {
      this.diagnostics.push(
        error(ASM.expectedToken, `expected ${what} but found ${describeToken(found)}`, extras),
      );
    } else {
      this.numberValue(found);
    }
    throw new LineAbort();
  }

  private endOf(token: Token): { range: SourceRange; atEof: boolean } {
    return { range: token.range, atEof: token.kind === 'eof' };
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.i++;
    return token;
  }

  private isEol(token: Token): boolean {
    return token.kind === 'newline' || token.kind === 'eof';
  }

  private isPunct(token: Token, text: string): boolean {
    return token.kind === 'punct' && token.text === text;
  }

  private isWord(token: Token, text: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === text;
  }
}
