// SPDX-License-Identifier: MIT
/**
 * The parser's view of the token stream: a cursor that can be saved and restored (the grammar
 * needs a little backtracking around `(` and after `and`/`or`), and the furthest point any attempt
 * reached, so a syntax error names what was expected where parsing really got stuck.
 */
import type { Keyword } from './filter-keywords.ts';
import type { Token } from './lex-filter.ts';

/** Thrown inside the parser when an attempt cannot continue; caught before anything leaves it. */
export class SyntaxFailure {
  constructor(readonly at: number) {}
}

/** How a token is named in messages: `'and'`, `number 80`, `end of input`. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'num':
      return `number ${t.text}`;
    case 'id':
      return `name '${t.text}'`;
    case 'hid':
      return `address '${t.text}'`;
    case 'hid6':
      return `IPv6 address '${t.text}'`;
    case 'eid':
      return `MAC address '${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}

/** A position in the token list with furthest-failure bookkeeping. */
export class Cursor {
  pos = 0;
  private furthest = -1;
  private expected = new Set<string>();

  constructor(readonly tokens: readonly Token[]) {}

  /** The current token (the last one is always `eof`). */
  get tok(): Token {
    return this.tokens[Math.min(this.pos, this.tokens.length - 1)]!;
  }

  /** The token `n` places ahead. */
  peek(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)]!;
  }

  /** The token just consumed. */
  get prev(): Token {
    return this.tokens[Math.max(0, this.pos - 1)]!;
  }

  /** True when the current token is the keyword. */
  isKw(kw: Keyword, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'keyword' && t.keyword === kw;
  }

  /** True when the current token is the punctuation. */
  isPunct(p: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'punct' && t.text === p;
  }

  /** Consume and return the current token. */
  next(): Token {
    const t = this.tok;
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  /** Record that `what` would have been accepted here, then fail this attempt. */
  fail(what: string): never {
    this.expect(what);
    throw new SyntaxFailure(this.pos);
  }

  /** Record that `what` would have been accepted here (without failing). */
  expect(what: string): void {
    if (this.pos > this.furthest) {
      this.furthest = this.pos;
      this.expected = new Set();
    }
    if (this.pos === this.furthest) this.expected.add(what);
  }

  /** Consume the punctuation or fail expecting it. */
  punct(p: string): Token {
    if (!this.isPunct(p)) this.fail(`'${p}'`);
    return this.next();
  }

  /** Consume a number token or fail expecting one. */
  num(what = 'a number'): Token {
    if (this.tok.kind !== 'num') this.fail(what);
    return this.next();
  }

  /** Where parsing got furthest, and what it expected there. */
  failure(): { token: Token; expected: string[] } {
    const at = Math.max(this.furthest, 0);
    return { token: this.tokens[Math.min(at, this.tokens.length - 1)]!, expected: [...this.expected] };
  }

  /** Run an attempt; on failure restore the position and return undefined. */
  attempt<T>(fn: () => T): T | undefined {
    const saved = this.pos;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      this.pos = saved;
      return undefined;
    }
  }
}
