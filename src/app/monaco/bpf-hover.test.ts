// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { bpfHover } from './bpf-hover.ts';
import { classifyOperand, definedLabels, parseLine } from './bpf-line.ts';

const labels = new Map([
  ['drop', 18],
  ['ports', 10],
]);

/** Hover at the first occurrence of `needle` in `line` (plus `offset` characters). */
function hoverAt(line: string, needle: string, offset = 0) {
  const at = line.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return bpfHover(line, at + 1 + offset, labels);
}

describe('reading a line', () => {
  it('finds label, mnemonic and comma-separated operands', () => {
    const parts = parseLine('ports:  jeq #17, accept , drop ; UDP');
    expect(parts.label?.text).toBe('ports');
    expect(parts.mnemonic?.text).toBe('jeq');
    expect(parts.operands.map((o) => o.text)).toEqual(['#17', 'accept', 'drop']);
    expect(parts.commentStart).toBe(31);
  });

  it('reads a tcpdump -d line, jt and jf as targets', () => {
    const parts = parseLine('(001) jeq      #0x800           jt 2\tjf 12');
    expect(parts.pcPrefix?.text).toBe('(001)');
    expect(parts.operands.map((o) => o.text)).toEqual(['#0x800', 'jt 2', 'jf 12']);
  });

  it('treats a line-opening # as a comment', () => {
    expect(parseLine('# ldh [12]')).toEqual({ operands: [], commentStart: 0 });
  });

  it.each([
    ['#0x800', 'imm'],
    ['#len', 'len'],
    ['pktlen', 'len'],
    ['#proto', 'ext'],
    ['vlanp', 'ext'],
    ['[vlan_tci]', 'ext'],
    ['M[3]', 'mem'],
    ['[12]', 'abs'],
    ['[x + 14]', 'ind'],
    ['[%x+14]', 'ind'],
    ['4*([14]&0xf)', 'msh'],
    ['x', 'x'],
    ['%a', 'a'],
    ['42', 'num'],
    ['drop', 'label'],
    ['', 'none'],
  ] as const)('classifies %j as %s', (text, kind) => {
    expect(classifyOperand(text)).toBe(kind);
  });

  it('collects label definitions with their lines', () => {
    expect([...definedLabels('  ldh [12]\nok:  ret #1\n(002) x\nbad : ret #0').entries()]).toEqual([
      ['ok', 2],
      ['bad', 4],
    ]);
  });
});

describe('hover docs', () => {
  it('explain a mnemonic by the form the line uses, with its opcode', () => {
    const info = hoverAt('        ldh [12]                ; EtherType', 'ldh');
    expect(info).toMatchObject({ startColumn: 9, endColumn: 12 });
    expect(info?.contents[0]).toBe('**`ldh [k]`** — opcode 0x28');
    expect(info?.contents[1]).toBe('A = the 16-bit big-endian value at packet offset k.');
    expect(info?.contents.join('\n')).toContain('`ldh [x + k]` 0x48');
  });

  it('pick the indexed and jump forms', () => {
    expect(hoverAt('ldh [x + 14]', 'ldh')?.contents[0]).toBe('**`ldh [x + k]`** — opcode 0x48');
    expect(hoverAt('jneq #0x800, drop', 'jneq')?.contents.join('\n')).toMatch(
      /opcode 0x15[\s\S]*pseudo-instruction/,
    );
    expect(hoverAt('jgt x, ports, drop', 'jgt')?.contents[0]).toBe('**`jgt x, Lt, Lf`** — opcode 0x2d');
    expect(hoverAt('(005) jset #0x1fff jt 12 jf 6', 'jset')?.contents[0]).toBe(
      '**`jset #k, Lt, Lf`** — opcode 0x45',
    );
  });

  it('explain addressing modes with the value of a constant', () => {
    const info = hoverAt('ldh [x + 14]', '[');
    expect(info?.contents[0]).toBe('**[x + k] — indexed packet offset**');
    expect(info?.contents.at(-1)).toBe('Value: 14 = 0xe');
    expect(hoverAt('jeq #0x800, ok', '0x800')?.contents).toContain('Value: 2048 = 0x800');
    expect(hoverAt('ld #0xc0a80001', '#')?.contents.at(-1)).toBe(
      'Value: 3232235521 = 0xc0a80001 = 192.168.0.1 as an IPv4 address',
    );
    expect(hoverAt('ret #-1', '#')?.contents.at(-1)).toBe(
      'Value: 4294967295 = 0xffffffff = 255.255.255.255 as an IPv4 address',
    );
    expect(hoverAt('ld M[3]', 'M')?.contents[0]).toBe('**M[k] — scratch memory**');
    expect(hoverAt('ldxb 4*([14]&0xf)', '4*')?.contents[0]).toBe('**4*([k]&0xf) — header length**');
  });

  it('name the Linux extension, its SKF_AD_* constant, k, and that it is Linux only', () => {
    const info = hoverAt('ld #vlan_tci', 'vlan');
    expect(info).toMatchObject({ startColumn: 4, endColumn: 13 });
    expect(info?.contents[0]).toBe(
      '**`#vlan_tci`** — Linux extension SKF_AD_VLAN_TAG (SKF_AD_OFF + 44, k = 0xfffff02c)',
    );
    expect(info?.contents.join(' ')).toMatch(/Linux only/);
    expect(hoverAt('ld [vlanp]', 'vlanp')?.contents[0]).toMatch(/SKF_AD_VLAN_TAG_PRESENT/);
    expect(hoverAt('ld #len', 'len')?.contents[1]).toMatch(/Works on both machines/);
    expect(hoverAt('ldb [SKF_NET_OFF + 9]', 'SKF')?.contents[0]).toBe('**SKF_NET_OFF = 0xfff00000**');
  });

  it('resolve jump labels, and say when one is missing', () => {
    expect(hoverAt('jeq #17, ports, nowhere', 'ports')?.contents[1]).toBe('Jumps to line 10.');
    expect(hoverAt('jeq #17, ports, nowhere', 'nowhere')?.contents[1]).toMatch(/Not defined/);
    expect(hoverAt('ja drop', 'drop')?.contents[1]).toBe('Jumps to line 18.');
    expect(hoverAt('drop: ret #0', 'drop')?.contents[0]).toBe('**label `drop`**');
  });

  it('explain the parts of a tcpdump -d listing', () => {
    const line = '(001) jeq      #0x800           jt 2\tjf 12';
    expect(hoverAt(line, '(001)')?.contents[0]).toBe('**pc 1**');
    expect(hoverAt(line, 'jt')?.contents[1]).toMatch(/when the test holds/);
    expect(hoverAt(line, 'jf')?.contents[1]).toMatch(/when the test fails/);
  });

  it('stay quiet in comments, blanks and unknown words', () => {
    expect(hoverAt('ldh [12] ; EtherType', 'Ether')).toBeUndefined();
    expect(bpfHover('', 1, labels)).toBeUndefined();
    expect(hoverAt('foo [12]', 'foo')).toBeUndefined();
  });
});
