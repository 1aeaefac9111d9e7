// SPDX-License-Identifier: MIT
/**
 * Pass 2, parse: tokens into a syntax tree, following libpcap's grammar (pcap-filter(7)).
 * `and`/`or` share one precedence and associate to the left; `not` binds tighter. After `and`/`or`
 * a bare id repeats the qualifiers of the primitive before it (`host a and b` is
 * `host a and host b`; `not host a and b` is `not host a and host b`). Syntax only: whether a
 * qualifier fits an id, and what a name means, is the check pass's business.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import type { AddrQual, DirQual, FilterNode, IdValue, Qual, RelOp } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import type { Token } from './lex-filter.ts';
import { parseArith, pnameAt, startsArith } from './parse-arith.ts';
import { Cursor, describeToken, SyntaxFailure } from './parse-cursor.ts';
import { parseOther } from './parse-other.ts';
import { rangeOf, type Span } from './source-text.ts';

/** The tree (absent for an empty expression, which accepts every packet) and syntax errors. */
export interface ParseResult {
  root?: FilterNode;
  diagnostics: Diagnostic[];
}

/** libpcap's `qerr`: no qualifiers may be carried over (after `tcp`, a relation, `vlan` ...). */
export const NO_QUAL: Qual = { proto: 'undef', dir: 'undef', addr: 'undef' };

interface Parsed {
  node: FilterNode;
  /** The qualifiers a following bare id inherits. */
  q: Qual;
}

const spanOf = (t: Token): Span => ({ start: t.start, end: t.end });
const AQUAL: Partial<Record<string, AddrQual>> = {
  host: 'host',
  net: 'net',
  port: 'port',
  portrange: 'portrange',
};
const DQUAL: Partial<Record<string, DirQual>> = {
  addr1: 'addr1',
  addr2: 'addr2',
  addr3: 'addr3',
  addr4: 'addr4',
  ra: 'ra',
  ta: 'ta',
};
const RELOPS = new Set(['>', '>=', '=', '<', '<=', '!=']);

class FilterParser {
  constructor(readonly cur: Cursor) {}

  expr(prevQ: Qual): Parsed {
    let left = this.term(prevQ);
    while (this.cur.isKw('and') || this.cur.isKw('or')) {
      const opTok = this.cur.next();
      const right = this.idOrTerm(left.q);
      const kind = opTok.keyword === 'and' ? 'and' : 'or';
      const span = { start: left.node.span.start, end: right.node.span.end };
      left = { node: { kind, left: left.node, right: right.node, span, opSpan: spanOf(opTok) }, q: right.q };
    }
    return left;
  }

  /** After `and`/`or`: a bare id (inheriting `q`) when that parses and ends the operand, else a term. */
  private idOrTerm(q: Qual): Parsed {
    const t = this.cur.tok;
    const idStart =
      ['id', 'hid', 'hid6', 'eid', 'aid', 'num'].includes(t.kind) ||
      this.cur.isPunct('(') ||
      this.cur.isKw('not');
    if (idStart) {
      const asId = this.cur.attempt(() => {
        const node = this.id(q, true);
        if (!this.endsOperand()) this.cur.fail("'and', 'or', ')' or end of input");
        return node;
      });
      if (asId) return { node: asId, q };
    }
    return this.term(q);
  }

  private endsOperand(): boolean {
    return (
      this.cur.isKw('and') || this.cur.isKw('or') || this.cur.isPunct(')') || this.cur.tok.kind === 'eof'
    );
  }

  term(prevQ: Qual): Parsed {
    if (this.cur.isKw('not')) {
      const notTok = this.cur.next();
      const inner = this.term(prevQ);
      const span = { start: notTok.start, end: inner.node.span.end };
      return { node: { kind: 'not', operand: inner.node, span }, q: inner.q };
    }
    return this.rterm(prevQ);
  }

  private rterm(prevQ: Qual): Parsed {
    const cur = this.cur;
    if (cur.isPunct('(')) {
      const grouped = cur.attempt(() => {
        const open = cur.next();
        const inner = this.expr(prevQ);
        const close = cur.punct(')');
        if (!this.endsOperand()) cur.fail("'and', 'or', ')' or end of input");
        return { node: { ...inner.node, span: { start: open.start, end: close.end } }, q: prevQ };
      });
      if (grouped) return grouped;
      return { node: this.relation(), q: NO_QUAL };
    }
    const proto = pnameAt(cur);
    if (proto && cur.isPunct('[', 1)) return { node: this.relation(), q: NO_QUAL };
    if (startsArith(cur)) return { node: this.relation(), q: NO_QUAL };
    const head = this.head();
    if (head) {
      const node = this.id(head.q, false, head.start);
      return { node, q: head.q };
    }
    if (proto) {
      const t = cur.next();
      if (cur.isKw('broadcast') || cur.isKw('multicast'))
        return { node: this.castPrimitive(proto, t.start), q: NO_QUAL };
      const other = parseOther(cur, t);
      if (other) return { node: other, q: NO_QUAL };
      return { node: { kind: 'proto', proto, span: spanOf(t) }, q: NO_QUAL };
    }
    if (cur.isKw('broadcast') || cur.isKw('multicast')) {
      return { node: this.castPrimitive('default', cur.tok.start), q: NO_QUAL };
    }
    const other = parseOther(cur);
    if (other) return { node: other, q: NO_QUAL };
    return cur.fail('a primitive (such as host, port, tcp, or a comparison)');
  }

  private castPrimitive(proto: Qual['proto'], start: number): FilterNode {
    const t = this.cur.next();
    const kind = t.keyword === 'broadcast' ? 'broadcast' : 'multicast';
    return { kind, proto, span: { start, end: t.end } };
  }

  /** `pqual dqual aqual | pqual dqual | pqual aqual | pqual proto | pqual protochain | pqual gateway`. */
  private head(): { q: Qual; start: number } | undefined {
    const cur = this.cur;
    const hasProto = pnameAt(cur) !== undefined;
    const n = hasProto ? 1 : 0;
    const t = cur.peek(n);
    if (t.kind !== 'keyword') return undefined;
    const kw = t.keyword!;
    const isDir = kw === 'src' || kw === 'dst' || DQUAL[kw] !== undefined;
    const isAddr = AQUAL[kw] !== undefined || kw === 'proto' || kw === 'protochain' || kw === 'gateway';
    if (!isDir && !isAddr) return undefined;
    const start = cur.tok.start;
    const proto = hasProto ? (cur.next().keyword as Qual['proto']) : 'default';
    let dir: DirQual = 'default';
    if (isDir) dir = this.dqual();
    let addr: AddrQual = 'default';
    const a = cur.tok.keyword;
    if (
      cur.tok.kind === 'keyword' &&
      a &&
      (AQUAL[a] || (!isDir && (a === 'proto' || a === 'protochain' || a === 'gateway')))
    ) {
      cur.next();
      addr = AQUAL[a] ?? (a as AddrQual);
    }
    return { q: { proto, dir, addr }, start };
  }

  private dqual(): DirQual {
    const cur = this.cur;
    const t = cur.next();
    const kw = t.keyword!;
    if (kw !== 'src' && kw !== 'dst') return DQUAL[kw]!;
    if (cur.isKw('or') || cur.isKw('and')) {
      const join = cur.next().keyword;
      const other = kw === 'src' ? 'dst' : 'src';
      if (!cur.isKw(other)) cur.fail(`'${other}'`);
      cur.next();
      return join === 'or' ? 'or' : 'and';
    }
    return kw;
  }

  /** `id`: a (possibly negated) address, name or number, or a parenthesised list of them. */
  id(q: Qual, inherited: boolean, start?: number): FilterNode {
    const cur = this.cur;
    if (cur.isKw('not')) {
      const notTok = cur.next();
      const inner = this.id(q, inherited);
      return { kind: 'not', operand: inner, span: { start: notTok.start, end: inner.span.end } };
    }
    if (cur.isPunct('(') && !this.parenIsNumber()) return this.parenIds(q, inherited);
    return this.nid(q, inherited, start);
  }

  /** `(` starting a parenthesised number (`pnum`) rather than a list of ids. */
  private parenIsNumber(): boolean {
    let n = 0;
    while (this.cur.isPunct('(', n)) n++;
    return this.cur.peek(n).kind === 'num' && this.pnumCloses(n);
  }

  private pnumCloses(depth: number): boolean {
    for (let i = 0; i < depth; i++) if (!this.cur.isPunct(')', depth + 1 + i)) return false;
    return true;
  }

  /** `'(' pid ')'`: the first element must be a plain id or number, later ones any id. */
  private parenIds(q: Qual, inherited: boolean): FilterNode {
    const cur = this.cur;
    const open = cur.next();
    let node = cur.isKw('not') ? this.id(q, inherited) : this.nid(q, inherited);
    while (cur.isKw('and') || cur.isKw('or')) {
      const opTok = cur.next();
      const right = this.id(q, inherited);
      const kind = opTok.keyword === 'and' ? 'and' : 'or';
      node = {
        kind,
        left: node,
        right,
        span: { start: node.span.start, end: right.span.end },
        opSpan: spanOf(opTok),
      };
    }
    const close = cur.punct(')');
    return { ...node, span: { start: open.start, end: close.end } };
  }

  private pnum(): { value: number; span: Span } {
    const cur = this.cur;
    if (cur.isPunct('(')) {
      const open = cur.next();
      const inner = this.pnum();
      const close = cur.punct(')');
      return { value: inner.value, span: { start: open.start, end: close.end } };
    }
    const t = cur.num('an address, name or number');
    return { value: t.value!, span: spanOf(t) };
  }

  private nid(q: Qual, inherited: boolean, start?: number): FilterNode {
    const cur = this.cur;
    const t = cur.tok;
    let value: IdValue;
    let valueSpan = spanOf(t);
    if (t.kind === 'num' || cur.isPunct('(')) {
      const n = this.pnum();
      value = { type: 'num', value: n.value };
      valueSpan = n.span;
    } else if (t.kind === 'hid' || t.kind === 'hid6') {
      cur.next();
      value = this.addressSuffix(t);
      valueSpan = { start: t.start, end: cur.prev.end };
    } else if (t.kind === 'id' || t.kind === 'eid' || t.kind === 'aid') {
      cur.next();
      value =
        t.kind === 'id'
          ? { type: 'name', text: t.text }
          : { type: t.kind === 'eid' ? 'mac' : 'arcnet', text: t.text };
    } else {
      return cur.fail('an address, name or number');
    }
    const span = { start: start ?? valueSpan.start, end: valueSpan.end };
    return { kind: 'id', qual: q, value, span, valueSpan, inherited };
  }

  /** `HID '/' NUM`, `HID mask HID`, `HID6 '/' NUM`, or the bare address. */
  private addressSuffix(t: Token): IdValue {
    const cur = this.cur;
    if (cur.isPunct('/')) {
      cur.next();
      const bits = cur.num('a prefix length');
      const bitsSpan = spanOf(bits);
      return t.kind === 'hid'
        ? { type: 'ipv4-prefix', text: t.text, bits: bits.value!, bitsSpan }
        : { type: 'ipv6-prefix', text: t.text, bits: bits.value!, bitsSpan };
    }
    if (t.kind === 'hid' && cur.isKw('mask')) {
      cur.next();
      if (cur.tok.kind !== 'hid') cur.fail('a netmask such as 255.255.0.0');
      const m = cur.next();
      return { type: 'ipv4-mask', text: t.text, mask: m.text, maskSpan: spanOf(m) };
    }
    return t.kind === 'hid' ? { type: 'ipv4', text: t.text } : { type: 'ipv6', text: t.text };
  }

  /** `arth relop arth`. */
  private relation(): FilterNode {
    const cur = this.cur;
    const left = parseArith(cur);
    const opTok = cur.tok;
    if (opTok.kind !== 'punct' || !RELOPS.has(opTok.text))
      cur.fail("a comparison ('=', '!=', '<', '<=', '>', '>=')");
    cur.next();
    const right = parseArith(cur);
    const span = { start: left.span.start, end: right.span.end };
    return { kind: 'relation', op: opTok.text as RelOp, left, right, span, opSpan: spanOf(opTok) };
  }
}

function syntaxError(text: string, cur: Cursor): Diagnostic {
  const { token, expected } = cur.failure();
  const list = expected.length > 0 ? expected.join(' or ') : 'more of the expression';
  return error(FLT.expectedToken, `expected ${list} but found ${describeToken(token)}`, {
    range: rangeOf(text, token.start, Math.max(token.end, token.start + (token.kind === 'eof' ? 0 : 1))),
  });
}

/** Parse a token list (from `lexFilter`) into a tree; never throws. */
export function parseFilter(text: string, tokens: readonly Token[]): ParseResult {
  const cur = new Cursor(tokens);
  const atEnd = () => cur.tok.kind === 'eof';
  if (atEnd()) return { diagnostics: [] };
  const parser = new FilterParser(cur);
  try {
    const { node } = parser.expr(NO_QUAL);
    if (!atEnd()) cur.fail("'and', 'or' or end of input");
    return { root: node, diagnostics: [] };
  } catch (e) {
    if (!(e instanceof SyntaxFailure)) throw e;
    return { diagnostics: [syntaxError(text, cur)] };
  }
}
