// SPDX-License-Identifier: MIT
/** The `bpf` language for Monaco: Monarch tokens for bpf_asm, bracket and comment configuration. */
import { BPF_LANGUAGE_ID } from './language-id.ts';
import type { Monaco } from './load-monaco.ts';

const MNEMONICS = [
  'ld',
  'ldi',
  'ldh',
  'ldb',
  'ldx',
  'ldxi',
  'ldxb',
  'st',
  'stx',
  'jmp',
  'ja',
  'jeq',
  'jneq',
  'jne',
  'jlt',
  'jle',
  'jgt',
  'jge',
  'jset',
  'add',
  'sub',
  'mul',
  'div',
  'mod',
  'neg',
  'and',
  'or',
  'xor',
  'lsh',
  'rsh',
  'tax',
  'txa',
  'ret',
  'unimp',
];

const EXTENSIONS = [
  'len',
  'pktlen',
  'proto',
  'pto',
  'type',
  'ifidx',
  'ifx',
  'nla',
  'nlan',
  'mark',
  'queue',
  'que',
  'hatype',
  'hat',
  'rxhash',
  'rxh',
  'cpu',
  'xor_x',
  'vlan_tci',
  'vlant',
  'vlan_avail',
  'vlan_pr',
  'vlanp',
  'vlana',
  'vlan_acc',
  'poff',
  'rand',
  'random',
  'vlan_tpid',
];

/** Register the language once per Monaco instance. */
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
  });
  monaco.languages.setMonarchTokensProvider(BPF_LANGUAGE_ID, {
    ignoreCase: true,
    mnemonics: MNEMONICS,
    extensions: [...EXTENSIONS, ...EXTENSIONS.map((e) => `#${e}`)],
    tokenizer: {
      root: [
        [/^\s*#(?![a-z_])/, 'comment', '@lineComment'],
        [/;.*$/, 'comment'],
        [/\/\*/, 'comment', '@blockComment'],
        [/^\(\d+\)/, 'number.pc'],
        [/^\s*[A-Za-z_][\w]*\s*:/, 'type.label'],
        [/\bM(?=\[)/, 'variable.scratch'],
        [/%?\b[ax]\b/, 'variable.register'],
        [
          /#?[A-Za-z_][\w]*/,
          { cases: { '@mnemonics': 'keyword', '@extensions': 'predefined', '@default': 'identifier' } },
        ],
        [/#-?(0x[0-9a-f]+|0b[01]+|\d+)/, 'number.immediate'],
        [/[+-]?(0x[0-9a-f]+|0b[01]+|\d+)/, 'number'],
        [/[[\]()]/, '@brackets'],
        [/[,*&+]/, 'delimiter'],
      ],
      lineComment: [[/.*$/, 'comment', '@pop']],
      blockComment: [
        [/\*\//, 'comment', '@pop'],
        [/./, 'comment'],
      ],
    },
  });
}
