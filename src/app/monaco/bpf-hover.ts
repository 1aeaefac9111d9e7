// SPDX-License-Identifier: MIT
/**
 * Hover documentation for one position of a BPF line: mnemonics (with the form the line uses and
 * its opcode), addressing modes, Linux extensions, labels and numbers. Pure: Monaco only renders
 * the markdown this returns.
 */
import { classifyOperand, type LineParts, parseLine, type Span, wordAt } from './bpf-line.ts';
import { type FormDoc, type MnemonicDoc, matchForm, mnemonicDoc, opcodeHex } from './mnemonic-docs.ts';
import {
  type ExtensionDoc,
  extensionDoc,
  extensionK,
  LINUX_ONLY,
  MODE_DOCS,
  SYMBOL_DOCS,
} from './operand-docs.ts';

/** What to show: the span hovered (1-based columns, end exclusive) and markdown paragraphs. */
export interface HoverInfo {
  startColumn: number;
  endColumn: number;
  contents: string[];
}

const JUMP_MNEMONICS = /^(ja|jmp|jeq|jne|jneq|jlt|jle|jgt|jge|jset)$/i;

/** Hover for `column` (1-based) of `line`; `labels` maps label names to their 1-based lines. */
export function bpfHover(
  line: string,
  column: number,
  labels: ReadonlyMap<string, number>,
): HoverInfo | undefined {
  const at = column - 1;
  const parts = parseLine(line);
  if (parts.commentStart !== undefined && at >= parts.commentStart) return undefined;
  const result = (span: Span, contents: string[]): HoverInfo => ({
    startColumn: span.start + 1,
    endColumn: span.end + 1,
    contents,
  });
  if (inside(parts.pcPrefix, at)) return result(parts.pcPrefix as Span, pcPrefixDoc(parts.pcPrefix as Span));
  if (inside(parts.label, at)) return result(parts.label as Span, labelDefDoc((parts.label as Span).text));
  if (inside(parts.mnemonic, at)) {
    const doc = mnemonicDoc((parts.mnemonic as Span).text);
    return doc ? result(parts.mnemonic as Span, mnemonicHover(doc, parts)) : undefined;
  }
  const index = parts.operands.findIndex((o) => inside(o, at));
  const operand = parts.operands[index];
  if (!operand) return undefined;
  const word = wordAt(line, at);
  const wordDoc = word ? wordHover(word, index, parts, labels) : undefined;
  if (word && wordDoc) return result(word, wordDoc);
  const mode = MODE_DOCS[classifyOperand(operand.text)];
  return result(operand, [`**${mode.title}**`, mode.text, ...numberNotes(operand.text)]);
}

function inside(span: Span | undefined, at: number): boolean {
  return span !== undefined && at >= span.start && at < span.end;
}

function pcPrefixDoc(span: Span): string[] {
  const pc = Number(span.text.slice(1, -1));
  return [
    `**pc ${pc}**`,
    'The instruction number in a `tcpdump -d` listing; bpflab reads such listings as they are.',
  ];
}

function labelDefDoc(name: string): string[] {
  return [
    `**label \`${name}\`**`,
    'Jumps to this label land on this instruction. Labels are case-sensitive.',
  ];
}

/** The mnemonic's doc, the form this line uses first. */
export function mnemonicHover(doc: MnemonicDoc, parts: LineParts): string[] {
  const form = matchForm(doc, classifyOperand(parts.operands[0]?.text), parts.operands.length);
  const lines: string[] = [];
  if (form) lines.push(`**\`${form.syntax}\`**${opcodeNote(form)}`, `${form.does}.`);
  lines.push(doc.summary);
  const others = doc.forms.filter((f) => f !== form);
  if (others.length) {
    lines.push(
      `Other forms: ${others.map((f) => `\`${f.syntax}\`${f.opcode === undefined ? '' : ` ${opcodeHex(f.opcode)}`}`).join(' · ')}`,
    );
  }
  if (doc.note) lines.push(doc.note);
  return lines;
}

function opcodeNote(form: FormDoc): string {
  return form.opcode === undefined ? '' : ` — opcode ${opcodeHex(form.opcode)}`;
}

/** Docs for a single word inside an operand, when it names something. */
function wordHover(
  word: Span,
  index: number,
  parts: LineParts,
  labels: ReadonlyMap<string, number>,
): string[] | undefined {
  const bare = word.text.replace(/^[#%]/, '');
  const lower = bare.toLowerCase();
  if (lower === 'jt' || lower === 'jf') {
    const which = lower === 'jt' ? 'holds' : 'fails';
    return [`**${lower}** (tcpdump -d)`, `The absolute pc execution continues at when the test ${which}.`];
  }
  if (lower === 'len' || lower === 'pktlen') return [`**${MODE_DOCS.len.title}**`, MODE_DOCS.len.text];
  const ext = extensionDoc(bare);
  if (ext) return extensionHover(ext);
  const symbol = SYMBOL_DOCS[lower];
  if (symbol) return [`**${symbol.title}**`, symbol.text, 'Linux only.'];
  const mnemonic = parts.mnemonic?.text ?? '';
  const isTarget = JUMP_MNEMONICS.test(mnemonic) && (index > 0 || /^(ja|jmp)$/i.test(mnemonic));
  if (isTarget && /^[A-Za-z_]\w*$/.test(word.text)) {
    const line = labels.get(word.text);
    return line === undefined
      ? [
          `**label \`${word.text}\`**`,
          'Not defined in this program: define it as `name:` before a later instruction.',
        ]
      : [`**label \`${word.text}\`**`, `Jumps to line ${line}.`];
  }
  return undefined;
}

/** Docs for a Linux extension. */
export function extensionHover(doc: ExtensionDoc): string[] {
  const k = extensionK(doc).toString(16);
  const spellings = doc.aliases.length
    ? ` Also spelled ${doc.aliases.map((a) => `\`${a}\``).join(', ')}.`
    : '';
  return [
    `**\`#${doc.name}\`** — Linux extension ${doc.constant} (SKF_AD_OFF + ${doc.offset}, k = 0x${k})`,
    `The kernel reads ${doc.reads}.${spellings}`,
    LINUX_ONLY,
  ];
}

/** `#0x800 = 2048` style conversions for the numbers in an operand. */
function numberNotes(text: string): string[] {
  const m =
    /#\s*(-?)(0x[0-9a-f]+|0b[01]+|\d+)\b/i.exec(text) ??
    /\[\s*(?:x\s*\+\s*)?()(0x[0-9a-f]+|\d+)\s*\]/i.exec(text);
  if (!m) return [];
  const digits = m[2] as string;
  const magnitude = digits.toLowerCase().startsWith('0b')
    ? Number.parseInt(digits.slice(2), 2)
    : Number(digits);
  if (!Number.isFinite(magnitude) || magnitude > 0xffffffff) return [];
  const value = (m[1] ? -magnitude : magnitude) >>> 0;
  return [
    `Value: ${value} = 0x${value.toString(16)}${value > 0xffff ? ` = ${dotted(value)} as an IPv4 address` : ''}`,
  ];
}

function dotted(v: number): string {
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
}
