// SPDX-License-Identifier: MIT
/**
 * Encoding and decoding between the typed `Insn` union and the wire form `struct sock_filter`.
 *
 * - `encode` is exact and canonical: fields an instruction does not use are written as 0.
 * - `decode` is total: every opcode Linux or libpcap knows (reference §4.3, §5 rule 2, §6) becomes
 *   its typed variant; any other code becomes `{op:'raw'}`. It never throws.
 * - A known opcode whose unused fields are non-zero (e.g. `tax` with k=5) decodes to the typed
 *   variant, because the kernel and `bpf_filter()` both run it by its code alone and ignore those
 *   fields. `decodeProgram` reports each ignored field as a warning (ASM1502), so such a program
 *   still runs, and each `raw` instruction as a warning too (ASM1501): the checker decides whether
 *   it may run.
 * - `decode` never yields `raw` for a known code, but others may build one (the assembler keeps
 *   `.insn 0x07, 0, 0, 5` raw to keep its bytes); `encode` writes any `raw` verbatim.
 */
import { type Diagnostic, warning } from '../diag/diagnostic.ts';
import type { AluOp, Insn, JumpCond, RawInsn, Size } from './insn.ts';
import {
  BPF_ABS,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_JSET,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MISC,
  BPF_MOD,
  BPF_MSH,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_RVAL_A,
  BPF_RVAL_K,
  BPF_RVAL_X,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_TXA,
  BPF_W,
  BPF_X,
  BPF_XOR,
} from './opcodes.ts';

/** Diagnostic code: an opcode no known machine defines (decoded as a `raw` instruction). */
export const ASM_UNKNOWN_OPCODE = 'ASM1501';
/** Diagnostic code: a known opcode carries a non-zero value in a field it does not use. */
export const ASM_IGNORED_FIELD = 'ASM1502';

/** ALU operation bits by mnemonic. */
export const ALU_OP_BITS: Readonly<Record<AluOp, number>> = {
  add: BPF_ADD,
  sub: BPF_SUB,
  mul: BPF_MUL,
  div: BPF_DIV,
  or: BPF_OR,
  and: BPF_AND,
  lsh: BPF_LSH,
  rsh: BPF_RSH,
  mod: BPF_MOD,
  xor: BPF_XOR,
};

/** Jump condition bits by mnemonic. */
export const JUMP_COND_BITS: Readonly<Record<JumpCond, number>> = {
  jeq: BPF_JEQ,
  jgt: BPF_JGT,
  jge: BPF_JGE,
  jset: BPF_JSET,
};

const SIZE_BITS: Readonly<Record<Size, number>> = { 4: BPF_W, 2: BPF_H, 1: BPF_B };

function checkField(value: number, max: number, name: string, insn: Insn): number {
  // An Insn outside its declared ranges is a bug in whoever built it (the assembler and importers
  // reject such input with diagnostics); wrapping it silently is bpfc's jump-wrap defect (§8).
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`encode: ${name}=${value} out of range 0..${max} in ${JSON.stringify(insn)}`);
  }
  return value;
}

const U32 = 0xffffffff;

function raw(insn: Insn, code: number, k = 0, jt = 0, jf = 0): RawInsn {
  return {
    code,
    jt: checkField(jt, 0xff, 'jt', insn),
    jf: checkField(jf, 0xff, 'jf', insn),
    k: checkField(k, U32, 'k', insn),
  };
}

/** Encode one instruction exactly and canonically (unused jt/jf/k are 0). */
export function encode(insn: Insn): RawInsn {
  switch (insn.op) {
    case 'ld':
      switch (insn.mode) {
        case 'imm':
          return raw(insn, BPF_LD | BPF_W | BPF_IMM, insn.k);
        case 'abs':
          return raw(insn, BPF_LD | SIZE_BITS[insn.size] | BPF_ABS, insn.k);
        case 'ind':
          return raw(insn, BPF_LD | SIZE_BITS[insn.size] | BPF_IND, insn.k);
        case 'mem':
          return raw(insn, BPF_LD | BPF_W | BPF_MEM, insn.k);
        case 'len':
          return raw(insn, BPF_LD | BPF_W | BPF_LEN);
      }
      break;
    case 'ldx':
      switch (insn.mode) {
        case 'imm':
          return raw(insn, BPF_LDX | BPF_W | BPF_IMM, insn.k);
        case 'mem':
          return raw(insn, BPF_LDX | BPF_W | BPF_MEM, insn.k);
        case 'len':
          return raw(insn, BPF_LDX | BPF_W | BPF_LEN);
        case 'msh':
          return raw(insn, BPF_LDX | BPF_B | BPF_MSH, insn.k);
      }
      break;
    case 'st':
      return raw(insn, BPF_ST, insn.k);
    case 'stx':
      return raw(insn, BPF_STX, insn.k);
    case 'alu': {
      const code = BPF_ALU | ALU_OP_BITS[insn.alu] | (insn.src === 'x' ? BPF_X : 0);
      return raw(insn, code, insn.src === 'x' ? 0 : insn.k);
    }
    case 'neg':
      return raw(insn, BPF_ALU | BPF_NEG);
    case 'ja':
      return raw(insn, BPF_JMP | BPF_JA, insn.k);
    case 'jmp': {
      const code = BPF_JMP | JUMP_COND_BITS[insn.cond] | (insn.src === 'x' ? BPF_X : 0);
      return raw(insn, code, insn.src === 'x' ? 0 : insn.k, insn.jt, insn.jf);
    }
    case 'ret':
      if (insn.src === 'k') return raw(insn, BPF_RET | BPF_RVAL_K, insn.k);
      return raw(insn, BPF_RET | (insn.src === 'a' ? BPF_RVAL_A : BPF_RVAL_X));
    case 'tax':
      return raw(insn, BPF_MISC | BPF_TAX);
    case 'txa':
      return raw(insn, BPF_MISC | BPF_TXA);
    case 'raw':
      return { ...raw(insn, 0, insn.k, insn.jt, insn.jf), code: checkField(insn.code, 0xffff, 'code', insn) };
  }
  throw new Error(`encode: unreachable instruction ${JSON.stringify(insn)}`);
}

/** Which of jt/jf/k an opcode's typed variant uses; the rest must be 0 in canonical form. */
interface Uses {
  k: boolean;
  jumps: boolean;
}

/** A decoder for one opcode: builds the typed variant from k/jt/jf. */
interface Entry {
  uses: Uses;
  build: (k: number, jt: number, jf: number) => Insn;
}

const K_ONLY: Uses = { k: true, jumps: false };
const NONE: Uses = { k: false, jumps: false };
const JUMPS_K: Uses = { k: true, jumps: true };
const JUMPS_ONLY: Uses = { k: false, jumps: true };

function buildTable(): Map<number, Entry> {
  const t = new Map<number, Entry>();
  t.set(0x00, { uses: K_ONLY, build: (k) => ({ op: 'ld', mode: 'imm', k }) });
  for (const size of [4, 2, 1] as const) {
    const bits = SIZE_BITS[size];
    t.set(BPF_LD | bits | BPF_ABS, { uses: K_ONLY, build: (k) => ({ op: 'ld', mode: 'abs', size, k }) });
    t.set(BPF_LD | bits | BPF_IND, { uses: K_ONLY, build: (k) => ({ op: 'ld', mode: 'ind', size, k }) });
  }
  t.set(0x60, { uses: K_ONLY, build: (k) => ({ op: 'ld', mode: 'mem', k }) });
  t.set(0x80, { uses: NONE, build: () => ({ op: 'ld', mode: 'len' }) });
  t.set(0x01, { uses: K_ONLY, build: (k) => ({ op: 'ldx', mode: 'imm', k }) });
  t.set(0x61, { uses: K_ONLY, build: (k) => ({ op: 'ldx', mode: 'mem', k }) });
  t.set(0x81, { uses: NONE, build: () => ({ op: 'ldx', mode: 'len' }) });
  t.set(0xb1, { uses: K_ONLY, build: (k) => ({ op: 'ldx', mode: 'msh', k }) });
  t.set(0x02, { uses: K_ONLY, build: (k) => ({ op: 'st', k }) });
  t.set(0x03, { uses: K_ONLY, build: (k) => ({ op: 'stx', k }) });
  for (const [alu, bits] of Object.entries(ALU_OP_BITS) as [AluOp, number][]) {
    t.set(BPF_ALU | bits, { uses: K_ONLY, build: (k) => ({ op: 'alu', alu, src: 'k', k }) });
    t.set(BPF_ALU | bits | BPF_X, { uses: NONE, build: () => ({ op: 'alu', alu, src: 'x', k: 0 }) });
  }
  t.set(0x84, { uses: NONE, build: () => ({ op: 'neg' }) });
  t.set(0x05, { uses: K_ONLY, build: (k) => ({ op: 'ja', k }) });
  for (const [cond, bits] of Object.entries(JUMP_COND_BITS) as [JumpCond, number][]) {
    t.set(BPF_JMP | bits, {
      uses: JUMPS_K,
      build: (k, jt, jf) => ({ op: 'jmp', cond, src: 'k', k, jt, jf }),
    });
    t.set(BPF_JMP | bits | BPF_X, {
      uses: JUMPS_ONLY,
      build: (_k, jt, jf) => ({ op: 'jmp', cond, src: 'x', k: 0, jt, jf }),
    });
  }
  t.set(0x06, { uses: K_ONLY, build: (k) => ({ op: 'ret', src: 'k', k }) });
  t.set(0x16, { uses: NONE, build: () => ({ op: 'ret', src: 'a' }) });
  t.set(0x0e, { uses: NONE, build: () => ({ op: 'ret', src: 'x' }) });
  t.set(0x07, { uses: NONE, build: () => ({ op: 'tax' }) });
  t.set(0x87, { uses: NONE, build: () => ({ op: 'txa' }) });
  return t;
}

const TABLE = buildTable();

/** Every opcode `decode` turns into a typed variant (Linux's allow-list plus libpcap's `ret x`). */
export const KNOWN_OPCODES: readonly number[] = [...TABLE.keys()].sort((a, b) => a - b);

/** Normalise a wire record to its field widths (u16 code, u8 jt/jf, u32 k). */
function normalise(r: RawInsn): RawInsn {
  return { code: (r.code >>> 0) & 0xffff, jt: (r.jt >>> 0) & 0xff, jf: (r.jf >>> 0) & 0xff, k: r.k >>> 0 };
}

/** Decode one wire record; total (unknown codes become `raw`), never throws. */
export function decode(r: RawInsn): Insn {
  const n = normalise(r);
  const entry = TABLE.get(n.code);
  if (!entry) return { op: 'raw', code: n.code, jt: n.jt, jf: n.jf, k: n.k };
  return entry.build(entry.uses.k ? n.k : 0, entry.uses.jumps ? n.jt : 0, entry.uses.jumps ? n.jf : 0);
}

/** The non-zero fields of a wire record that its opcode ignores (empty for raw or canonical). */
export function ignoredFields(r: RawInsn): { field: 'jt' | 'jf' | 'k'; value: number }[] {
  const n = normalise(r);
  const entry = TABLE.get(n.code);
  if (!entry) return [];
  const out: { field: 'jt' | 'jf' | 'k'; value: number }[] = [];
  if (!entry.uses.jumps && n.jt !== 0) out.push({ field: 'jt', value: n.jt });
  if (!entry.uses.jumps && n.jf !== 0) out.push({ field: 'jf', value: n.jf });
  if (!entry.uses.k && n.k !== 0) out.push({ field: 'k', value: n.k });
  return out;
}

const hex = (n: number, width = 2) => `0x${n.toString(16).padStart(width, '0')}`;

/** Warnings for one decoded record: unknown opcode (ASM1501) or ignored non-zero fields (ASM1502). */
export function decodeDiagnostics(r: RawInsn, pc: number): Diagnostic[] {
  const n = normalise(r);
  if (!TABLE.has(n.code)) {
    return [
      warning(
        ASM_UNKNOWN_OPCODE,
        `unknown opcode ${hex(n.code)} at pc ${pc}: expected a classic BPF opcode`,
        {
          pc,
          hint: 'kept as a raw instruction: the Linux checker rejects it, and libpcap aborts on codes it does not run',
        },
      ),
    ];
  }
  const insn = decode(n);
  return ignoredFields(n).map(({ field, value }) =>
    warning(
      ASM_IGNORED_FIELD,
      `${describeOp(insn)} at pc ${pc} ignores ${field}: expected 0 but found ${field === 'k' ? hex(value) : value}`,
      { pc, hint: `the field is not used by this opcode and is dropped; re-export to get canonical bytes` },
    ),
  );
}

function describeOp(insn: Insn): string {
  if (insn.op === 'alu') return `${insn.alu} ${insn.src}`;
  if (insn.op === 'jmp') return `${insn.cond} ${insn.src}`;
  if (insn.op === 'ret') return `ret ${insn.src}`;
  if (insn.op === 'ld' || insn.op === 'ldx') return `${insn.op} ${insn.mode}`;
  return insn.op;
}

/** Decode a whole program, with a warning for each raw instruction and each ignored field. */
export function decodeProgram(raws: readonly RawInsn[]): { insns: Insn[]; diagnostics: Diagnostic[] } {
  const insns: Insn[] = [];
  const diagnostics: Diagnostic[] = [];
  raws.forEach((r, pc) => {
    insns.push(decode(r));
    diagnostics.push(...decodeDiagnostics(r, pc));
  });
  return { insns, diagnostics };
}

/** Encode a whole program (see `encode`). */
export function encodeProgram(insns: readonly Insn[]): RawInsn[] {
  return insns.map(encode);
}
