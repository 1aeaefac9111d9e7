// SPDX-License-Identifier: MIT
/**
 * What to offer while typing BPF: mnemonics (one snippet per operand form) at the start of an
 * instruction, labels defined in the file as jump targets, Linux extensions where a load takes one.
 * Pure: the Monaco provider only maps these to completion items.
 */
import { commentStart, parseLine } from './bpf-line.ts';
import { MNEMONIC_DOCS, opcodeHex } from './mnemonic-docs.ts';
import { EXTENSION_DOCS, LINUX_ONLY } from './operand-docs.ts';

/** One suggestion. */
export interface CompletionSpec {
  kind: 'mnemonic' | 'label' | 'extension' | 'keyword';
  /** Shown in the list. */
  label: string;
  /** Matched against what was typed. */
  filterText: string;
  insertText: string;
  /** True when `insertText` is a snippet with tab stops. */
  snippet: boolean;
  detail: string;
  documentation: string;
  sortText: string;
}

const JUMPS = new Set(['jeq', 'jne', 'jneq', 'jlt', 'jle', 'jgt', 'jge', 'jset']);
const EXT_LOADS = new Set(['ld', 'ldh', 'ldb']);
const LEN_LOADS = new Set(['ld', 'ldx']);

/** Suggestions for a cursor after `prefix` (the line up to the cursor) in a file with `labels`. */
export function bpfCompletions(prefix: string, labels: readonly string[]): CompletionSpec[] {
  if (commentStart(prefix) !== undefined) return [];
  const parts = parseLine(prefix);
  const mnemonic = parts.mnemonic;
  // Still typing the first word of the instruction: offer mnemonics.
  if (!mnemonic || mnemonic.end === prefix.length) return mnemonicItems();
  const m = mnemonic.text.toLowerCase();
  const operandIndex = (prefix.slice(mnemonic.end).match(/,/g) ?? []).length;
  const typed = prefix.slice(mnemonic.end);
  if (m === 'ja' || m === 'jmp' || (JUMPS.has(m) && operandIndex > 0)) return labelItems(labels);
  if (operandIndex === 0 && !/[[(]/.test(typed)) {
    const items: CompletionSpec[] = [];
    const hash = /#\s*\w*$/.test(typed);
    if (EXT_LOADS.has(m)) items.push(...extensionItems(hash));
    if (LEN_LOADS.has(m)) items.push(lenItem(hash));
    return items;
  }
  return [];
}

function mnemonicItems(): CompletionSpec[] {
  return MNEMONIC_DOCS.flatMap((doc, i) =>
    doc.forms.map((form, j) => ({
      kind: 'mnemonic' as const,
      label: form.syntax,
      filterText: doc.mnemonic,
      insertText: form.snippet,
      snippet: form.snippet.includes('$'),
      detail: form.opcode === undefined ? doc.summary : `opcode ${opcodeHex(form.opcode)}`,
      documentation: `${form.does}.\n\n${doc.summary}`,
      sortText: `${String(i).padStart(3, '0')}${String(j).padStart(2, '0')}`,
    })),
  );
}

function labelItems(labels: readonly string[]): CompletionSpec[] {
  return labels.map((name, i) => ({
    kind: 'label',
    label: name,
    filterText: name,
    insertText: name,
    snippet: false,
    detail: 'label in this program',
    documentation: `Jump to the instruction labelled \`${name}:\`.`,
    sortText: String(i).padStart(4, '0'),
  }));
}

function extensionItems(afterHash: boolean): CompletionSpec[] {
  return EXTENSION_DOCS.map((doc, i) => ({
    kind: 'extension',
    label: `#${doc.name}`,
    filterText: doc.name,
    insertText: afterHash ? doc.name : `#${doc.name}`,
    snippet: false,
    detail: `${doc.constant} (Linux only)`,
    documentation: `The kernel reads ${doc.reads}.\n\n${LINUX_ONLY}`,
    sortText: `1${String(i).padStart(3, '0')}`,
  }));
}

function lenItem(afterHash: boolean): CompletionSpec {
  return {
    kind: 'keyword',
    label: '#len',
    filterText: 'len',
    insertText: afterHash ? 'len' : '#len',
    snippet: false,
    detail: 'packet length on the wire',
    documentation: 'The length of the packet on the wire (not the captured length). Works on both machines.',
    sortText: '0000',
  };
}
