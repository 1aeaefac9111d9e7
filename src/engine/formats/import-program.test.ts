// SPDX-License-Identifier: MIT
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { arbProgramInsns } from '../../testkit/arbitrary-insn.ts';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { assemble } from '../asm/assemble.ts';
import type { Diagnostic } from '../diag/diagnostic.ts';
import type { Insn } from '../isa/insn.ts';
import { exportProgram, exportProgramBytes } from './export-program.ts';
import { importProgram } from './import-program.ts';
import { PROGRAM_FORMATS, type ProgramFormat } from './program-format.ts';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** `code line:col message` of each diagnostic, for one-line assertions. */
const brief = (ds: readonly Diagnostic[]) =>
  ds.map(
    (d) =>
      `${d.code} ${d.range ? `${d.range.startLine}:${d.range.startCol} ` : ''}${d.offset !== undefined ? `@${d.offset} ` : ''}${d.message}`,
  );

const ARP_INSNS: Insn[] = [
  { op: 'ld', mode: 'abs', size: 2, k: 12 },
  { op: 'jmp', cond: 'jeq', src: 'k', k: 0x806, jt: 0, jf: 1 },
  { op: 'ret', src: 'k', k: 0xffffffff },
  { op: 'ret', src: 'k', k: 0 },
];

describe('auto-detection', () => {
  it.each<[string, string, ProgramFormat]>([
    ['xt_bpf line', '4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,', 'xtbpf'],
    [
      'xt_bpf without trailing comma, with newline',
      '4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0\n',
      'xtbpf',
    ],
    ['xt_bpf in shell quotes', "'4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,'", 'xtbpf'],
    ['-ddd', '4\n40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0\n', 'ddd'],
    ['bpfc -f tcpdump (no count line)', '40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0', 'ddd'],
    [
      '-dd',
      '{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000806 },\n{ 0x6, 0, 0, 0xffffffff },\n{ 0x6, 0, 0, 0x00000000 },\n',
      'dd',
    ],
    [
      'bpf_asm -c',
      '{ 0x28,  0,  0, 0x0000000c },\n{ 0x15,  0,  1, 0x00000806 },\n{ 0x06,  0,  0, 0xffffffff },\n{ 0x06,  0,  0, 0000000000 },\n',
      'c',
    ],
    [
      'C declaration with comments and macros',
      [
        '#include <linux/filter.h>',
        '/* ARP only */',
        'static struct sock_filter code[] = {',
        '  BPF_STMT(BPF_LD + BPF_H + BPF_ABS, 12), // EtherType',
        '  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x806, 0, 1),',
        '  BPF_STMT(BPF_RET | BPF_K, -1),',
        '  { 0x06, 0, 0, 0 }',
        '};',
        'struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };',
      ].join('\n'),
      'c',
    ],
    [
      'tcpdump -d listing',
      '(000) ldh      [12]\n(001) jeq      #0x806           jt 2\tjf 3\n(002) ret      #-1\n(003) ret      #0\n',
      'd',
    ],
    ['bpf_asm source', '; arp\n  ldh [12]\n  jneq #0x806, drop\n  ret #-1\ndrop: ret #0\n', 'asm'],
    [
      'hex dump of raw records',
      '28 00 00 00 0c 00 00 00\n15 00 00 01 06 08 00 00\n06 00 00 00 ff ff ff ff\n06 00 00 00 00 00 00 00\n',
      'raw',
    ],
  ])('%s', (_name, text, format) => {
    const result = importProgram(text);
    expect(brief(result.diagnostics)).toEqual([]);
    expect(result.format).toBe(format);
    expect(result.program?.insns).toEqual(ARP_INSNS);
  });

  it('reads bytes with a NUL as raw records, other bytes as text', () => {
    const raw = exportProgramBytes({ insns: ARP_INSNS }, 'raw');
    expect(importProgram(raw)).toMatchObject({ format: 'raw', program: { insns: ARP_INSNS } });
    const text = new TextEncoder().encode('4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,\n');
    expect(importProgram(text)).toMatchObject({ format: 'xtbpf', program: { insns: ARP_INSNS } });
  });

  it('keeps a source map for text formats and byte offsets for raw', () => {
    const { program } = importProgram('2\n40 0 0 12\n6 0 0 0\n');
    expect(program?.sourceMap?.[1]).toEqual({ startLine: 3, startCol: 1, endLine: 3, endCol: 8 });
    const raw = importProgram(new Uint8Array([0x21, 0, 0, 0, 0, 0, 0, 0]));
    expect(raw.diagnostics).toEqual([expect.objectContaining({ code: 'ASM1501', pc: 0, offset: 0 })]);
  });
});

describe('errors are diagnostics with line:col or byte offset, never throws', () => {
  it.each<[string, string | Uint8Array, ProgramFormat | undefined, string[]]>([
    ['empty text', '  \n\n', undefined, ['ASM1101 expected a program but the input is empty']],
    ['empty bytes', new Uint8Array(0), undefined, ['ASM1101 expected a program but the input is empty']],
    [
      '-ddd count mismatch',
      '3\n40 0 0 12\n6 0 0 0\n',
      'ddd',
      ['ASM1103 1:1 instruction count mismatch: the count says 3 but 2 instructions follow'],
    ],
    [
      '-ddd garbage and field counts',
      '2\n40 0 0 12 7\n6 0 zz 0\n',
      undefined,
      [
        'ASM1106 2:1 expected 4 numbers (code jt jf k) but found 5',
        "ASM1105 3:5 expected a number but found 'zz'",
      ],
    ],
    [
      'xt_bpf numbers out of range',
      '2,65536 0 0 0,6 256 0 4294967296,',
      undefined,
      [
        'ASM1104 1:3 code out of range: expected 0..65535 but found 65536',
        'ASM1104 1:17 jt out of range: expected 0..255 but found 256',
        'ASM1104 1:23 k out of range: expected 0..4294967295 but found 4294967296',
      ],
    ],
    [
      'xt_bpf count mismatch',
      '3,6 0 0 0,',
      'xtbpf',
      ['ASM1103 1:1 instruction count mismatch: the count says 3 but 1 instruction follows'],
    ],
    [
      'xt_bpf without a count',
      '6 0 0 0,6 0 0 0',
      'xtbpf',
      ["ASM1105 1:1 expected the instruction count followed by ',' but found '6'"],
    ],
    [
      'C with 3 fields',
      '{ 0x28, 0, 0 },',
      undefined,
      ['ASM1106 1:1 expected 4 numbers (code jt jf k) but found 3'],
    ],
    [
      'C with garbage',
      'hello {6, 0, 0, 0}',
      undefined,
      ["ASM1109 1:1 expected an instruction '{ code, jt, jf, k }' but found 'hello'"],
    ],
    [
      'C with an unknown constant',
      'BPF_STMT(BPF_LD | BPF_HALF, 1)',
      undefined,
      ["ASM1108 1:19 unknown constant 'BPF_HALF'"],
    ],
    ['C with a bad octal literal', '{ 6, 0, 0, 09 }', 'c', ["ASM1105 1:12 expected a number but found '09'"]],
    [
      'C jt out of range',
      'BPF_JUMP(BPF_JMP+BPF_JEQ+BPF_K, 1, 300, 0)',
      'c',
      ['ASM1104 1:36 jt out of range: expected 0..255 but found 300'],
    ],
    [
      'raw length',
      new Uint8Array(12),
      'raw',
      ['ASM1107 @8 raw program length 12 is not a multiple of 8: 4 bytes left over'],
    ],
    [
      'raw wanted, text given',
      'ld #1',
      'raw',
      ['ASM1110 expected raw bytes (or a hex dump of them) but found text'],
    ],
    [
      'cBPF savefile',
      new Uint8Array([0xa1, 0xb2, 0xc3, 0xcb, 0x63, 0x42, 0x50, 0x46]),
      undefined,
      ['ASM1111 @0 this is a cBPF savefile, which this version cannot read'],
    ],
  ])('%s', (_name, input, format, expected) => {
    const result = importProgram(input, format);
    expect(brief(result.diagnostics)).toEqual(expected);
    expect(result.program).toBeUndefined();
  });

  it('never throws on arbitrary text or bytes', () => {
    const alphabet = fc.constantFrom(...'0123456789 ,{}()\n\t;#/*xX+-|abcdefBPF_STMTJUMP=[].\'"'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: alphabet, maxLength: 200 }),
          fc.string({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 64 }),
        ),
        (input) => {
          for (const format of [undefined, ...PROGRAM_FORMATS]) {
            const result = importProgram(input, format);
            expect(Array.isArray(result.diagnostics)).toBe(true);
            if (!result.program) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('C arrays: macros and expressions', () => {
  it('evaluates BPF_ constants, SKF_ offsets, seccomp names and offsetof', () => {
    const text = [
      'struct sock_filter filter[] = {',
      '  BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),',
      '  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xc000003e, 1, 0),',
      '  BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),',
      '  BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1]) + 4),',
      '  BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),',
      '  BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_NET_OFF + 9),',
      '  BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~0xf & 0xff),',
      '  BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (1 & SECCOMP_RET_DATA)),',
      '  BPF_STMT(BPF_RET + BPF_A, (unsigned int) 0),',
      '};',
    ].join('\n');
    const result = importProgram(text);
    expect(brief(result.diagnostics)).toEqual([]);
    expect(result.program?.insns).toEqual([
      { op: 'ld', mode: 'abs', size: 4, k: 4 },
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0xc000003e, jt: 1, jf: 0 },
      { op: 'ret', src: 'k', k: 0x80000000 },
      { op: 'ld', mode: 'abs', size: 4, k: 28 },
      { op: 'ld', mode: 'abs', size: 1, k: 0xfffff004 },
      { op: 'ld', mode: 'abs', size: 1, k: 0xfff00009 },
      { op: 'alu', alu: 'and', src: 'k', k: 0xf0 },
      { op: 'ret', src: 'k', k: 0x00050001 },
      { op: 'ret', src: 'a' },
    ]);
    expect(result.program?.sourceMap?.[1]).toMatchObject({ startLine: 3, startCol: 3 });
  });
});

/** Programs each format can carry exactly (listings need labels, -d cannot carry raw bits or M[16+]). */
function arbFor(format: ProgramFormat): fc.Arbitrary<Insn[]> {
  if (format !== 'd') return arbProgramInsns(40);
  const inRange = (i: Insn): Insn =>
    'k' in i && (i.op === 'st' || i.op === 'stx' || ((i.op === 'ld' || i.op === 'ldx') && i.mode === 'mem'))
      ? { ...i, k: i.k % 16 }
      : i;
  return arbProgramInsns(40, { raw: false }).map((insns) => insns.map(inRange));
}

describe('round trip: export then import gives the same instructions, for every format', () => {
  it.each(PROGRAM_FORMATS)('%s', (format) => {
    fc.assert(
      fc.property(arbFor(format), (insns) => {
        const exported =
          format === 'raw' ? exportProgramBytes({ insns }, 'raw') : exportProgram({ insns }, format);
        const detected = importProgram(exported);
        expect(brief(detected.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
        // bpf_asm -c text is -dd text when every code >= 0x10, jt/jf >= 10 and k != 0: then it reads as dd.
        const sameAsDd = format === 'c' && exported === exportProgram({ insns }, 'dd');
        expect(detected.format).toBe(sameAsDd ? 'dd' : format);
        expect(detected.program?.insns).toEqual(insns);
        expect(importProgram(exportProgram({ insns }, format), format).program?.insns).toEqual(insns);
      }),
      { numRuns: format === 'asm' || format === 'd' ? 150 : 200 },
    );
  });
});

describe('interop fixture: bpfc output formats import to the program bpfc assembled', () => {
  const source = assemble(fixture('interop.bpf'));
  it('our assembler reads the fixture source', () => {
    expect(brief(source.diagnostics)).toEqual([]);
  });

  it.each<[string, ProgramFormat]>([
    ['interop.bpfc-C.txt', 'dd'],
    ['interop.bpfc-xt_bpf.txt', 'xtbpf'],
    ['interop.bpfc-tcpdump.txt', 'ddd'],
  ])('%s imports as %s', (name, format) => {
    const result = importProgram(fixture(name));
    expect(brief(result.diagnostics)).toEqual([]);
    expect(result.format).toBe(format);
    expect(result.program?.insns).toEqual(source.program?.insns);
  });

  const bpfc = requireTool('bpfc', 'the Debian package netsniff-ng');
  describe.skipIf(!bpfc)('bpfc today prints the committed fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpflab-interop-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const src = new URL('./testdata/interop.bpf', import.meta.url).pathname;
    it.each([
      ['C', 'interop.bpfc-C.txt'],
      ['xt_bpf', 'interop.bpfc-xt_bpf.txt'],
      ['tcpdump', 'interop.bpfc-tcpdump.txt'],
    ])('-f %s', (flag, name) => {
      const out = runTool(bpfc!, ['-f', flag, '-i', src]);
      expect(out).toBe(fixture(name));
      expect(importProgram(out).program?.insns).toEqual(source.program?.insns);
    });
  });
});

const EXPRESSIONS = readFileSync(new URL('../isa/testdata/expressions.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));
const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

describe.skipIf(!tcpdump)('tcpdump output of real expressions imports and re-assembles identically', () => {
  it.each(EXPRESSIONS)('%s', (expr) => {
    const fromDdd = importProgram(runTool(tcpdump!, ['-ddd', '-y', 'EN10MB', expr]));
    expect(fromDdd.format).toBe('ddd');
    const insns = fromDdd.program!.insns;
    // The -dd C array and the -d listing (through the assembler) give the same program.
    expect(importProgram(runTool(tcpdump!, ['-dd', '-y', 'EN10MB', expr]))).toMatchObject({
      format: 'dd',
      program: { insns },
    });
    expect(importProgram(runTool(tcpdump!, ['-d', '-y', 'EN10MB', expr]))).toMatchObject({
      format: 'd',
      program: { insns },
    });
    // Disassembled in either dialect, it re-assembles to the same instructions.
    for (const style of ['asm', 'd'] as const) {
      expect(assemble(exportProgram({ insns }, style)).program?.insns).toEqual(insns);
    }
  });
});
