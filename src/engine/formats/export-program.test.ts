// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDdd, parseRecords } from '../../testkit/ddd.ts';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { decodeProgram } from '../isa/codec.ts';
import type { Insn } from '../isa/insn.ts';
import type { Program } from '../program.ts';
import { exportProgram, exportProgramBytes } from './export-program.ts';

const EXPRESSIONS = readFileSync(new URL('../isa/testdata/expressions.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

/** `arp` as bpf_asm's own documentation example (reference §4.6). */
const ARP: Program = {
  insns: [
    { op: 'ld', mode: 'abs', size: 2, k: 12 },
    { op: 'jmp', cond: 'jeq', src: 'k', k: 0x806, jt: 0, jf: 1 },
    { op: 'ret', src: 'k', k: 0xffffffff },
    { op: 'ret', src: 'k', k: 0 },
  ],
};

describe('exact text of each format', () => {
  it('xtbpf is bpf_asm default output: N, then "c t f k," each, then a newline', () => {
    expect(exportProgram(ARP, 'xtbpf')).toBe('4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,\n');
  });

  it('c is bpf_asm -c: %#04x, %2u, %2u, %#010x (zero prints as plain zeros)', () => {
    expect(exportProgram(ARP, 'c')).toBe(
      [
        '{ 0x28,  0,  0, 0x0000000c },',
        '{ 0x15,  0,  1, 0x00000806 },',
        '{ 0x06,  0,  0, 0xffffffff },',
        '{ 0x06,  0,  0, 0000000000 },',
        '',
      ].join('\n'),
    );
    const wide: Program = {
      insns: [
        { op: 'ld', mode: 'imm', k: 0 },
        { op: 'raw', code: 0x128, jt: 200, jf: 7, k: 1 },
      ],
    };
    expect(exportProgram(wide, 'c')).toBe('{ 0000,  0,  0, 0000000000 },\n{ 0x128, 200,  7, 0x00000001 },\n');
  });

  it('dd is tcpdump -dd: { 0x%x, %d, %d, 0x%08x },', () => {
    expect(exportProgram(ARP, 'dd')).toBe(
      '{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000806 },\n{ 0x6, 0, 0, 0xffffffff },\n{ 0x6, 0, 0, 0x00000000 },\n',
    );
  });

  it('ddd is tcpdump -ddd: the count, then code jt jf k', () => {
    expect(exportProgram(ARP, 'ddd')).toBe('4\n40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0\n');
  });

  it('d and asm are the listings', () => {
    expect(exportProgram(ARP, 'd')).toBe(
      '(000) ldh      [12]\n(001) jeq      #0x806           jt 2\tjf 3\n(002) ret      #-1\n(003) ret      #0\n',
    );
    expect(exportProgram(ARP, 'asm')).toBe(
      '    ldh [12]\n    jneq #0x806, L3\n    ret #0xffffffff\nL3: ret #0\n',
    );
  });

  it('raw is little-endian 8-byte records; as text, a hex dump of them', () => {
    const insns: Insn[] = [
      { op: 'ld', mode: 'abs', size: 4, k: 0x01020304 },
      { op: 'raw', code: 0x1234, jt: 5, jf: 6, k: 0xfffffffe },
    ];
    expect([...exportProgramBytes({ insns }, 'raw')]).toEqual([
      0x20, 0x00, 0x00, 0x00, 0x04, 0x03, 0x02, 0x01, 0x34, 0x12, 0x05, 0x06, 0xfe, 0xff, 0xff, 0xff,
    ]);
    expect([...exportProgramBytes({ insns })]).toEqual([...exportProgramBytes({ insns }, 'raw')]);
    expect(exportProgram({ insns }, 'raw')).toBe('20 00 00 00 04 03 02 01\n34 12 05 06 fe ff ff ff\n');
  });

  it('exportProgramBytes of a text format is its UTF-8 text', () => {
    const program: Program = { ...ARP, comments: { 0: 'EtherType → ARP?' } };
    const bytes = exportProgramBytes(program, 'asm');
    expect(new TextDecoder().decode(bytes)).toBe(exportProgram(program, 'asm'));
  });
});

const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

describe.skipIf(!tcpdump)('golden: exports equal tcpdump -dd / -ddd byte for byte', () => {
  it.each(EXPRESSIONS)('%s', (expr) => {
    const ddd = runTool(tcpdump!, ['-ddd', '-y', 'EN10MB', expr]);
    const { insns, diagnostics } = decodeProgram(parseDdd(ddd));
    // libpcap sometimes leaves a stale k on `tax`; decoding drops it, so the export is canonical.
    if (diagnostics.length > 0) {
      expect(diagnostics.map((d) => d.code)).toEqual(diagnostics.map(() => 'ASM1502'));
      return;
    }
    expect(exportProgram({ insns }, 'ddd')).toBe(ddd);
    expect(exportProgram({ insns }, 'dd')).toBe(runTool(tcpdump!, ['-dd', '-y', 'EN10MB', expr]));
    expect(exportProgram({ insns }, 'xtbpf')).toBe(`${ddd.trim().split('\n').join(',')},\n`);
  });
});

describe('interop fixture: our exports equal what bpfc printed for the same program', () => {
  const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
  const insns = decodeProgram(parseRecords(fixture('interop.bpfc-tcpdump.txt'))).insns;

  it('bpfc -f C equals our dd', () => {
    expect(exportProgram({ insns }, 'dd')).toBe(fixture('interop.bpfc-C.txt'));
  });

  it('bpfc -f xt_bpf equals our xtbpf without the final newline', () => {
    expect(exportProgram({ insns }, 'xtbpf')).toBe(`${fixture('interop.bpfc-xt_bpf.txt')}\n`);
  });

  it('bpfc -f tcpdump equals our ddd without the count line', () => {
    expect(exportProgram({ insns }, 'ddd')).toBe(`${insns.length}\n${fixture('interop.bpfc-tcpdump.txt')}`);
  });
});
