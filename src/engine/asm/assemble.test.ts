// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { encode } from '../isa/codec.ts';
import type { Insn } from '../isa/insn.ts';
import { extensionK } from '../isa/opcodes.ts';
import { assemble } from './assemble.ts';

/** Assemble one instruction (a `ret` pads nothing: the checker, not we, wants a final ret). */
function one(source: string): Insn | undefined {
  const result = assemble(source);
  expect(result).toReportNoErrors();
  expect(result.program?.insns).toHaveLength(1);
  return result.program?.insns[0];
}

// Jumps need targets that exist: "jeq ..., +0" style skips land on the instructions that follow.
const PAD = '\nret #0\nret #0\nret #0';
function jump(source: string): Insn | undefined {
  const result = assemble(source + PAD);
  expect(result).toReportNoErrors();
  return result.program?.insns[0];
}

describe('loads into A (reference §4.3 ld/ldi/ldh/ldb)', () => {
  it.each<[string, Insn]>([
    ['ld #5', { op: 'ld', mode: 'imm', k: 5 }],
    ['ld #0x800', { op: 'ld', mode: 'imm', k: 0x800 }],
    ['ld #-1', { op: 'ld', mode: 'imm', k: 0xffffffff }],
    ['ldi #7', { op: 'ld', mode: 'imm', k: 7 }],
    ['ldi 7', { op: 'ld', mode: 'imm', k: 7 }],
    ['ld #len', { op: 'ld', mode: 'len' }],
    ['ld len', { op: 'ld', mode: 'len' }],
    ['ld #pktlen', { op: 'ld', mode: 'len' }],
    ['ld pktlen', { op: 'ld', mode: 'len' }],
    ['ld [12]', { op: 'ld', mode: 'abs', size: 4, k: 12 }],
    ['ldh [12]', { op: 'ld', mode: 'abs', size: 2, k: 12 }],
    ['ldb [23]', { op: 'ld', mode: 'abs', size: 1, k: 23 }],
    ['ld [x + 4]', { op: 'ld', mode: 'ind', size: 4, k: 4 }],
    ['ldh [x + 14]', { op: 'ld', mode: 'ind', size: 2, k: 14 }],
    ['ldb [x + 14]', { op: 'ld', mode: 'ind', size: 1, k: 14 }],
    ['ldh [x+14]', { op: 'ld', mode: 'ind', size: 2, k: 14 }],
    ['ldh [%x + 14]', { op: 'ld', mode: 'ind', size: 2, k: 14 }],
    ['ldh [X+0]', { op: 'ld', mode: 'ind', size: 2, k: 0 }],
    ['ldb [x]', { op: 'ld', mode: 'ind', size: 1, k: 0 }],
    ['ldb [x + -4096]', { op: 'ld', mode: 'ind', size: 1, k: 0xfffff000 }],
    ['ldb [x - 1]', { op: 'ld', mode: 'ind', size: 1, k: 0xffffffff }],
    ['ld M[0]', { op: 'ld', mode: 'mem', k: 0 }],
    ['ld m[15]', { op: 'ld', mode: 'mem', k: 15 }],
  ])('%s', (source, insn) => {
    expect(one(source)).toEqual(insn);
  });
});

describe('loads into X (ldx/ldxi/ldxb)', () => {
  it.each<[string, Insn]>([
    ['ldx #5', { op: 'ldx', mode: 'imm', k: 5 }],
    ['ldxi #5', { op: 'ldx', mode: 'imm', k: 5 }],
    ['ldxi 5', { op: 'ldx', mode: 'imm', k: 5 }],
    ['ldx #len', { op: 'ldx', mode: 'len' }],
    ['ldx len', { op: 'ldx', mode: 'len' }],
    ['ldx #pktlen', { op: 'ldx', mode: 'len' }],
    ['ldx M[3]', { op: 'ldx', mode: 'mem', k: 3 }],
    ['ldxb 4*([14]&0xf)', { op: 'ldx', mode: 'msh', k: 14 }],
    ['ldx 4*([14]&0xf)', { op: 'ldx', mode: 'msh', k: 14 }],
    ['ldxb 4 * ( [ 14 ] & 0xf )', { op: 'ldx', mode: 'msh', k: 14 }],
    ['ldxb 4*([0x0e]&15)', { op: 'ldx', mode: 'msh', k: 14 }],
  ])('%s', (source, insn) => {
    expect(one(source)).toEqual(insn);
  });
});

describe('stores, ALU, misc and ret', () => {
  it.each<[string, Insn]>([
    ['st M[0]', { op: 'st', k: 0 }],
    ['stx M[15]', { op: 'stx', k: 15 }],
    ['neg', { op: 'neg' }],
    ['tax', { op: 'tax' }],
    ['txa', { op: 'txa' }],
    ['ret #0', { op: 'ret', src: 'k', k: 0 }],
    ['ret #262144', { op: 'ret', src: 'k', k: 262144 }],
    ['ret #-1', { op: 'ret', src: 'k', k: 0xffffffff }],
    ['ret a', { op: 'ret', src: 'a' }],
    ['ret %a', { op: 'ret', src: 'a' }],
    ['ret', { op: 'ret', src: 'a' }],
    ['ret x', { op: 'ret', src: 'x' }],
    ['ret %x', { op: 'ret', src: 'x' }],
  ])('%s', (source, insn) => {
    expect(one(source)).toEqual(insn);
  });

  const aluOps = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'] as const;
  it.each(aluOps)('%s #k, %s x and %s %%x', (alu) => {
    expect(one(`${alu} #9`)).toEqual({ op: 'alu', alu, src: 'k', k: 9 });
    expect(one(`${alu} x`)).toEqual({ op: 'alu', alu, src: 'x', k: 0 });
    expect(one(`${alu} %x`)).toEqual({ op: 'alu', alu, src: 'x', k: 0 });
  });
});

describe('jumps', () => {
  it.each<[string, Insn]>([
    ['jeq #1, +1, +2', { op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 1, jf: 2 }],
    ['jeq #1, +2', { op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 2, jf: 0 }],
    ['jeq x, +1, +2', { op: 'jmp', cond: 'jeq', src: 'x', k: 0, jt: 1, jf: 2 }],
    ['jeq %x, +2', { op: 'jmp', cond: 'jeq', src: 'x', k: 0, jt: 2, jf: 0 }],
    ['jgt #1, +1, +2', { op: 'jmp', cond: 'jgt', src: 'k', k: 1, jt: 1, jf: 2 }],
    ['jge x, +1', { op: 'jmp', cond: 'jge', src: 'x', k: 0, jt: 1, jf: 0 }],
    ['jset #0x1fff, +2, +0', { op: 'jmp', cond: 'jset', src: 'k', k: 0x1fff, jt: 2, jf: 0 }],
    // pseudo-ops: the opposite test with jt and jf swapped, as bpf_asm assembles them
    ['jneq #1, +2', { op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 0, jf: 2 }],
    ['jne x, +2', { op: 'jmp', cond: 'jeq', src: 'x', k: 0, jt: 0, jf: 2 }],
    ['jlt #5, +2', { op: 'jmp', cond: 'jge', src: 'k', k: 5, jt: 0, jf: 2 }],
    ['jle #5, +2', { op: 'jmp', cond: 'jgt', src: 'k', k: 5, jt: 0, jf: 2 }],
    ['jlt x, +1, +2', { op: 'jmp', cond: 'jge', src: 'x', k: 0, jt: 2, jf: 1 }],
    ['ja +2', { op: 'ja', k: 2 }],
    ['jmp +0', { op: 'ja', k: 0 }],
    // absolute pcs as in tcpdump -d, in both the comma form and the listing form
    ['jeq #0x800, 2, 3', { op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 1, jf: 2 }],
    ['jeq #0x800 jt 2 jf 3', { op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 1, jf: 2 }],
    ['jgt x jt 1 jf 3', { op: 'jmp', cond: 'jgt', src: 'x', k: 0, jt: 0, jf: 2 }],
    ['ja 3', { op: 'ja', k: 2 }],
  ])('%s', (source, insn) => {
    expect(jump(source)).toEqual(insn);
  });

  it('labels give forward offsets', () => {
    const result = assemble('ldh [12]\njeq #0x800, yes, no\nyes: ret #1\nno: ret #0');
    expect(result.program?.insns[1]).toEqual({ op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 0, jf: 1 });
    expect(result.program?.labels).toEqual({ 2: 'yes', 3: 'no' });
  });

  it('a backward ja assembles (libpcap runs it; the checker decides)', () => {
    const result = assemble('top: ld #1\nja top');
    expect(result.program?.insns[1]).toEqual({ op: 'ja', k: 0xfffffffe });
  });
});

describe('Linux extensions (reference §4.4, §4.5)', () => {
  const spellings: [string, Parameters<typeof extensionK>[0]][] = [
    ['proto', 'proto'],
    ['pto', 'proto'],
    ['type', 'type'],
    ['ifidx', 'ifidx'],
    ['ifx', 'ifidx'],
    ['nla', 'nla'],
    ['nlan', 'nlan'],
    ['mark', 'mark'],
    ['queue', 'queue'],
    ['que', 'queue'],
    ['Q', 'queue'],
    ['hatype', 'hatype'],
    ['hat', 'hatype'],
    ['rxhash', 'rxhash'],
    ['rxh', 'rxhash'],
    ['cpu', 'cpu'],
    ['xor_x', 'xor_x'],
    ['vlan_tci', 'vlan_tci'],
    ['vlant', 'vlan_tci'],
    ['vlan_avail', 'vlan_avail'],
    ['vlan_pr', 'vlan_avail'],
    ['vlanp', 'vlan_avail'],
    ['vlana', 'vlan_avail'],
    ['vlan_acc', 'vlan_avail'],
    ['poff', 'poff'],
    ['rand', 'rand'],
    ['random', 'rand'],
    ['vlan_tpid', 'vlan_tpid'],
  ];
  it.each(spellings)('%s, #%s and [%s] load %s', (spelling, ext) => {
    const k = extensionK(ext);
    for (const operand of [spelling, `#${spelling}`, `[${spelling}]`, spelling.toUpperCase()]) {
      expect(one(`ld ${operand}`)).toEqual({ op: 'ld', mode: 'abs', size: 4, k });
    }
  });

  it('any load size takes an extension', () => {
    expect(one('ldb #proto')).toEqual({ op: 'ld', mode: 'abs', size: 1, k: 0xfffff000 });
    expect(one('ldh [vlan_tci]')).toEqual({ op: 'ld', mode: 'abs', size: 2, k: 0xfffff02c });
  });

  it('symbolic SKF offsets', () => {
    expect(one('ldb [SKF_NET_OFF + 9]')).toEqual({ op: 'ld', mode: 'abs', size: 1, k: 0xfff00009 });
    expect(one('ld [skf_ll_off+12]')).toEqual({ op: 'ld', mode: 'abs', size: 4, k: 0xffe0000c });
    expect(one('ld [SKF_AD_OFF + 4]')).toEqual({ op: 'ld', mode: 'abs', size: 4, k: 0xfffff004 });
    expect(one('ldh [-1048576]')).toEqual({ op: 'ld', mode: 'abs', size: 2, k: 0xfff00000 });
  });
});

describe('numbers (reference §4.1)', () => {
  it.each<[string, number]>([
    ['0x1F', 0x1f],
    ['0X1f', 0x1f],
    ['017', 0o17],
    ['0b101', 5],
    ['0B11', 3],
    ['0', 0],
    ['4294967295', 0xffffffff],
    ['-1', 0xffffffff],
    ['-2147483648', 0x80000000],
    ['0xffffffff', 0xffffffff],
  ])('#%s = %d', (text, k) => {
    expect(one(`ld #${text}`)).toEqual({ op: 'ld', mode: 'imm', k });
  });
});

describe('syntax', () => {
  it('keywords are case-insensitive; labels are case-sensitive', () => {
    const result = assemble('LDH [12]\nJEQ #1, Yes\nRET #0\nYes: RET A');
    expect(result).toReportNoErrors();
    expect(result.program?.insns.map((i) => i.op)).toEqual(['ld', 'jmp', 'ret', 'ret']);
    expect(assemble('jeq #1, yes\nret #0\nYes: ret #1')).toReportError('1:9-1:12 ASM1011', {
      hint: "did you mean 'Yes'?",
    });
  });

  it('comments: ;, /* */ across lines, and # opening a line', () => {
    const source = [
      '# a shell-style comment line',
      '  #define NOT_A_MACRO 1',
      'ld #len ; the length',
      '/* a block',
      '   comment */ ret a',
    ].join('\n');
    const result = assemble(source);
    expect(result).toReportNoErrors();
    expect(result.program?.insns).toEqual([
      { op: 'ld', mode: 'len' },
      { op: 'ret', src: 'a' },
    ]);
    expect(result.program?.comments).toEqual({ 0: 'the length' });
  });

  it('one-character labels, labels on their own line, several labels for one pc', () => {
    const result = assemble('jeq #1, a, b\na:\nb: c: ret #1');
    expect(result).toReportNoErrors();
    expect(result.program?.insns[0]).toEqual({ op: 'jmp', cond: 'jeq', src: 'k', k: 1, jt: 0, jf: 0 });
    expect(result.program?.labels).toEqual({ 1: 'a' });
  });

  it('a trailing comma continues on the next line', () => {
    expect(assemble('jeq #1,\n  yes, no\nyes: ret #1\nno: ret #0').program?.insns[0]).toEqual({
      op: 'jmp',
      cond: 'jeq',
      src: 'k',
      k: 1,
      jt: 0,
      jf: 1,
    });
  });

  it('source map covers each instruction from mnemonic to last operand', () => {
    const result = assemble('  ldh [12]   ; x\nl1: jeq #1, +0\nret a');
    expect(result.program?.sourceMap).toEqual([
      { startLine: 1, startCol: 3, endLine: 1, endCol: 11 },
      { startLine: 2, startCol: 5, endLine: 2, endCol: 15 },
      { startLine: 3, startCol: 1, endLine: 3, endCol: 6 },
    ]);
  });

  it('empty text is an empty program (the checker reports the length rule)', () => {
    expect(assemble('; nothing\n\n').program?.insns).toEqual([]);
  });
});

describe('raw instructions: unimp and .insn', () => {
  it('.insn with an unknown code stays raw', () => {
    expect(one('.insn 0x21, 0, 0, 0x10')).toEqual({ op: 'raw', code: 0x21, jt: 0, jf: 0, k: 0x10 });
    expect(one('unimp 0xff')).toEqual({ op: 'raw', code: 0xff, jt: 0, jf: 0, k: 0 });
  });

  it('known bits become the typed instruction (libpcap prints ldx #len as unimp 0x81)', () => {
    expect(one('unimp 0x81')).toEqual({ op: 'ldx', mode: 'len' });
    expect(one('unimp 0xe')).toEqual({ op: 'ret', src: 'x' });
    expect(one('.insn 0x28, 0, 0, 12')).toEqual({ op: 'ld', mode: 'abs', size: 2, k: 12 });
    expect(one('.insn 0x15, 0, 200, 0x5')).toEqual({
      op: 'jmp',
      cond: 'jeq',
      src: 'k',
      k: 5,
      jt: 0,
      jf: 200,
    });
  });

  it('known bits with non-zero unused fields stay raw, so the bytes survive', () => {
    expect(one('.insn 0x07, 0, 0, 5')).toEqual({ op: 'raw', code: 7, jt: 0, jf: 0, k: 5 });
  });
});

describe("other tools' listings re-assemble to their bytes", () => {
  const testdata = (name: string) => readFileSync(join(import.meta.dirname, 'testdata', name), 'utf8');
  const ddd = (name: string) => testdata(name).trim().split('\n').slice(1);
  const bytes = (text: string) =>
    (assemble(text).program?.insns ?? []).map(encode).map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`);

  it('bpfc -V "Generated program" (L<pc> labels, absolute ja, bpfc aliases); bytes from bpfc -f tcpdump', () => {
    expect(bytes(testdata('bpfc-verbose.txt'))).toEqual(ddd('bpfc-verbose.ddd'));
  });

  it('bpf_dbg disassemble (l<pc>: labels, [x+14] unspaced); bytes from tcpdump -ddd', () => {
    expect(bytes(testdata('bpf-dbg.txt'))).toEqual(ddd('bpf-dbg.ddd'));
  });
});
