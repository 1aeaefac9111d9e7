// SPDX-License-Identifier: MIT
/**
 * Pass 1, lex: a pcap-filter expression into tokens, each with its source offsets. The rules are
 * libpcap's scanner's (pcap-filter(7) facts): at each position the longest match wins, and on a tie
 * the earlier rule (keywords, punctuation, `$xx`, MAC, number, IPv4, IPv6, named numbers, names).
 * So `len-1` is one name (longer than `len`), `001122334455` is a MAC address and `1.2.3.4.5` a name.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import { FLT } from './filter-codes.ts';
import { KEYWORD_SPELLINGS, type Keyword, keywordOf, NAMED_NUMBERS } from './filter-keywords.ts';
import { rangeOf } from './source-text.ts';

/** What a token is. `id` is a name; `hid` an IPv4 address (1 to 4 parts); `eid` a MAC address. */
export type TokenKind = 'keyword' | 'punct' | 'num' | 'id' | 'hid' | 'hid6' | 'eid' | 'aid' | 'eof' | 'error';

/** One token and where it sits in the expression (offsets into the text, end exclusive). */
export interface Token {
  kind: TokenKind;
  /** The characters as written (for an escaped name, without the backslash). */
  text: string;
  start: number;
  end: number;
  /** For `keyword`: the canonical keyword (`ether` lexes as `link`, `&&` as `and`, `!` as `not`). */
  keyword?: Keyword;
  /** For `num`: the value (numbers are unsigned 32-bit). */
  value?: number;
}

/** The tokens (ending with one `eof`) and the lexical errors found on the way. */
export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

const PUNCT2 = ['>=', '<=', '!=', '==', '<<', '>>'];
const PUNCT1 = '+-*/%:[]!<>()&|^=';
const N = '(?:0[xX][0-9A-Fa-f]+|[0-9]+)';
const W = '[0-9A-Fa-f]{1,4}';
const B = '[0-9A-Fa-f]{1,2}';
const B2 = '[0-9A-Fa-f]{4}';
const V4 = `${N}\\.${N}\\.${N}\\.${N}`;

const sticky = (source: string) => new RegExp(source, 'y');

/** The IPv6 shapes libpcap's scanner accepts: 8 groups, or fewer around one `::`, optionally ending in IPv4. */
function ipv6Patterns(): RegExp[] {
  const groups = (n: number) => Array.from({ length: n }, () => W).join(':');
  const out = [sticky(groups(8)), sticky(`${groups(6)}:${V4}`)];
  for (let n = 0; n <= 7; n++) {
    for (let x = 0; x <= n; x++) {
      const plain = `${groups(x)}::${groups(n - x)}`;
      out.push(sticky(plain));
      if (n <= 5) out.push(sticky(n - x > 0 ? `${plain}:${V4}` : `${plain}${V4}`));
    }
  }
  return out;
}

const RULES: { kind: TokenKind; patterns: RegExp[] }[] = [
  { kind: 'aid', patterns: [sticky(`\\$${B}`)] },
  {
    kind: 'eid',
    patterns: [
      sticky(`${B}:${B}:${B}:${B}:${B}:${B}`),
      sticky(`${B}-${B}-${B}-${B}-${B}-${B}`),
      sticky(`${B}\\.${B}\\.${B}\\.${B}\\.${B}\\.${B}`),
      sticky(`${B2}\\.${B2}\\.${B2}`),
      sticky(`${B2}${B2}${B2}`),
    ],
  },
  { kind: 'num', patterns: [sticky('0[xX][0-9A-Fa-f]+'), sticky('[0-9]+')] },
  {
    kind: 'hid',
    patterns: [sticky(`${N}\\.${N}\\.${N}\\.${N}`), sticky(`${N}\\.${N}\\.${N}`), sticky(`${N}\\.${N}`)],
  },
  { kind: 'hid6', patterns: ipv6Patterns() },
  // libpcap: colon-separated hex that makes no address is a bogus ethernet address.
  { kind: 'error', patterns: [sticky(`${B}:+(?:${B}:+)+`)] },
];
const ID = sticky('[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?');
const ESCAPED_ID = sticky('\\\\[^ !()\\n\\t]+');
const NAMED = Object.keys(NAMED_NUMBERS);

function longest(patterns: readonly RegExp[], text: string, at: number): number {
  let best = 0;
  for (const re of patterns) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m && m[0].length > best) best = m[0].length;
  }
  return best;
}

function longestLiteral(words: readonly string[], text: string, at: number): number {
  let best = 0;
  for (const w of words) if (w.length > best && text.startsWith(w, at)) best = w.length;
  return best;
}

interface Candidate {
  kind: TokenKind | 'named' | 'escaped';
  length: number;
}

/** Every rule's longest match at `at`, in rule order; the first of the longest wins. */
function bestMatch(text: string, at: number): Candidate {
  const candidates: Candidate[] = [{ kind: 'keyword', length: longestLiteral(KEYWORD_SPELLINGS, text, at) }];
  const c = text[at]!;
  const p2 = PUNCT2.find((p) => text.startsWith(p, at));
  candidates.push({ kind: 'punct', length: p2 ? 2 : PUNCT1.includes(c) ? 1 : 0 });
  for (const rule of RULES) candidates.push({ kind: rule.kind, length: longest(rule.patterns, text, at) });
  candidates.push({ kind: 'named', length: longestLiteral(NAMED, text, at) });
  candidates.push({ kind: 'id', length: longest([ID], text, at) });
  candidates.push({ kind: 'escaped', length: longest([ESCAPED_ID], text, at) });
  let best: Candidate = { kind: 'error', length: 0 };
  for (const cand of candidates) if (cand.length > best.length) best = cand;
  return best;
}

/** The value of a number token, or the reason it has none (libpcap's scanner rules). */
function numberValue(text: string): { value: number } | { code: string; message: string } {
  let n = 0n;
  let base = 10n;
  let digits = text;
  if (/^0[xX]/.test(text)) {
    base = 16n;
    digits = text.slice(2);
  } else if (text.length > 1 && text[0] === '0') {
    base = 8n;
    digits = text.slice(1);
    if (/[89]/.test(digits))
      return { code: FLT.badOctal, message: `number ${text} contains non-octal digit` };
  }
  for (const ch of digits) n = n * base + BigInt(Number.parseInt(ch, 16));
  if (n > 0xffffffffn) return { code: FLT.numberOverflow, message: `number ${text} overflows 32 bits` };
  return { value: Number(n) };
}

function makeToken(text: string, cand: Candidate, start: number, diagnostics: Diagnostic[]): Token {
  const end = start + cand.length;
  const raw = text.slice(start, end);
  const range = rangeOf(text, start, end);
  switch (cand.kind) {
    case 'keyword':
      return { kind: 'keyword', text: raw, start, end, keyword: keywordOf(raw)! };
    case 'punct':
      if (raw === '!') return { kind: 'keyword', text: raw, start, end, keyword: 'not' };
      return { kind: 'punct', text: raw === '==' ? '=' : raw, start, end };
    case 'named':
      return { kind: 'num', text: raw, start, end, value: NAMED_NUMBERS[raw]! };
    case 'escaped':
      return { kind: 'id', text: raw.slice(1), start, end };
    case 'num': {
      const v = numberValue(raw);
      if ('value' in v) return { kind: 'num', text: raw, start, end, value: v.value };
      diagnostics.push(error(v.code, v.message, { range }));
      return { kind: 'error', text: raw, start, end };
    }
    case 'error':
      diagnostics.push(
        error(
          FLT.badMac,
          `'${raw}' is not a MAC address (expected six hex pairs such as aa:bb:cc:dd:ee:ff)`,
          {
            range,
          },
        ),
      );
      return { kind: 'error', text: raw, start, end };
    default:
      return { kind: cand.kind, text: raw, start, end };
  }
}

/** Split an expression into tokens; never throws. Characters that start no token become errors. */
export function lexFilter(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      at++;
      continue;
    }
    const best = bestMatch(text, at);
    if (best.length === 0) {
      diagnostics.push(
        error(FLT.unexpectedCharacter, `unexpected character '${c}'`, { range: rangeOf(text, at, at + 1) }),
      );
      tokens.push({ kind: 'error', text: c, start: at, end: at + 1 });
      at++;
      continue;
    }
    tokens.push(makeToken(text, best, at, diagnostics));
    at += best.length;
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return { tokens, diagnostics };
}

/** The keyword a token stands for, or undefined. */
export function tokenKeyword(t: Token): Keyword | undefined {
  return t.kind === 'keyword' ? t.keyword : undefined;
}
