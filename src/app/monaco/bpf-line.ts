// SPDX-License-Identifier: MIT
/**
 * A forgiving reading of one line of bpf_asm (or of a `tcpdump -d` listing) for the editor's
 * hover and completion: where the pc prefix, label, mnemonic and operands sit. The assembler in
 * the worker is the real parser; this only has to be right enough to point at things.
 */
import type { OperandKind } from './mnemonic-docs.ts';
import { extensionDoc } from './operand-docs.ts';

/** A piece of a line; `start`/`end` are 0-based string indexes, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The parts of one line. */
export interface LineParts {
  /** `(000)` of a tcpdump -d listing. */
  pcPrefix?: Span;
  /** `name` of a `name:` label definition (without the colon). */
  label?: Span;
  mnemonic?: Span;
  /** Operands, split at commas (a -d listing's `jt N` and `jf N` count as targets). */
  operands: Span[];
  /** Where a comment starts (the rest of the line is comment), if any. */
  commentStart?: number;
}

const HEAD = /^(\s*)(\(\d+\))?(\s*)(?:([A-Za-z_]\w*)(\s*):)?(\s*)(\.?[A-Za-z_]\w*)?/;

/** Index where the comment of `line` starts, if it has one. */
export function commentStart(line: string): number | undefined {
  if (/^\s*#/.test(line)) return line.indexOf('#');
  const semi = line.indexOf(';');
  const block = line.indexOf('/*');
  const starts = [semi, block].filter((i) => i >= 0);
  return starts.length ? Math.min(...starts) : undefined;
}

/** Split `line` into its parts. */
export function parseLine(line: string): LineParts {
  const comment = commentStart(line);
  const code = comment === undefined ? line : line.slice(0, comment);
  const parts: LineParts = { operands: [] };
  if (comment !== undefined) parts.commentStart = comment;
  const m = HEAD.exec(code);
  if (!m) return parts;
  let at = (m[1] ?? '').length;
  if (m[2]) parts.pcPrefix = { start: at, end: at + m[2].length, text: m[2] };
  at += (m[2] ?? '').length + (m[3] ?? '').length;
  if (m[4]) {
    parts.label = { start: at, end: at + m[4].length, text: m[4] };
    at += m[4].length + (m[5] ?? '').length + 1;
  }
  at += (m[6] ?? '').length;
  if (!m[7]) return parts;
  parts.mnemonic = { start: at, end: at + m[7].length, text: m[7] };
  parts.operands = splitOperands(code, at + m[7].length);
  return parts;
}

/** Operands of `code` from index `from`: comma separated, or `-d`'s `op jt N jf M`. */
function splitOperands(code: string, from: number): Span[] {
  const spans: Span[] = [];
  const listing = /\s(jt\s+\d+)\s+(jf\s+\d+)\s*$/.exec(code.slice(from));
  const end = listing ? from + listing.index : code.length;
  let start = from;
  for (let i = from; i <= end; i++) {
    if (i === end || code[i] === ',') {
      const span = trimmed(code, start, i);
      if (span) spans.push(span);
      start = i + 1;
    }
  }
  if (listing) {
    const jt = from + listing.index + 1;
    const jfText = listing[2] as string;
    const jf = code.lastIndexOf(jfText);
    spans.push({ start: jt, end: jt + (listing[1] as string).length, text: listing[1] as string });
    spans.push({ start: jf, end: jf + jfText.length, text: jfText });
  }
  return spans;
}

function trimmed(code: string, start: number, end: number): Span | undefined {
  const raw = code.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (!text) return undefined;
  return { start: start + lead, end: start + lead + text.length, text };
}

/** The kind of an operand as written. */
export function classifyOperand(text: string | undefined): OperandKind {
  const t = (text ?? '').trim();
  if (t === '') return 'none';
  if (/^#?\s*(len|pktlen)$/i.test(t)) return 'len';
  const name = /^#?\s*([a-z_]\w*)$/i.exec(t)?.[1] ?? /^\[\s*([a-z_]\w*)\s*\]$/i.exec(t)?.[1];
  if (name && extensionDoc(name)) return 'ext';
  if (t.startsWith('#')) return 'imm';
  if (/^m\s*\[/i.test(t)) return 'mem';
  if (/^\[\s*%?x\s*\+/i.test(t)) return 'ind';
  if (t.startsWith('[')) return 'abs';
  if (/^4\s*\*/.test(t)) return 'msh';
  if (/^%?x$/i.test(t)) return 'x';
  if (/^%?a$/i.test(t)) return 'a';
  if (/^[+-]?\d/.test(t)) return 'num';
  return 'label';
}

const WORD = /[#%]?\.?[A-Za-z_]\w*|[+-]?(0x[0-9a-f]+|0b[01]+|\d+)/gi;

/** The word or number covering index `at` of `line`, if any. */
export function wordAt(line: string, at: number): Span | undefined {
  for (const m of line.matchAll(WORD)) {
    const start = m.index;
    if (at >= start && at < start + m[0].length) return { start, end: start + m[0].length, text: m[0] };
  }
  return undefined;
}

const LABEL_DEF = /^\s*(?:\(\d+\)\s*)?([A-Za-z_]\w*)\s*:/;

/** Labels defined in `text`: name → 1-based line. */
export function definedLabels(text: string): Map<string, number> {
  const labels = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const name = LABEL_DEF.exec(line)?.[1];
    if (name && !labels.has(name)) labels.set(name, i + 1);
  });
  return labels;
}
