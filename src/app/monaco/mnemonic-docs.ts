// SPDX-License-Identifier: MIT
/**
 * Plain-words documentation of every bpf_asm mnemonic and each of its operand forms, with the
 * opcode it assembles to (reference §4.3). Hover docs, completion snippets and the docs test read
 * this one table.
 */
import { LOAD_DOCS } from './load-docs.ts';

/** What an operand looks like; a line's form is found by its first operand's kind. */
export type OperandKind =
  | 'none'
  | 'imm'
  | 'len'
  | 'ext'
  | 'mem'
  | 'abs'
  | 'ind'
  | 'msh'
  | 'x'
  | 'a'
  | 'num'
  | 'label';

/** One operand form of a mnemonic. */
export interface FormDoc {
  /** How the form is written, with placeholders: `ldh [k]`. */
  syntax: string;
  /** The kind of the first operand. */
  operand: OperandKind;
  /** Jump targets the form takes (conditional jumps: 1 falls through when false). */
  targets?: 1 | 2;
  /** The opcode it assembles to (absent for raw instructions, whose opcode is written out). */
  opcode?: number;
  /** What it does, in plain words. */
  does: string;
  /** A concrete instance that assembles to `opcode` (jumps may target `yes` and `no`). */
  example: string;
  /** Completion snippet (Monaco snippet syntax). */
  snippet: string;
}

/** A mnemonic and its forms. */
export interface MnemonicDoc {
  mnemonic: string;
  summary: string;
  forms: FormDoc[];
  /** Something worth knowing that is not about one form (aliases, semantics differences). */
  note?: string;
}

const store = (m: string, reg: 'A' | 'X', opcode: number): MnemonicDoc => ({
  mnemonic: m,
  summary: `Store ${reg} in a scratch memory word.`,
  forms: [
    {
      syntax: `${m} M[k]`,
      operand: 'mem',
      opcode,
      does: `M[k] = ${reg} (k is 0 to 15)`,
      example: `${m} M[3]`,
      snippet: `${m} M[\${1:0}]`,
    },
  ],
});

const ja = (m: string): MnemonicDoc => ({
  mnemonic: m,
  summary: 'Jump unconditionally to a label further down (classic BPF only jumps forward).',
  forms: [
    {
      syntax: `${m} L`,
      operand: 'label',
      opcode: 0x05,
      does: 'go to label L (encoded as pc += k + 1)',
      example: `${m} yes`,
      snippet: `${m} \${1:label}`,
    },
  ],
});

interface JumpSpec {
  m: string;
  test: string;
  base: number;
  negated?: string;
}

const JUMPS: JumpSpec[] = [
  { m: 'jeq', test: '==', base: 0x15 },
  { m: 'jgt', test: '>', base: 0x25 },
  { m: 'jge', test: '>=', base: 0x35 },
  { m: 'jset', test: '&', base: 0x45 },
  { m: 'jne', test: '!=', base: 0x15, negated: 'jeq' },
  { m: 'jneq', test: '!=', base: 0x15, negated: 'jeq' },
  { m: 'jlt', test: '<', base: 0x35, negated: 'jge' },
  { m: 'jle', test: '<=', base: 0x25, negated: 'jgt' },
];

function condition(test: string, rhs: string): string {
  return test === '&' ? `A & ${rhs} is not 0` : `A ${test} ${rhs}`;
}

function jumpDoc({ m, test, base, negated }: JumpSpec): MnemonicDoc {
  const forms: FormDoc[] = [];
  for (const [operand, rhs, add] of [
    ['imm', 'k', 0],
    ['x', 'X', 8],
  ] as const) {
    const first = operand === 'imm' ? '#k' : 'x';
    const firstSnippet = operand === 'imm' ? `#\${1:0}` : 'x';
    const n = operand === 'imm' ? 2 : 1;
    forms.push({
      syntax: `${m} ${first}, Lt, Lf`,
      operand,
      targets: 2,
      opcode: base + add,
      does: `if ${condition(test, rhs)} go to Lt, else to Lf`,
      example: `${m} ${operand === 'imm' ? '#17' : 'x'}, yes, no`,
      snippet: `${m} ${firstSnippet}, \${${n}:yes}, \${${n + 1}:no}`,
    });
    forms.push({
      syntax: `${m} ${first}, Lt`,
      operand,
      targets: 1,
      opcode: base + add,
      does: `if ${condition(test, rhs)} go to Lt, else fall through to the next instruction`,
      example: `${m} ${operand === 'imm' ? '#17' : 'x'}, yes`,
      snippet: `${m} ${firstSnippet}, \${${n}:label}`,
    });
  }
  const summary = `Compare A with k or X (${condition(test, 'k')}) and jump forward.`;
  if (!negated) return { mnemonic: m, summary, forms };
  const note = `A bpf_asm pseudo-instruction: it assembles to ${negated} with the targets swapped, so disassemblers print ${negated}.`;
  return { mnemonic: m, summary, forms, note };
}

const ALU: [string, string, number, string?][] = [
  ['add', 'A + {v}', 0x04, 'wraps around at 32 bits'],
  ['sub', 'A − {v}', 0x14, 'wraps around at 32 bits'],
  ['mul', 'A × {v}', 0x24, 'keeps the low 32 bits'],
  [
    'div',
    'A ÷ {v}',
    0x34,
    'unsigned, rounded down; div #0 is rejected by the checker, and dividing by X = 0 ends the program with return 0',
  ],
  [
    'mod',
    'A mod {v}',
    0x94,
    'unsigned; mod #0 is rejected by the checker, and X = 0 ends the program with return 0',
  ],
  ['and', 'A & {v}', 0x54],
  ['or', 'A | {v}', 0x44],
  ['xor', 'A ^ {v}', 0xa4],
  [
    'lsh',
    'A << {v}',
    0x64,
    'a constant shift of 32 or more is rejected by the Linux checker; by X ≥ 32 Linux shifts by X & 31 while libpcap gives 0',
  ],
  [
    'rsh',
    'A >> {v}',
    0x74,
    'a logical shift (zeros come in); by X ≥ 32 Linux shifts by X & 31 while libpcap gives 0',
  ],
];

function aluDoc([m, expr, base, note]: [string, string, number, string?]): MnemonicDoc {
  const doc: MnemonicDoc = {
    mnemonic: m,
    summary: `Arithmetic on A: A = ${expr.replace('{v}', 'k or X')}.`,
    forms: [
      {
        syntax: `${m} #k`,
        operand: 'imm',
        opcode: base,
        does: `A = ${expr.replace('{v}', 'k')}`,
        example: `${m} #4`,
        snippet: `${m} #\${1:1}`,
      },
      {
        syntax: `${m} x`,
        operand: 'x',
        opcode: base + 0x08,
        does: `A = ${expr.replace('{v}', 'X')}`,
        example: `${m} x`,
        snippet: `${m} x`,
      },
    ],
  };
  if (note) doc.note = `${note[0]?.toUpperCase()}${note.slice(1)}.`;
  return doc;
}

const simple = (m: string, summary: string, opcode: number, does: string): MnemonicDoc => ({
  mnemonic: m,
  summary,
  forms: [{ syntax: m, operand: 'none', opcode, does, example: m, snippet: m }],
});

const RET: MnemonicDoc = {
  mnemonic: 'ret',
  summary: 'Stop and return a value: for a socket filter, how many bytes of the packet to keep (0 drops it).',
  forms: [
    {
      syntax: 'ret #k',
      operand: 'imm',
      opcode: 0x06,
      does: 'return k: keep the first k bytes (0 drops the packet; #-1 or anything ≥ the length keeps all of it)',
      example: 'ret #262144',
      snippet: `ret #\${1|262144,0,-1|}`,
    },
    {
      syntax: 'ret a',
      operand: 'a',
      opcode: 0x16,
      does: 'return the value of A',
      example: 'ret a',
      snippet: 'ret a',
    },
    {
      syntax: 'ret',
      operand: 'none',
      opcode: 0x16,
      does: 'return A (how tcpdump -d prints ret a)',
      example: 'ret',
      snippet: 'ret',
    },
    {
      syntax: 'ret x',
      operand: 'x',
      opcode: 0x0e,
      does: 'return X; bpf_asm accepts it, but the Linux checker rejects opcode 0x0e and libpcap aborts on it',
      example: 'ret x',
      snippet: 'ret x',
    },
  ],
};

const RAW: MnemonicDoc[] = [
  {
    mnemonic: 'unimp',
    summary: 'An instruction by its raw opcode (what tcpdump -d prints for an opcode it does not know).',
    forms: [
      {
        syntax: 'unimp code',
        operand: 'num',
        does: 'an instruction with this opcode and jt = jf = k = 0',
        example: 'unimp 0x21',
        snippet: `unimp \${1:0x21}`,
      },
    ],
  },
  {
    mnemonic: '.insn',
    summary: 'An instruction written as its four raw fields.',
    forms: [
      {
        syntax: '.insn code, jt, jf, k',
        operand: 'num',
        does: 'the instruction with exactly these fields (struct sock_filter)',
        example: '.insn 0x28, 0, 0, 12',
        snippet: `.insn \${1:0x28}, \${2:0}, \${3:0}, \${4:12}`,
      },
    ],
  },
];

/** Every mnemonic bpflab assembles, documented. */
export const MNEMONIC_DOCS: readonly MnemonicDoc[] = [
  ...LOAD_DOCS,
  store('st', 'A', 0x02),
  store('stx', 'X', 0x03),
  ja('ja'),
  ja('jmp'),
  ...JUMPS.map(jumpDoc),
  ...ALU.map(aluDoc),
  simple('neg', 'Negate A.', 0x84, 'A = −A (two’s complement, 32 bits)'),
  simple('tax', 'Copy A into X.', 0x07, 'X = A'),
  simple('txa', 'Copy X into A.', 0x87, 'A = X'),
  RET,
  ...RAW,
];

const BY_NAME = new Map(MNEMONIC_DOCS.map((d) => [d.mnemonic, d]));

/** The documentation of a mnemonic (any case), if it is one. */
export function mnemonicDoc(word: string): MnemonicDoc | undefined {
  return BY_NAME.get(word.toLowerCase());
}

/** The form of `doc` a line uses, from its first operand's kind and its number of operands. */
export function matchForm(doc: MnemonicDoc, operand: OperandKind, operandCount: number): FormDoc | undefined {
  const targets = operandCount - 1;
  const candidates = doc.forms.filter((f) => f.operand === operand);
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((f) => (f.targets ?? 0) === targets) ?? candidates[0];
}

/** An opcode as the docs print it: `0x28`. */
export function opcodeHex(opcode: number): string {
  return `0x${opcode.toString(16).padStart(2, '0')}`;
}
