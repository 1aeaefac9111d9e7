// SPDX-License-Identifier: MIT
/**
 * The keyword primitives of pcap-filter (libpcap's `other`): `less`/`greater`, `byte`,
 * `inbound`/`outbound`, `ifindex`, `vlan`/`mpls`/`pppoes`/`geneve` with an optional number,
 * `pppoed`, `llc`, plus the link-specific ones (802.11 `type`/`subtype`/`dir`, pflog fields, ATM
 * and SS7) that are parsed so errors can point at them, then reported as not supported.
 */
import type { FilterNode } from './filter-ast.ts';
import type { Keyword } from './filter-keywords.ts';
import type { Token } from './lex-filter.ts';
import type { Cursor } from './parse-cursor.ts';
import type { Span } from './source-text.ts';

const OPTIONAL_NUMBER: ReadonlySet<Keyword> = new Set<Keyword>(['vlan', 'mpls', 'pppoes', 'geneve']);
const BARE: Partial<Record<Keyword, string>> = {
  lane: 'lane',
  metac: 'metac',
  bcc: 'bcc',
  oamf4ec: 'oamf4ec',
  oamf4sc: 'oamf4sc',
  sc: 'sc',
  ilmic: 'ilmic',
  oam: 'oam',
  oamf4: 'oamf4',
  connectmsg: 'connectmsg',
  metaconnect: 'metaconnect',
  fisu: 'fisu',
  lssu: 'lssu',
  msu: 'msu',
  hfisu: 'hfisu',
  hlssu: 'hlssu',
  hmsu: 'hmsu',
};
/** Fields compared with a relation or a list (`vpi 5`, `opc > 3`). */
const FIELDS: ReadonlySet<Keyword> = new Set<Keyword>([
  'vpi',
  'vci',
  'sio',
  'opc',
  'dpc',
  'sls',
  'hsio',
  'hopc',
  'hdpc',
  'hsls',
]);
const BYTEOPS = new Set(['&', '|', '<', '>', '=']);
const RELOPS = new Set(['>', '>=', '=', '<', '<=', '!=']);

const spanFrom = (start: Token, cur: Cursor): Span => ({ start: start.start, end: cur.prev.end });

/** A number possibly wrapped in parentheses (`pnum`). */
function pnum(cur: Cursor): { value: number; span: Span } {
  if (cur.isPunct('(')) {
    const open = cur.next();
    const inner = pnum(cur);
    const close = cur.punct(')');
    return { value: inner.value, span: { start: open.start, end: close.end } };
  }
  const t = cur.num();
  return { value: t.value!, span: { start: t.start, end: t.end } };
}

function withNumber(cur: Cursor, t: Token): FilterNode {
  const kind = t.keyword as 'vlan' | 'mpls' | 'pppoes' | 'geneve';
  // libpcap's grammar shifts a following number or '(' into the primitive.
  if (cur.tok.kind === 'num' || cur.isPunct('(')) {
    const n = pnum(cur);
    return { kind, value: n.value, span: spanFrom(t, cur), valueSpan: n.span };
  }
  return { kind, span: spanFrom(t, cur) };
}

function byteOp(cur: Cursor, t: Token): FilterNode {
  const index = cur.num('a byte offset').value!;
  const opTok = cur.tok;
  if (opTok.kind !== 'punct' || !BYTEOPS.has(opTok.text)) cur.fail("one of '&', '|', '<', '>', '='");
  cur.next();
  const value = cur.num().value!;
  return {
    kind: 'byte',
    index,
    op: opTok.text as '&' | '|' | '<' | '>' | '=',
    value,
    span: spanFrom(t, cur),
  };
}

/** The 802.11 `type`/`subtype`/`dir` primitives: parsed, never compiled. */
function p80211(cur: Cursor, t: Token, start: Token): FilterNode {
  const word = () =>
    cur.tok.kind === 'num' || cur.tok.kind === 'id' ? cur.next() : cur.fail('a name or number');
  word();
  if (t.keyword === 'type' && cur.isKw('subtype')) {
    cur.next();
    word();
  }
  return { kind: 'unsupported', what: `802.11 '${t.text}'`, span: spanFrom(start, cur) };
}

/** A value list for ATM/SS7 fields: `5`, `> 5`, `(5 or 6)`. */
function fieldValue(cur: Cursor): void {
  if (cur.tok.kind === 'punct' && RELOPS.has(cur.tok.text)) {
    cur.next();
    cur.num();
    return;
  }
  if (cur.isPunct('(')) {
    cur.next();
    fieldValue(cur);
    while (cur.isKw('or') || cur.isKw('and')) {
      cur.next();
      fieldValue(cur);
    }
    cur.punct(')');
    return;
  }
  cur.num();
}

function pfvar(cur: Cursor, t: Token): FilterNode {
  const kw = t.keyword!;
  if (kw === 'rnr' || kw === 'srnr') cur.num();
  else if (kw === 'reason')
    cur.tok.kind === 'num' || cur.tok.kind === 'id' ? cur.next() : cur.fail('a reason');
  else if (cur.tok.kind !== 'id') cur.fail('a name');
  else cur.next();
  return { kind: 'unsupported', what: `pflog '${t.text}'`, span: spanFrom(t, cur) };
}

function llc(cur: Cursor, t: Token): FilterNode {
  if (cur.tok.kind === 'id' || cur.isKw('rnr')) {
    const sub = cur.next();
    return { kind: 'llc', subtype: sub.text, span: spanFrom(t, cur) };
  }
  return { kind: 'llc', span: spanFrom(t, cur) };
}

function keywordPrimitive(cur: Cursor, t: Token): FilterNode | undefined {
  const kw = t.keyword!;
  if (OPTIONAL_NUMBER.has(kw)) return withNumber(cur, t);
  switch (kw) {
    case 'less':
    case 'greater':
      return { kind: kw, value: cur.num().value!, span: spanFrom(t, cur) };
    case 'byte':
      return byteOp(cur, t);
    case 'inbound':
    case 'outbound':
    case 'pppoed':
      return { kind: kw, span: spanFrom(t, cur) };
    case 'ifindex':
      return { kind: 'ifindex', value: cur.num().value!, span: spanFrom(t, cur) };
    case 'llc':
      return llc(cur, t);
    case 'on':
    case 'rset':
    case 'rnr':
    case 'srnr':
    case 'reason':
    case 'action':
      return pfvar(cur, t);
    case 'type':
    case 'subtype':
    case 'dir':
      return p80211(cur, t, t);
  }
  if (BARE[kw]) return { kind: 'unsupported', what: `'${t.text}'`, span: spanFrom(t, cur) };
  if (FIELDS.has(kw)) {
    fieldValue(cur);
    return { kind: 'unsupported', what: `'${t.text}'`, span: spanFrom(t, cur) };
  }
  return undefined;
}

/**
 * Parse a keyword primitive at the cursor, or return undefined (consuming nothing) when the token
 * starts none. `protoTok`, when given, is a protocol keyword already consumed: only the 802.11
 * primitives may follow one.
 */
export function parseOther(cur: Cursor, protoTok?: Token): FilterNode | undefined {
  const t = cur.tok;
  if (t.kind !== 'keyword') return undefined;
  if (protoTok) {
    if (t.keyword !== 'type' && t.keyword !== 'subtype' && t.keyword !== 'dir') return undefined;
    cur.next();
    return p80211(cur, t, protoTok);
  }
  const saved = cur.pos;
  cur.next();
  const node = keywordPrimitive(cur, t);
  if (!node) cur.pos = saved;
  return node;
}
