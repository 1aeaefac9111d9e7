// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.ts';
import { error, warning } from './diagnostic.ts';
import { formatDiagnostic, formatDiagnostics } from './format.ts';

const range = (startLine: number, startCol: number, endCol: number) => ({
  startLine,
  startCol,
  endLine: startLine,
  endCol,
});

describe('formatDiagnostic', () => {
  it('prints header, locator, gutter, carets and hint', () => {
    const text = 'ldh [12]\nld #1\nldh [x+';
    const [d] = assemble(text).diagnostics;
    expect(formatDiagnostic(d!, { name: 'file.bpf', text })).toBe(
      [
        "error[ASM1003]: expected ']' but found end of input",
        ' --> file.bpf:3:8',
        '  |',
        '3 | ldh [x+',
        '  |        ^',
      ].join('\n'),
    );
  });

  it('underlines the whole span and prints the hint', () => {
    const text = 'jeq #1, dorp\ndrop: ret #0';
    const [d] = assemble(text).diagnostics;
    expect(formatDiagnostic(d!, { name: 'x.bpf', text })).toBe(
      [
        "error[ASM1011]: expected a defined label but found 'dorp'",
        ' --> x.bpf:1:9',
        '  |',
        '1 | jeq #1, dorp',
        '  |         ^^^^',
        "  = hint: did you mean 'drop'?",
      ].join('\n'),
    );
  });

  it('gives a note with a range its own snippet', () => {
    const text = 'drop: ret #0\ndrop: ret #1';
    const [d] = assemble(text).diagnostics;
    expect(formatDiagnostic(d!, { name: 'x.bpf', text })).toBe(
      [
        "error[ASM1012]: expected a new label name but found 'drop', already defined",
        ' --> x.bpf:2:1',
        '  |',
        '2 | drop: ret #1',
        '  | ^^^^',
        '  = hint: rename one of the two labels',
        "note: 'drop' first defined here (pc 0)",
        ' --> x.bpf:1:1',
        '  |',
        '1 | drop: ret #0',
        '  | ^^^^',
      ].join('\n'),
    );
  });

  it('widens the gutter for line numbers of several digits and expands tabs', () => {
    const text = `${'\n'.repeat(11)}\tst M[16]`;
    const [d] = assemble(text).diagnostics;
    const out = formatDiagnostic(d!, { name: 'x.bpf', text });
    expect(out.split('\n').slice(1, 5)).toEqual([
      '  --> x.bpf:12:7',
      '   |',
      '12 |     st M[16]',
      '   |          ^^',
    ]);
  });

  it('without source text prints only the location', () => {
    const d = error('ASM1005', 'expected x but found y', { range: range(3, 9, 10), hint: 'h' });
    expect(formatDiagnostic(d)).toBe('error[ASM1005]: expected x but found y\n --> 3:9\n  = hint: h');
  });

  it('pc and byte-offset diagnostics, notes without range', () => {
    const d = warning('CHK2010', 'ret x runs only in libpcap', {
      pc: 4,
      notes: [{ message: 'the kernel rejects opcode 0x0e', pc: 4 }],
    });
    expect(formatDiagnostic(d, { name: 'p.bpf', text: '' })).toBe(
      [
        'warning[CHK2010]: ret x runs only in libpcap',
        ' --> p.bpf (pc 4)',
        '  = note: the kernel rejects opcode 0x0e (pc 4)',
      ].join('\n'),
    );
    expect(formatDiagnostic(error('CAP4001', 'bad magic', { offset: 0 }), { name: 'c.pcap', text: '' })).toBe(
      'error[CAP4001]: bad magic\n --> c.pcap (byte 0)',
    );
    expect(formatDiagnostic(error('X0001', 'no place'))).toBe('error[X0001]: no place');
  });

  it('spans reaching past the line end (end of input) get one caret', () => {
    const d = error('ASM1003', 'm', { range: range(1, 4, 5) });
    expect(formatDiagnostic(d, { name: 'f', text: 'ldh' }).split('\n').at(-1)).toBe('  |    ^');
  });

  it('a multi-line range is underlined to the end of its first line', () => {
    const d = error('ASM1002', 'm', { range: { startLine: 1, startCol: 4, endLine: 2, endCol: 3 } });
    expect(formatDiagnostic(d, { name: 'f', text: 'ld /* x\n*/' }).split('\n').at(-1)).toBe('  |    ^^^^');
  });

  it('colour adds ANSI escapes and nothing else', () => {
    const text = 'ldh [x+';
    const [d] = assemble(text).diagnostics;
    const plain = formatDiagnostic(d!, { name: 'f', text });
    const colored = formatDiagnostic(d!, { name: 'f', text }, { color: true });
    expect(colored).toContain('\x1b[1;31merror[ASM1003]\x1b[0m');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(colored.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });
});

describe('formatDiagnostics', () => {
  it('separates diagnostics by a blank line, in the order given', () => {
    const text = 'lhd [12]\nst M[16]';
    const out = formatDiagnostics(assemble(text).diagnostics, { name: 'f', text });
    const blocks = out.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^error\[ASM1004\]/);
    expect(blocks[1]).toMatch(/^error\[ASM1008\]/);
  });

  it('is empty for no diagnostics', () => {
    expect(formatDiagnostics([])).toBe('');
  });
});
