// SPDX-License-Identifier: MIT
/**
 * The mnemonic table (after rbpf's `make_instruction_map`): for each mnemonic, the operand forms
 * it takes and the instruction each form builds. Encodings follow reference §4.3; jump offsets are
 * filled in later from the targets each form reports.
 */
import type { AluOp, Insn, JumpCond, Size } from '../isa/insn.ts';
import type { ExtensionName } from '../isa/opcodes.ts';
import { extensionK } from '../isa/opcodes.ts';
import type { Slot, Target, Value } from './operands.ts';

/** A jump field still to be computed from where its target lies. */
export interface JumpRef {
  field: 'k' | 'jt' | 'jf';
  target: Target;
}

/** What a form builds: the instruction (jump fields 0 for now) and its pending jump targets. */
export interface Built {
  insn: Insn;
  jumps: JumpRef[];
}

/** One accepted operand list of a mnemonic and how to encode it. */
export interface Form {
  slots: readonly Slot[];
  build: (values: readonly Value[]) => Built;
}

const n = (v: Value | undefined): number => v as number;
const t = (v: Value | undefined): Target => v as Target;
const plain = (insn: Insn): Built => ({ insn, jumps: [] });

function loadForms(size: Size): Form[] {
  const ext = (v: readonly Value[]): Built =>
    plain({ op: 'ld', mode: 'abs', size, k: extensionK(v[0] as ExtensionName) });
  return [
    { slots: ['abs'], build: (v) => plain({ op: 'ld', mode: 'abs', size, k: n(v[0]) }) },
    { slots: ['ind'], build: (v) => plain({ op: 'ld', mode: 'ind', size, k: n(v[0]) }) },
    // The kernel accepts an extension at any load size (reference §4.4): `ldb #proto` is valid.
    { slots: ['ext'], build: ext },
  ];
}

const LD: Form[] = [
  { slots: ['k'], build: (v) => plain({ op: 'ld', mode: 'imm', k: n(v[0]) }) },
  { slots: ['len'], build: () => plain({ op: 'ld', mode: 'len' }) },
  { slots: ['mem'], build: (v) => plain({ op: 'ld', mode: 'mem', k: n(v[0]) }) },
  ...loadForms(4),
];

const LDI: Form[] = [
  { slots: ['k'], build: (v) => plain({ op: 'ld', mode: 'imm', k: n(v[0]) }) },
  { slots: ['num'], build: (v) => plain({ op: 'ld', mode: 'imm', k: n(v[0]) }) },
];

const MSH: Form = { slots: ['msh'], build: (v) => plain({ op: 'ldx', mode: 'msh', k: n(v[0]) }) };

const LDX: Form[] = [
  { slots: ['k'], build: (v) => plain({ op: 'ldx', mode: 'imm', k: n(v[0]) }) },
  { slots: ['len'], build: () => plain({ op: 'ldx', mode: 'len' }) },
  { slots: ['mem'], build: (v) => plain({ op: 'ldx', mode: 'mem', k: n(v[0]) }) },
  MSH,
];

const LDXI: Form[] = [
  { slots: ['k'], build: (v) => plain({ op: 'ldx', mode: 'imm', k: n(v[0]) }) },
  { slots: ['num'], build: (v) => plain({ op: 'ldx', mode: 'imm', k: n(v[0]) }) },
];

const JA: Form[] = [
  {
    slots: ['target'],
    build: (v) => ({ insn: { op: 'ja', k: 0 }, jumps: [{ field: 'k', target: t(v[0]) }] }),
  },
];

/**
 * Conditional jumps with one target (fall through when false) or two. `negate` marks the
 * pseudo-ops jne/jlt/jle, which bpf_asm assembles as the opposite test with jt and jf swapped.
 */
function jumpForms(cond: JumpCond, negate: boolean): Form[] {
  const [first, second] = negate ? (['jf', 'jt'] as const) : (['jt', 'jf'] as const);
  const forms: Form[] = [];
  for (const src of ['k', 'x'] as const) {
    const insn = (v: readonly Value[]): Insn => ({
      op: 'jmp',
      cond,
      src,
      k: src === 'k' ? n(v[0]) : 0,
      jt: 0,
      jf: 0,
    });
    forms.push({
      slots: [src, 'target'],
      build: (v) => ({ insn: insn(v), jumps: [{ field: first, target: t(v[1]) }] }),
    });
    forms.push({
      slots: [src, 'target', 'target'],
      build: (v) => ({
        insn: insn(v),
        jumps: [
          { field: first, target: t(v[1]) },
          { field: second, target: t(v[2]) },
        ],
      }),
    });
  }
  return forms;
}

function aluForms(alu: AluOp): Form[] {
  return [
    { slots: ['k'], build: (v) => plain({ op: 'alu', alu, src: 'k', k: n(v[0]) }) },
    { slots: ['x'], build: () => plain({ op: 'alu', alu, src: 'x', k: 0 }) },
  ];
}

const RET: Form[] = [
  // libpcap's bpf_image prints `ret a` as a bare `ret` (reference §7.2)
  { slots: [], build: () => plain({ op: 'ret', src: 'a' }) },
  { slots: ['k'], build: (v) => plain({ op: 'ret', src: 'k', k: n(v[0]) }) },
  { slots: ['a'], build: () => plain({ op: 'ret', src: 'a' }) },
  { slots: ['x'], build: () => plain({ op: 'ret', src: 'x' }) },
];

/** `unimp 0x21` (libpcap's name for an unknown code) and `.insn code, jt, jf, k` (ours). */
const UNIMP: Form[] = [
  { slots: ['num'], build: (v) => plain({ op: 'raw', code: n(v[0]), jt: 0, jf: 0, k: 0 }) },
];
const INSN: Form[] = [
  {
    slots: ['num', 'num', 'num', 'num'],
    build: (v) => plain({ op: 'raw', code: n(v[0]), jt: n(v[1]), jf: n(v[2]), k: n(v[3]) }),
  },
];

const ALU_OPS: readonly AluOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'];

/** Every mnemonic (lower case) and its forms; aliases share their forms. */
export const FORMS: ReadonlyMap<string, readonly Form[]> = new Map<string, readonly Form[]>([
  ['ld', LD],
  ['ldh', loadForms(2)],
  ['ldb', loadForms(1)],
  ['ldi', LDI],
  ['ldx', LDX],
  ['ldxi', LDXI],
  ['ldxb', [MSH]],
  ['st', [{ slots: ['mem'], build: (v) => plain({ op: 'st', k: n(v[0]) }) }]],
  ['stx', [{ slots: ['mem'], build: (v) => plain({ op: 'stx', k: n(v[0]) }) }]],
  ['ja', JA],
  ['jmp', JA],
  ['jeq', jumpForms('jeq', false)],
  ['jgt', jumpForms('jgt', false)],
  ['jge', jumpForms('jge', false)],
  ['jset', jumpForms('jset', false)],
  ['jne', jumpForms('jeq', true)],
  ['jneq', jumpForms('jeq', true)],
  ['jlt', jumpForms('jge', true)],
  ['jle', jumpForms('jgt', true)],
  ...ALU_OPS.map((op) => [op, aluForms(op)] as [string, Form[]]),
  ['neg', [{ slots: [], build: () => plain({ op: 'neg' }) }]],
  ['tax', [{ slots: [], build: () => plain({ op: 'tax' }) }]],
  ['txa', [{ slots: [], build: () => plain({ op: 'txa' }) }]],
  ['ret', RET],
  ['unimp', UNIMP],
  ['.insn', INSN],
]);

/** The limits of the raw fields of `.insn` and `unimp`: code 16 bits, jt/jf 8 bits, k 32 bits. */
export const RAW_LIMITS: readonly number[] = [0xffff, 0xff, 0xff, 0xffffffff];

/** Every mnemonic the assembler knows, lower case (for editor completion and docs). */
export const MNEMONICS: readonly string[] = [...FORMS.keys()];
