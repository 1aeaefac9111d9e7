// SPDX-License-Identifier: MIT
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { arbProgramInsns } from '../../testkit/arbitrary-insn.ts';
import { parseDdd } from '../../testkit/ddd.ts';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { assemble } from '../asm/assemble.ts';
import type { Program } from '../program.ts';
import { decodeProgram, encodeProgram } from './codec.ts';
import { assignLabels, formatAsmInsn, formatAsmListing, isPortableLabel } from './format-asm.ts';
import type { Insn, RawInsn } from './insn.ts';
import { disassemble, formatInsn } from './listing.ts';
import { extensionK, SKF_NET_OFF } from './opcodes.ts';

const EXPRESSIONS = readFileSync(new URL('./testdata/expressions.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

const ret0: Insn = { op: 'ret', src: 'k', k: 0 };

describe('bpf_asm instruction text', () => {
  it.each<[Insn, string]>([
    [{ op: 'ld', mode: 'imm', k: 0x800 }, 'ld #0x800'],
    [{ op: 'ld', mode: 'abs', size: 4, k: 26 }, 'ld [26]'],
    [{ op: 'ld', mode: 'abs', size: 2, k: 12 }, 'ldh [12]'],
    [{ op: 'ld', mode: 'abs', size: 1, k: 23 }, 'ldb [23]'],
    [{ op: 'ld', mode: 'ind', size: 2, k: 14 }, 'ldh [x + 14]'],
    [{ op: 'ld', mode: 'mem', k: 3 }, 'ld M[3]'],
    [{ op: 'ld', mode: 'len' }, 'ld #len'],
    [{ op: 'ld', mode: 'abs', size: 4, k: extensionK('proto') }, 'ld #proto'],
    [{ op: 'ld', mode: 'abs', size: 2, k: extensionK('vlan_tci') }, 'ldh #vlan_tci'],
    [{ op: 'ld', mode: 'abs', size: 4, k: extensionK('vlan_avail') }, 'ld #vlan_avail'],
    // bpf_asm has no keyword for SKF_AD_ALU_XOR_X, nor for SKF_NET_OFF loads: the offset is spelled out.
    [{ op: 'ld', mode: 'abs', size: 4, k: extensionK('xor_x') }, 'ld [0xfffff028]'],
    [{ op: 'ld', mode: 'abs', size: 1, k: SKF_NET_OFF + 9 }, 'ldb [0xfff00009]'],
    [{ op: 'ldx', mode: 'imm', k: 4 }, 'ldx #0x4'],
    [{ op: 'ldx', mode: 'mem', k: 15 }, 'ldx M[15]'],
    [{ op: 'ldx', mode: 'len' }, 'ldx #len'],
    [{ op: 'ldx', mode: 'msh', k: 14 }, 'ldxb 4*([14]&0xf)'],
    [{ op: 'st', k: 0 }, 'st M[0]'],
    [{ op: 'stx', k: 1 }, 'stx M[1]'],
    [{ op: 'alu', alu: 'add', src: 'k', k: 14 }, 'add #14'],
    [{ op: 'alu', alu: 'and', src: 'k', k: 0x1fff }, 'and #0x1fff'],
    [{ op: 'alu', alu: 'sub', src: 'k', k: 0xffffffff }, 'sub #0xffffffff'],
    [{ op: 'alu', alu: 'lsh', src: 'x', k: 0 }, 'lsh x'],
    [{ op: 'neg' }, 'neg'],
    [{ op: 'ja', k: 2 }, 'ja L8'],
    [{ op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 1, jf: 2 }, 'jeq #0x800, L7, L8'],
    [{ op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 1, jf: 0 }, 'jeq #0x800, L7'],
    [{ op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 0, jf: 3 }, 'jneq #0x800, L9'],
    [{ op: 'jmp', cond: 'jge', src: 'x', k: 0, jt: 0, jf: 3 }, 'jlt x, L9'],
    [{ op: 'jmp', cond: 'jgt', src: 'k', k: 9, jt: 0, jf: 3 }, 'jle #0x9, L9'],
    [{ op: 'jmp', cond: 'jset', src: 'k', k: 1, jt: 0, jf: 3 }, 'jset #0x1, L6, L9'],
    [{ op: 'ret', src: 'k', k: 262144 }, 'ret #262144'],
    [{ op: 'ret', src: 'k', k: 0xffffffff }, 'ret #0xffffffff'],
    [{ op: 'ret', src: 'a' }, 'ret a'],
    [{ op: 'ret', src: 'x' }, 'ret x'],
    [{ op: 'tax' }, 'tax'],
    [{ op: 'txa' }, 'txa'],
    [{ op: 'raw', code: 0x21, jt: 1, jf: 2, k: 0xdead }, '.insn 0x21, 1, 2, 0xdead'],
  ])('%j', (insn, text) => {
    expect(formatAsmInsn(insn, 5)).toBe(text);
    expect(formatInsn(insn, 5, 'asm')).toBe(text);
  });

  it('names jump targets through the given function', () => {
    const insn: Insn = { op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 0, jf: 1 };
    expect(formatAsmInsn(insn, 0, (pc) => `target_${pc}`)).toBe('jneq #0x1, target_2');
  });
});

describe('bpf_asm listing', () => {
  it('labels jump targets L<pc> and indents to the widest label', () => {
    const program: Program = {
      insns: [
        { op: 'ld', mode: 'abs', size: 2, k: 12 },
        { op: 'jmp', cond: 'jeq', src: 'k', k: 0x806, jt: 0, jf: 1 },
        { op: 'ret', src: 'k', k: 0xffffffff },
        ret0,
      ],
    };
    expect(disassemble(program, 'asm')).toBe(
      ['    ldh [12]', '    jneq #0x806, L3', '    ret #0xffffffff', 'L3: ret #0', ''].join('\n'),
    );
  });

  it("uses the author's labels and comments", () => {
    const program: Program = {
      insns: [
        { op: 'ld', mode: 'abs', size: 2, k: 12 },
        { op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 0, jf: 1 },
        ret0,
        ret0,
      ],
      labels: { 0: 'start', 3: 'drop' },
      comments: { 0: 'EtherType', 1: 'IPv4?\nelse drop' },
    };
    expect(formatAsmListing(program)).toBe(
      [
        'start: ldh [12] ; EtherType',
        '       jneq #0x800, drop ; IPv4? else drop',
        '       ret #0',
        'drop:  ret #0',
        '',
      ].join('\n'),
    );
    expect(formatAsmListing(program, { comments: false })).not.toContain(';');
  });

  it('replaces labels bpf_asm cannot spell and avoids collisions', () => {
    const program: Program = {
      insns: [{ op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 1, jf: 2 }, { op: 'ja', k: 1 }, ret0, ret0],
      labels: { 1: 'x', 2: 'ret', 3: 'L2' },
    };
    expect(isPortableLabel('x')).toBe(false);
    expect(isPortableLabel('ret')).toBe(false);
    expect(isPortableLabel('L2')).toBe(true);
    // pc 1 is no jump target and 'x' is not a portable name, so it gets no label at all.
    expect([...assignLabels(program).entries()].sort()).toEqual([
      [2, 'L2_1'],
      [3, 'L2'],
    ]);
  });

  it('writes .insn where no label can name the target (past the end, backward)', () => {
    const program: Program = {
      insns: [{ op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 0, jf: 9 }, { op: 'ja', k: 0xffffffff }, ret0],
    };
    expect(disassemble(program, 'asm')).toBe('.insn 0x15, 0, 9, 0x1\n.insn 0x5, 0, 0, 0xffffffff\nret #0\n');
  });

  it('writes .insn for a scratch index past M[15], which assemblers refuse', () => {
    expect(disassemble({ insns: [{ op: 'st', k: 16 }, ret0] }, 'asm')).toBe(
      '.insn 0x2, 0, 0, 0x10\nret #0\n',
    );
  });
});

describe('round trip through our assembler', () => {
  it('asm: disassemble then assemble gives the same instructions (any program)', () => {
    fc.assert(
      fc.property(arbProgramInsns(48), (insns) => {
        const result = assemble(disassemble({ insns }, 'asm'));
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.program?.insns).toEqual(insns);
      }),
      { numRuns: 300 },
    );
  });

  it('asm: keeps label names the author gave', () => {
    const text = 'start: ldh [12]\n jneq #0x800, drop\n ret #-1\ndrop: ret #0\n';
    const first = assemble(text).program!;
    const again = assemble(disassemble(first, 'asm')).program!;
    expect(again.insns).toEqual(first.insns);
    expect(again.labels).toMatchObject({ 0: 'start', 3: 'drop' });
  });

  it('d: a tcpdump -d listing re-assembles to the same instructions', () => {
    // libpcap's listing cannot carry a raw code's k, and our assembler refuses M[k] for k > 15.
    const scratchInRange = (i: Insn): Insn =>
      'k' in i && (i.op === 'st' || i.op === 'stx' || ((i.op === 'ld' || i.op === 'ldx') && i.mode === 'mem'))
        ? { ...i, k: i.k % 16 }
        : i;
    fc.assert(
      fc.property(arbProgramInsns(48, { raw: false }), (generated) => {
        const insns = generated.map(scratchInRange);
        const result = assemble(disassemble({ insns }, 'd'));
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.program?.insns).toEqual(insns);
      }),
      { numRuns: 200 },
    );
  });
});

const bpfc = requireTool('bpfc', 'the Debian package netsniff-ng');
const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

describe.skipIf(!bpfc)('interop: bpfc assembles our bpf_asm text to the same bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpflab-asm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Assemble with bpfc (`-b`: no validation, we test the encoding) and read its -f tcpdump lines. */
  function bpfcBytes(text: string): RawInsn[] {
    const file = join(dir, 'prog.bpf');
    writeFileSync(file, text);
    const out = runTool(bpfc!, ['-b', '-f', 'tcpdump', '-i', file]);
    return out
      .trim()
      .split('\n')
      .map((l) => {
        const [code, jt, jf, k] = l.split(' ').map(Number) as [number, number, number, number];
        return { code, jt, jf, k };
      });
  }

  // bpfc lacks `.insn` and the keywords vlan_avail, rand and vlan_tpid (reference §4.5).
  const bpfcCanRead = (text: string) => !/\.insn|vlan_avail|#rand|vlan_tpid/.test(text);

  it('for random programs', () => {
    fc.assert(
      fc.property(arbProgramInsns(40, { raw: false }), (insns) => {
        const text = disassemble({ insns }, 'asm');
        fc.pre(bpfcCanRead(text));
        expect(bpfcBytes(text)).toEqual(encodeProgram(insns));
      }),
      { numRuns: 40 },
    );
  });

  it.skipIf(!tcpdump).each(EXPRESSIONS)('for tcpdump -ddd of %s', (expr) => {
    const raws = parseDdd(runTool(tcpdump!, ['-ddd', '-y', 'EN10MB', expr]));
    const { insns } = decodeProgram(raws);
    const text = disassemble({ insns }, 'asm');
    if (!bpfcCanRead(text)) return; // ip6 protochain jumps backward: only .insn can say that
    // Canonical bytes: libpcap sometimes leaves a stale k on `tax`, which decoding drops.
    expect(bpfcBytes(text)).toEqual(encodeProgram(insns));
  });
});
