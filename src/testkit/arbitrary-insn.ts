// SPDX-License-Identifier: MIT
/**
 * fast-check arbitraries for classic BPF instructions, shared by every property test. They cover
 * every `Insn` variant (including `raw`), all load sizes, and the edge values the reference tools
 * disagree on: k = 0 and 0xffffffff, the Linux ancillary range SKF_AD_OFF+n, SKF_NET_OFF/SKF_LL_OFF
 * negative offsets, and jump offsets of 0 and 255.
 */
import fc from 'fast-check';
import { KNOWN_OPCODES } from '../engine/isa/codec.ts';
import type { AluOp, Insn, JumpCond, RawInsn, Size } from '../engine/isa/insn.ts';
import { SKF_AD_MAX, SKF_AD_OFF, SKF_LL_OFF, SKF_NET_OFF } from '../engine/isa/opcodes.ts';

/** Every ALU operation mnemonic. */
export const ALU_OPS: readonly AluOp[] = [
  'add',
  'sub',
  'mul',
  'div',
  'mod',
  'and',
  'or',
  'xor',
  'lsh',
  'rsh',
];
/** Every conditional jump mnemonic. */
export const JUMP_CONDS: readonly JumpCond[] = ['jeq', 'jgt', 'jge', 'jset'];

/** A u32 `k`, biased towards the edge values where semantics differ. */
export function arbK(): fc.Arbitrary<number> {
  return fc.oneof(
    {
      arbitrary: fc.constantFrom(0, 1, 2, 4, 14, 31, 32, 33, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
      weight: 3,
    },
    { arbitrary: fc.integer({ min: 0, max: 255 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: SKF_AD_MAX + 8 }).map((n) => (SKF_AD_OFF + n) >>> 0), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 64 }).map((n) => (SKF_NET_OFF + n) >>> 0), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 64 }).map((n) => (SKF_LL_OFF + n) >>> 0), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 3 },
  );
}

/** A scratch index: mostly 0..15 (BPF_MEMWORDS), sometimes any k (the checker's rule 5). */
export function arbScratchK(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 15 }), weight: 4 },
    { arbitrary: arbK(), weight: 1 },
  );
}

/** A jump offset 0..255, biased towards 0, 1 and 255. */
export function arbJumpOffset(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, 1, 254, 255), fc.integer({ min: 0, max: 255 }));
}

const arbSize: fc.Arbitrary<Size> = fc.constantFrom<Size>(1, 2, 4);
const arbSrc = fc.constantFrom<'k' | 'x'>('k', 'x');

/** A wire record whose code is not a known opcode (u8 codes mostly, some u16). */
export function arbUnknownRaw(): fc.Arbitrary<Insn> {
  const known = new Set(KNOWN_OPCODES);
  const code = fc
    .oneof(
      { arbitrary: fc.integer({ min: 0, max: 0xff }), weight: 4 },
      { arbitrary: fc.integer({ min: 0x100, max: 0xffff }), weight: 1 },
    )
    .filter((c) => !known.has(c));
  return fc
    .record({ code, jt: arbJumpOffset(), jf: arbJumpOffset(), k: arbK() })
    .map((r) => ({ op: 'raw', ...r }));
}

/** Options for `arbInsn`. */
export interface ArbInsnOptions {
  /** Include `raw` instructions (unknown opcodes); default true. */
  raw?: boolean;
  /** Largest jt/jf/ja offset; default 255. */
  maxJump?: number;
}

/** Any canonical instruction: every variant of the `Insn` union, with edge values for k/jt/jf. */
export function arbInsn(options: ArbInsnOptions = {}): fc.Arbitrary<Insn> {
  const maxJump = options.maxJump ?? 255;
  const jump = maxJump >= 255 ? arbJumpOffset() : fc.integer({ min: 0, max: maxJump });
  const k = arbK();
  const mem = arbScratchK();
  const variants: fc.Arbitrary<Insn>[] = [
    k.map((k): Insn => ({ op: 'ld', mode: 'imm', k })),
    fc.record({ size: arbSize, k }).map(({ size, k }): Insn => ({ op: 'ld', mode: 'abs', size, k })),
    fc.record({ size: arbSize, k }).map(({ size, k }): Insn => ({ op: 'ld', mode: 'ind', size, k })),
    mem.map((k): Insn => ({ op: 'ld', mode: 'mem', k })),
    fc.constant<Insn>({ op: 'ld', mode: 'len' }),
    k.map((k): Insn => ({ op: 'ldx', mode: 'imm', k })),
    mem.map((k): Insn => ({ op: 'ldx', mode: 'mem', k })),
    fc.constant<Insn>({ op: 'ldx', mode: 'len' }),
    k.map((k): Insn => ({ op: 'ldx', mode: 'msh', k })),
    mem.map((k): Insn => ({ op: 'st', k })),
    mem.map((k): Insn => ({ op: 'stx', k })),
    fc
      .record({ alu: fc.constantFrom(...ALU_OPS), src: arbSrc, k })
      .map(({ alu, src, k }): Insn => ({ op: 'alu', alu, src, k: src === 'x' ? 0 : k })),
    fc.constant<Insn>({ op: 'neg' }),
    (maxJump >= 255 ? k : fc.integer({ min: 0, max: maxJump })).map((k): Insn => ({ op: 'ja', k })),
    fc
      .record({ cond: fc.constantFrom(...JUMP_CONDS), src: arbSrc, k, jt: jump, jf: jump })
      .map(({ cond, src, k, jt, jf }): Insn => ({ op: 'jmp', cond, src, k: src === 'x' ? 0 : k, jt, jf })),
    k.map((k): Insn => ({ op: 'ret', src: 'k', k })),
    fc.constantFrom<Insn>({ op: 'ret', src: 'a' }, { op: 'ret', src: 'x' }),
    fc.constantFrom<Insn>({ op: 'tax' }, { op: 'txa' }),
  ];
  if (options.raw ?? true) variants.push(arbUnknownRaw());
  return fc.oneof(...variants);
}

/** Any wire record at all (u16 code, u8 jt/jf, u32 k), known opcode or not, canonical or not. */
export function arbRawInsn(): fc.Arbitrary<RawInsn> {
  return fc.oneof(
    fc.record({
      code: fc.constantFrom(...KNOWN_OPCODES),
      jt: arbJumpOffset(),
      jf: arbJumpOffset(),
      k: arbK(),
    }),
    fc.record({
      code: fc.integer({ min: 0, max: 0xffff }),
      jt: fc.integer({ min: 0, max: 255 }),
      jf: fc.integer({ min: 0, max: 255 }),
      k: arbK(),
    }),
  );
}

/** A list of 1..maxLength instructions (not necessarily a valid program). */
export function arbInsns(maxLength = 64, options: ArbInsnOptions = {}): fc.Arbitrary<Insn[]> {
  return fc.array(arbInsn(options), { minLength: 1, maxLength });
}

/** The instruction with its jump offsets folded into range for pc `pc` of an `n`-long program. */
function foldJumps(insn: Insn, pc: number, n: number): Insn {
  const room = n - pc - 1; // instructions after this one
  if (insn.op === 'ja') return room > 0 ? { ...insn, k: insn.k % room } : { op: 'ret', src: 'a' };
  if (insn.op === 'jmp') {
    if (room <= 0) return { op: 'ret', src: 'a' };
    const cap = Math.min(room, 256);
    return { ...insn, jt: insn.jt % cap, jf: insn.jf % cap };
  }
  return insn;
}

/**
 * 1..maxLength instructions whose jumps all land inside the program (forward, at most 255 ahead),
 * so every jump can be written with a label. Not necessarily valid for the checker otherwise.
 */
export function arbProgramInsns(maxLength = 64, options: ArbInsnOptions = {}): fc.Arbitrary<Insn[]> {
  return arbInsns(maxLength, options).map((insns) =>
    insns.map((insn, pc) => foldJumps(insn, pc, insns.length)),
  );
}
