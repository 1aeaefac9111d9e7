// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { bpfCompletions } from './bpf-completion.ts';

const labels = ['ports', 'accept', 'drop'];
const labelsOf = (prefix: string) => bpfCompletions(prefix, labels).map((c) => c.label);

describe('completion', () => {
  it('offers every mnemonic form as a snippet at the start of an instruction', () => {
    const items = bpfCompletions('  ld', labels);
    const ldh = items.find((c) => c.label === 'ldh [k]');
    expect(ldh).toMatchObject({
      filterText: 'ldh',
      insertText: `ldh [\${1:12}]`,
      snippet: true,
      detail: 'opcode 0x28',
    });
    expect(items.some((c) => c.label === 'jeq #k, Lt, Lf')).toBe(true);
    expect(items.some((c) => c.label === 'tax' && !c.snippet)).toBe(true);
    expect(new Set(items.map((c) => c.filterText)).size).toBe(35);
  });

  it('offers mnemonics after a label and on an empty line', () => {
    expect(labelsOf('drop: ')).toContain('ret #k');
    expect(labelsOf('')).toContain('ldxb 4*([k]&0xf)');
  });

  it('offers the labels of the file as jump targets', () => {
    expect(labelsOf('  jeq #17, ')).toEqual(labels);
    expect(labelsOf('  jneq #0x800, dr')).toEqual(labels);
    expect(labelsOf('  ja ')).toEqual(labels);
    expect(labelsOf('  jeq #1')).toEqual([]);
  });

  it('offers extensions (and #len) where a load takes one', () => {
    const items = bpfCompletions('  ld #', labels);
    expect(items.map((c) => c.label)).toContain('#vlan_tci');
    expect(items.find((c) => c.label === '#proto')).toMatchObject({
      insertText: 'proto',
      detail: 'SKF_AD_PROTOCOL (Linux only)',
    });
    expect(items.find((c) => c.label === '#len')?.insertText).toBe('len');
    expect(bpfCompletions('  ldh ', labels).find((c) => c.label === '#proto')?.insertText).toBe('#proto');
    expect(labelsOf('  ldh ')).not.toContain('#len');
    expect(labelsOf('  ldx #')).toEqual(['#len']);
    expect(labelsOf('  ldh [')).toEqual([]);
  });

  it('offers nothing inside a comment', () => {
    expect(labelsOf('ldh [12] ; ld')).toEqual([]);
  });
});
