// SPDX-License-Identifier: MIT
/**
 * Arithmetic (`arth`) of pcap-filter expressions, parsed the way libpcap's yacc grammar resolves
 * it: `|` < `&` < `<<` `>>` < `+` `-` < `*` `/` < unary minus, all left-associative. `%` and `^`
 * have no declared precedence there, so every conflict involving them shifts: their right operand
 * reaches to the end of the arithmetic (`1 - 2 % 3 + 4` is `1 - (2 % (3 + 4))`), and a unary minus
 * before them covers them too (`-1 ^ 2` is `-(1 ^ 2)`).
 */
import type { Arith, ArithOp, ProtoQual } from './filter-ast.ts';
import type { Keyword } from './filter-keywords.ts';
import type { Cursor } from './parse-cursor.ts';
import { joinSpans, type Span } from './source-text.ts';

/** Protocol keywords that can qualify an id or index packet data (`pname` in libpcap's grammar). */
const PNAMES: ReadonlySet<Keyword> = new Set<Keyword>([
  'link',
  'ip',
  'arp',
  'rarp',
  'sctp',
  'tcp',
  'udp',
  'icmp',
  'igmp',
  'igrp',
  'pim',
  'vrrp',
  'carp',
  'atalk',
  'aarp',
  'decnet',
  'lat',
  'sca',
  'moprc',
  'mopdl',
  'ip6',
  'icmp6',
  'ah',
  'esp',
  'iso',
  'esis',
  'isis',
  'l1',
  'l2',
  'iih',
  'lsp',
  'snp',
  'csnp',
  'psnp',
  'clnp',
  'stp',
  'ipx',
  'netbeui',
  'radio',
]);

/** The protocol qualifier a token names, if it is a protocol keyword. */
export function pnameAt(cur: Cursor, n = 0): ProtoQual | undefined {
  const t = cur.peek(n);
  if (t.kind === 'keyword' && t.keyword && PNAMES.has(t.keyword)) return t.keyword as ProtoQual;
  return undefined;
}

const PREC: Partial<Record<string, number>> = {
  '|': 1,
  '&': 2,
  '<<': 3,
  '>>': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
};
const UMINUS = 6;
const BINARY = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>']);

type Pending = { unary: true; span: Span } | { unary: false; op: ArithOp; span: Span };

/** A pending operator reduces before `next` unless yacc would shift (no precedence on either side). */
function reducesBefore(top: Pending, next: string): boolean {
  const nextPrec = PREC[next];
  if (nextPrec === undefined) return false;
  const topPrec = top.unary ? UMINUS : PREC[top.op];
  if (topPrec === undefined) return false;
  return topPrec >= nextPrec;
}

function reduce(operands: Arith[], op: Pending): void {
  if (op.unary) {
    const operand = operands.pop()!;
    operands.push({ kind: 'neg', operand, span: joinSpans(op.span, operand.span) });
    return;
  }
  const right = operands.pop()!;
  const left = operands.pop()!;
  operands.push({
    kind: 'binary',
    op: op.op,
    left,
    right,
    span: joinSpans(left.span, right.span),
    opSpan: op.span,
  });
}

/** `pname '[' arth [':' NUM] ']'`. */
function parseLoad(cur: Cursor, proto: ProtoQual): Arith {
  const protoTok = cur.next();
  cur.punct('[');
  const index = parseArith(cur);
  let size = 1;
  let sizeSpan: Span | undefined;
  if (cur.isPunct(':')) {
    cur.next();
    const n = cur.num('a size (1, 2 or 4)');
    size = n.value!;
    sizeSpan = { start: n.start, end: n.end };
  }
  const close = cur.punct(']');
  const span = { start: protoTok.start, end: close.end };
  const protoSpan = { start: protoTok.start, end: protoTok.end };
  return sizeSpan
    ? { kind: 'load', proto, index, size, span, protoSpan, sizeSpan }
    : { kind: 'load', proto, index, size, span, protoSpan };
}

function parsePrimary(cur: Cursor): Arith {
  const t = cur.tok;
  if (t.kind === 'num') {
    cur.next();
    return { kind: 'num', value: t.value!, span: { start: t.start, end: t.end } };
  }
  if (cur.isKw('len')) {
    cur.next();
    return { kind: 'len', span: { start: t.start, end: t.end } };
  }
  if (cur.isPunct('(')) {
    cur.next();
    const inner = parseArith(cur);
    const close = cur.punct(')');
    return { ...inner, span: { start: t.start, end: close.end } };
  }
  const proto = pnameAt(cur);
  if (proto && cur.isPunct('[', 1)) return parseLoad(cur, proto);
  return cur.fail('a number, len, or an accessor such as ip[0]');
}

/** Parse one arithmetic expression at the cursor. */
export function parseArith(cur: Cursor): Arith {
  const operands: Arith[] = [];
  const ops: Pending[] = [];
  for (;;) {
    while (cur.isPunct('-')) {
      const m = cur.next();
      ops.push({ unary: true, span: { start: m.start, end: m.end } });
    }
    operands.push(parsePrimary(cur));
    const t = cur.tok;
    if (t.kind !== 'punct' || !BINARY.has(t.text)) break;
    while (ops.length > 0 && reducesBefore(ops[ops.length - 1]!, t.text)) reduce(operands, ops.pop()!);
    cur.next();
    ops.push({ unary: false, op: t.text as ArithOp, span: { start: t.start, end: t.end } });
  }
  while (ops.length > 0) reduce(operands, ops.pop()!);
  return operands[0]!;
}

/** True when the current token can start an arithmetic expression. */
export function startsArith(cur: Cursor): boolean {
  const t = cur.tok;
  if (t.kind === 'num' || cur.isKw('len') || cur.isPunct('-') || cur.isPunct('(')) return true;
  return pnameAt(cur) !== undefined && cur.isPunct('[', 1);
}
