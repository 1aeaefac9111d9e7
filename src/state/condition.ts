// SPDX-License-Identifier: MIT
/**
 * Conditional breakpoints: a small expression language over the machine state, e.g.
 * `A == 0x800`, `X >= 20 && M[1] != 0`, `(A & 0x1fff) == 0`. Parsed once, evaluated per step.
 * Grammar (C precedence): or := and ('||' and)* ; and := cmp ('&&' cmp)* ;
 * cmp := bits (('=='|'!='|'<'|'<='|'>'|'>=') bits)? ; bits := shift (('&'|'|'|'^') shift)* ;
 * shift := sum (('<<'|'>>') sum)* ; sum := unary (('+'|'-') unary)* ;
 * unary := '!' unary | atom ; atom := number | A | X | pc | len | M[n] | '(' or ')'.
 */

/** The machine state a condition reads. */
export interface ConditionScope {
  a: number;
  x: number;
  pc: number;
  len: number;
  mem: readonly (number | undefined)[];
}

/** A parsed condition, or the reason it does not parse. */
export type ParsedCondition =
  | { ok: true; evaluate: (scope: ConditionScope) => boolean }
  | { ok: false; error: string; column: number };

type Node = (s: ConditionScope) => number;

const TOKEN =
  /\s*(0x[0-9a-f]+|0b[01]+|\d+|[AaXx]\b|pc\b|len\b|[Mm]\[|\]|\|\||&&|==|!=|<=|>=|<<|>>|[<>()!&|^+-])/y;

class ConditionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parse `text`; an empty condition never parses (a plain breakpoint has no condition). */
export function parseCondition(text: string): ParsedCondition {
  const tokens: { text: string; column: number }[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      const bad = at + (text.slice(at).length - text.slice(at).trimStart().length);
      return { ok: false, error: `unexpected '${text[bad]}'`, column: bad + 1 };
    }
    tokens.push({ text: m[1] as string, column: at + (m[0].length - (m[1] as string).length) + 1 });
    at = TOKEN.lastIndex;
  }
  if (tokens.length === 0) return { ok: false, error: 'empty condition', column: 1 };
  try {
    const parser = new Parser(tokens, text.length + 1);
    const node = parser.parseOr();
    parser.expectEnd();
    return { ok: true, evaluate: (scope) => node(scope) !== 0 };
  } catch (err) {
    if (err instanceof ConditionError) return { ok: false, error: err.message, column: err.column };
    throw err;
  }
}

const BINARY: Record<string, (l: number, r: number) => number> = {
  '||': (l, r) => (l !== 0 || r !== 0 ? 1 : 0),
  '&&': (l, r) => (l !== 0 && r !== 0 ? 1 : 0),
  '==': (l, r) => (l === r ? 1 : 0),
  '!=': (l, r) => (l !== r ? 1 : 0),
  '<': (l, r) => (l < r ? 1 : 0),
  '<=': (l, r) => (l <= r ? 1 : 0),
  '>': (l, r) => (l > r ? 1 : 0),
  '>=': (l, r) => (l >= r ? 1 : 0),
  '&': (l, r) => (l & r) >>> 0,
  '|': (l, r) => (l | r) >>> 0,
  '^': (l, r) => (l ^ r) >>> 0,
  '<<': (l, r) => (r >= 32 ? 0 : (l << r) >>> 0),
  '>>': (l, r) => (r >= 32 ? 0 : l >>> r),
  '+': (l, r) => (l + r) >>> 0,
  '-': (l, r) => (l - r) >>> 0,
};

const LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>='],
  ['&', '|', '^'],
  ['<<', '>>'],
  ['+', '-'],
];

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: { text: string; column: number }[],
    private readonly endColumn: number,
  ) {}

  parseOr(): Node {
    return this.level(0);
  }

  expectEnd(): void {
    const t = this.tokens[this.i];
    if (t) throw new ConditionError(`expected end of condition but found '${t.text}'`, t.column);
  }

  private level(n: number): Node {
    if (n >= LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    for (;;) {
      const op = this.tokens[this.i]?.text;
      if (!op || !LEVELS[n]?.includes(op)) return left;
      this.i++;
      const right = this.level(n + 1);
      const fn = BINARY[op] as (l: number, r: number) => number;
      const l = left;
      left = (s) => fn(l(s), right(s));
    }
  }

  private unary(): Node {
    if (this.tokens[this.i]?.text === '!') {
      this.i++;
      const inner = this.unary();
      return (s) => (inner(s) === 0 ? 1 : 0);
    }
    return this.atom();
  }

  private atom(): Node {
    const t = this.tokens[this.i++];
    if (!t) throw new ConditionError('expected a value but found end of condition', this.endColumn);
    const word = t.text.toLowerCase();
    if (/^(0x|0b|\d)/.test(word)) {
      const value = word.startsWith('0b') ? Number.parseInt(word.slice(2), 2) : Number(word);
      if (!Number.isFinite(value) || value > 0xffffffff)
        throw new ConditionError(`${t.text} is not a 32-bit value`, t.column);
      return () => value;
    }
    if (word === 'a') return (s) => s.a;
    if (word === 'x') return (s) => s.x;
    if (word === 'pc') return (s) => s.pc;
    if (word === 'len') return (s) => s.len;
    if (word === 'm[') return this.scratch(t.column);
    if (word === '(') {
      const inner = this.parseOr();
      if (this.tokens[this.i++]?.text !== ')') throw new ConditionError("expected ')'", t.column);
      return inner;
    }
    throw new ConditionError(`expected A, X, M[i], pc, len or a number but found '${t.text}'`, t.column);
  }

  private scratch(column: number): Node {
    const index = this.tokens[this.i++];
    const close = this.tokens[this.i++];
    const n = index ? Number(index.text) : Number.NaN;
    if (!index || !Number.isInteger(n) || n < 0 || n > 15 || close?.text !== ']') {
      throw new ConditionError('expected M[0] .. M[15]', column);
    }
    return (s) => s.mem[n] ?? 0;
  }
}
