// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsn, arbRawInsn } from '../../testkit/arbitrary-insn.ts';
import {
  ASM_IGNORED_FIELD,
  ASM_UNKNOWN_OPCODE,
  decode,
  decodeProgram,
  encode,
  encodeProgram,
  ignoredFields,
  KNOWN_OPCODES,
} from './codec.ts';
import type { Insn } from './insn.ts';

/** Every opcode Linux or libpcap knows, with its typed form (reference §4.3, §5 rule 2). */
const TABLE: [number, Insn][] = [
  [0x00, { op: 'ld', mode: 'imm', k: 7 }],
  [0x20, { op: 'ld', mode: 'abs', size: 4, k: 7 }],
  [0x28, { op: 'ld', mode: 'abs', size: 2, k: 7 }],
  [0x30, { op: 'ld', mode: 'abs', size: 1, k: 7 }],
  [0x40, { op: 'ld', mode: 'ind', size: 4, k: 7 }],
  [0x48, { op: 'ld', mode: 'ind', size: 2, k: 7 }],
  [0x50, { op: 'ld', mode: 'ind', size: 1, k: 7 }],
  [0x60, { op: 'ld', mode: 'mem', k: 7 }],
  [0x80, { op: 'ld', mode: 'len' }],
  [0x01, { op: 'ldx', mode: 'imm', k: 7 }],
  [0x61, { op: 'ldx', mode: 'mem', k: 7 }],
  [0x81, { op: 'ldx', mode: 'len' }],
  [0xb1, { op: 'ldx', mode: 'msh', k: 7 }],
  [0x02, { op: 'st', k: 7 }],
  [0x03, { op: 'stx', k: 7 }],
  [0x04, { op: 'alu', alu: 'add', src: 'k', k: 7 }],
  [0x0c, { op: 'alu', alu: 'add', src: 'x', k: 0 }],
  [0x14, { op: 'alu', alu: 'sub', src: 'k', k: 7 }],
  [0x1c, { op: 'alu', alu: 'sub', src: 'x', k: 0 }],
  [0x24, { op: 'alu', alu: 'mul', src: 'k', k: 7 }],
  [0x2c, { op: 'alu', alu: 'mul', src: 'x', k: 0 }],
  [0x34, { op: 'alu', alu: 'div', src: 'k', k: 7 }],
  [0x3c, { op: 'alu', alu: 'div', src: 'x', k: 0 }],
  [0x44, { op: 'alu', alu: 'or', src: 'k', k: 7 }],
  [0x4c, { op: 'alu', alu: 'or', src: 'x', k: 0 }],
  [0x54, { op: 'alu', alu: 'and', src: 'k', k: 7 }],
  [0x5c, { op: 'alu', alu: 'and', src: 'x', k: 0 }],
  [0x64, { op: 'alu', alu: 'lsh', src: 'k', k: 7 }],
  [0x6c, { op: 'alu', alu: 'lsh', src: 'x', k: 0 }],
  [0x74, { op: 'alu', alu: 'rsh', src: 'k', k: 7 }],
  [0x7c, { op: 'alu', alu: 'rsh', src: 'x', k: 0 }],
  [0x84, { op: 'neg' }],
  [0x94, { op: 'alu', alu: 'mod', src: 'k', k: 7 }],
  [0x9c, { op: 'alu', alu: 'mod', src: 'x', k: 0 }],
  [0xa4, { op: 'alu', alu: 'xor', src: 'k', k: 7 }],
  [0xac, { op: 'alu', alu: 'xor', src: 'x', k: 0 }],
  [0x05, { op: 'ja', k: 7 }],
  [0x15, { op: 'jmp', cond: 'jeq', src: 'k', k: 7, jt: 1, jf: 2 }],
  [0x1d, { op: 'jmp', cond: 'jeq', src: 'x', k: 0, jt: 1, jf: 2 }],
  [0x25, { op: 'jmp', cond: 'jgt', src: 'k', k: 7, jt: 1, jf: 2 }],
  [0x2d, { op: 'jmp', cond: 'jgt', src: 'x', k: 0, jt: 1, jf: 2 }],
  [0x35, { op: 'jmp', cond: 'jge', src: 'k', k: 7, jt: 1, jf: 2 }],
  [0x3d, { op: 'jmp', cond: 'jge', src: 'x', k: 0, jt: 1, jf: 2 }],
  [0x45, { op: 'jmp', cond: 'jset', src: 'k', k: 7, jt: 1, jf: 2 }],
  [0x4d, { op: 'jmp', cond: 'jset', src: 'x', k: 0, jt: 1, jf: 2 }],
  [0x06, { op: 'ret', src: 'k', k: 7 }],
  [0x16, { op: 'ret', src: 'a' }],
  [0x0e, { op: 'ret', src: 'x' }],
  [0x07, { op: 'tax' }],
  [0x87, { op: 'txa' }],
];

const usesK = (i: Insn) =>
  'k' in i && !(i.op === 'alu' && i.src === 'x') && !(i.op === 'jmp' && i.src === 'x');
const usesJumps = (i: Insn) => i.op === 'jmp';

describe('encode/decode table', () => {
  it('lists exactly the known opcodes', () => {
    expect([...TABLE.map(([c]) => c)].sort((a, b) => a - b)).toEqual(KNOWN_OPCODES);
  });

  it.each(TABLE)('opcode %d encodes and decodes canonically', (code, insn) => {
    const expected = {
      code,
      jt: usesJumps(insn) ? 1 : 0,
      jf: usesJumps(insn) ? 2 : 0,
      k: usesK(insn) ? 7 : 0,
    };
    expect(encode(insn)).toEqual(expected);
    expect(decode(expected)).toEqual(insn);
    // Fields the opcode does not use are dropped on decode (the kernel and libpcap ignore them).
    expect(decode({ code, jt: 1, jf: 2, k: 7 })).toEqual(insn);
  });

  it.each([0x21, 0xff, 0x08, 0x8c, 0x0d, 0x1e, 0x38, 0x100, 0x128, 0xffff])(
    'unknown code %d becomes raw, bits kept',
    (code) => {
      const r = { code, jt: 3, jf: 4, k: 0xdeadbeef };
      expect(decode(r)).toEqual({ op: 'raw', ...r });
      expect(encode(decode(r))).toEqual(r);
    },
  );
});

describe('decodeProgram diagnostics', () => {
  it('warns about a tax with k=5 and still decodes tax', () => {
    const { insns, diagnostics } = decodeProgram([{ code: 0x07, jt: 0, jf: 0, k: 5 }]);
    expect(insns).toEqual([{ op: 'tax' }]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: ASM_IGNORED_FIELD, pc: 0 });
    expect(diagnostics[0]?.message).toContain('ignores k');
  });

  it('names each ignored field of a non-canonical ret a', () => {
    const { diagnostics } = decodeProgram([{ code: 0x16, jt: 1, jf: 2, k: 3 }]);
    expect(diagnostics.map((d) => d.message.match(/ignores (\w+)/)?.[1])).toEqual(['jt', 'jf', 'k']);
  });

  it('warns about a raw instruction with its pc', () => {
    const { insns, diagnostics } = decodeProgram([
      { code: 0x06, jt: 0, jf: 0, k: 0 },
      { code: 0x21, jt: 0, jf: 0, k: 0 },
    ]);
    expect(insns[1]).toEqual({ op: 'raw', code: 0x21, jt: 0, jf: 0, k: 0 });
    expect(diagnostics).toEqual([expect.objectContaining({ code: ASM_UNKNOWN_OPCODE, pc: 1 })]);
    expect(diagnostics[0]?.message).toContain('0x21');
  });

  it('is silent for canonical known instructions', () => {
    expect(decodeProgram(encodeProgram(TABLE.map(([, i]) => i))).diagnostics).toEqual([]);
  });
});

describe('encode invariants', () => {
  it('throws (internal invariant) on a jump offset beyond 255 instead of wrapping', () => {
    expect(() => encode({ op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 256, jf: 0 })).toThrow(RangeError);
  });

  it('throws on a k that is not a u32', () => {
    expect(() => encode({ op: 'ld', mode: 'imm', k: -1 })).toThrow(RangeError);
    expect(() => encode({ op: 'ld', mode: 'imm', k: 2 ** 32 })).toThrow(RangeError);
  });

  it('writes 0 for the unused k of an X-source instruction', () => {
    expect(encode({ op: 'alu', alu: 'add', src: 'x', k: 9 }).k).toBe(0);
  });
});

describe('round-trip properties', () => {
  it('decode(encode(insn)) === insn for every canonical instruction', () => {
    fc.assert(
      fc.property(arbInsn(), (insn) => {
        expect(decode(encode(insn))).toEqual(insn);
      }),
      { numRuns: 1500 },
    );
  });

  it('decode is total and encode(decode(r)) differs from r only in ignored fields', () => {
    fc.assert(
      fc.property(arbRawInsn(), (r) => {
        const back = encode(decode(r));
        const ignored = ignoredFields(r);
        const cleaned = { ...r };
        for (const { field } of ignored) cleaned[field] = 0;
        expect(back).toEqual(cleaned);
      }),
      { numRuns: 1500 },
    );
  });
});
