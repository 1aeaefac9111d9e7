// SPDX-License-Identifier: MIT
/**
 * The `bpf` language for Monaco: Monarch tokens for bpf_asm and `tcpdump -d` listings, bracket and
 * comment configuration, hover docs and completion, and light/dark themes whose colours tell
 * mnemonics, registers, extensions, labels and numbers apart.
 */
import type * as MonacoApi from 'monaco-editor/editor';
import { bpfCompletions } from './bpf-completion.ts';
import { bpfHover } from './bpf-hover.ts';
import { definedLabels } from './bpf-line.ts';
import { BPF_LANGUAGE_ID, EDITOR_THEMES } from './language-id.ts';
import type { Monaco } from './load-monaco.ts';
import { MNEMONIC_DOCS } from './mnemonic-docs.ts';
import { EXTENSION_DOCS } from './operand-docs.ts';

const MNEMONICS = MNEMONIC_DOCS.map((d) => d.mnemonic).filter((m) => !m.startsWith('.'));
const EXTENSIONS = [...EXTENSION_DOCS.flatMap((d) => [d.name, ...d.aliases]), 'len', 'pktlen'];

/** Monarch tokenizer: position-free, since labels can never be mnemonics or extension names. */
const TOKENS: MonacoApi.languages.IMonarchLanguage = {
  ignoreCase: true,
  mnemonics: MNEMONICS,
  extensions: EXTENSIONS,
  hashExtensions: EXTENSIONS.map((e) => `#${e}`),
  symbols: ['skf_ad_off', 'skf_net_off', 'skf_ll_off'],
  tokenizer: {
    root: [
      // bpf_exp.l: `#` opening a line is a comment; `;` and `/* */` anywhere.
      [/^\s*#.*$/, 'comment'],
      [/;.*$/, 'comment'],
      [/\/\*/, 'comment', '@blockComment'],
      [/^\s*\(\d+\)/, 'number.pc'],
      [/\b(jt|jf)\b/, 'keyword.jump'],
      [/[A-Za-z_]\w*(?=\s*:)/, 'label.definition'],
      [/\.insn\b/, 'keyword'],
      [/\bM(?=\s*\[)/, 'variable.scratch'],
      [/%?\b[ax]\b/, 'variable.register'],
      [/#[A-Za-z_]\w*/, { cases: { '@hashExtensions': 'predefined', '@default': 'invalid' } }],
      [
        /[A-Za-z_]\w*/,
        {
          cases: {
            '@mnemonics': 'keyword',
            '@extensions': 'predefined',
            '@symbols': 'constant',
            '@default': 'label.reference',
          },
        },
      ],
      [/#\s*[+-]?(0x[0-9a-f]+|0b[01]+|\d+)/, 'number.immediate'],
      [/[+-]?(0x[0-9a-f]+|0b[01]+|\d+)/, 'number'],
      [/[[\]()]/, '@brackets'],
      [/[,:*&+%-]/, 'delimiter'],
    ],
    blockComment: [
      [/\*\//, 'comment', '@pop'],
      [/[^*]+/, 'comment'],
      [/\*/, 'comment'],
    ],
  },
};

/** Register the language, its providers and themes once per Monaco instance. */
export function registerBpfLanguage(monaco: Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === BPF_LANGUAGE_ID)) return;
  monaco.languages.register({ id: BPF_LANGUAGE_ID, extensions: ['.bpf', '.asm'], aliases: ['BPF', 'cBPF'] });
  monaco.languages.setLanguageConfiguration(BPF_LANGUAGE_ID, {
    comments: { lineComment: ';', blockComment: ['/*', '*/'] },
    brackets: [
      ['[', ']'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '/*', close: ' */' },
    ],
    surroundingPairs: [
      { open: '[', close: ']' },
      { open: '(', close: ')' },
    ],
    // `#` and `%` stay outside words, so completing after `#` replaces only the name.
    wordPattern: /\.?[A-Za-z_]\w*|-?\d\w*/,
  });
  monaco.languages.setMonarchTokensProvider(BPF_LANGUAGE_ID, TOKENS);
  registerProviders(monaco);
  defineThemes(monaco);
}

function registerProviders(monaco: Monaco): void {
  monaco.languages.registerHoverProvider(BPF_LANGUAGE_ID, {
    provideHover(model, position) {
      const labels = definedLabels(model.getValue());
      const info = bpfHover(model.getLineContent(position.lineNumber), position.column, labels);
      if (!info) return null;
      const { lineNumber } = position;
      return {
        range: new monaco.Range(lineNumber, info.startColumn, lineNumber, info.endColumn),
        contents: info.contents.map((value) => ({ value })),
      };
    },
  });
  const kinds = monaco.languages.CompletionItemKind;
  const KIND = {
    mnemonic: kinds.Keyword,
    label: kinds.Reference,
    extension: kinds.Constant,
    keyword: kinds.Variable,
  };
  monaco.languages.registerCompletionItemProvider(BPF_LANGUAGE_ID, {
    triggerCharacters: ['#', ','],
    provideCompletionItems(model, position) {
      const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const labels = [...definedLabels(model.getValue()).keys()];
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const suggestions = bpfCompletions(prefix, labels).map((c) => ({
        label: c.label,
        kind: KIND[c.kind],
        filterText: c.filterText,
        insertText: c.insertText,
        ...(c.snippet
          ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet }
          : {}),
        detail: c.detail,
        documentation: { value: c.documentation },
        sortText: c.sortText,
        range,
      }));
      return { suggestions };
    },
  });
}

function defineThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(EDITOR_THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '0550ae', fontStyle: 'bold' },
      { token: 'keyword.jump', foreground: '6e7781' },
      { token: 'predefined', foreground: '8250df' },
      { token: 'constant', foreground: '8250df' },
      { token: 'label.definition', foreground: '116329', fontStyle: 'bold' },
      { token: 'label.reference', foreground: '116329' },
      { token: 'variable.register', foreground: 'a40e26' },
      { token: 'variable.scratch', foreground: 'a40e26' },
      { token: 'number.immediate', foreground: '953800' },
      { token: 'number', foreground: '0a3069' },
      { token: 'number.pc', foreground: '6e7781' },
      { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
      { token: 'invalid', foreground: 'cf222e' },
    ],
    colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
  });
  monaco.editor.defineTheme(EDITOR_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '79c0ff', fontStyle: 'bold' },
      { token: 'keyword.jump', foreground: '9198a1' },
      { token: 'predefined', foreground: 'd2a8ff' },
      { token: 'constant', foreground: 'd2a8ff' },
      { token: 'label.definition', foreground: '7ee787', fontStyle: 'bold' },
      { token: 'label.reference', foreground: '7ee787' },
      { token: 'variable.register', foreground: 'ff7b72' },
      { token: 'variable.scratch', foreground: 'ff7b72' },
      { token: 'number.immediate', foreground: 'ffa657' },
      { token: 'number', foreground: 'a5d6ff' },
      { token: 'number.pc', foreground: '9198a1' },
      { token: 'comment', foreground: '9198a1', fontStyle: 'italic' },
      { token: 'invalid', foreground: 'ff7b72' },
    ],
    colors: { 'editor.background': '#0d1117', 'editorGutter.background': '#0d1117' },
  });
}
