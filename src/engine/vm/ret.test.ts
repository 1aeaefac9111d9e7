// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { asm, exec, packet, SEMANTICS } from './test-helpers.ts';

const empty = packet('');

describe('ret', () => {
  for (const semantics of SEMANTICS) {
    it.each([0, 1, 96, 262144, 0x7fffffff, 0xffffffff])(`${semantics}: ret #%d returns k`, (k) => {
      const result = exec([{ op: 'ret', src: 'k', k }], empty, semantics);
      expect(result).toEqual({
        verdict: k,
        end: 'ret',
        steps: [
          {
            pc: 0,
            insn: { op: 'ret', src: 'k', k },
            aBefore: 0,
            xBefore: 0,
            aAfter: 0,
            xAfter: 0,
            verdict: k,
            end: 'ret',
          },
        ],
      });
    });
  }

  it.each(SEMANTICS)('%s: ret a returns A', (semantics) => {
    expect(exec(asm('ld #0xdeadbeef\nret a'), empty, semantics)).toMatchObject({
      verdict: 0xdeadbeef,
      end: 'ret',
    });
  });

  it.each(SEMANTICS)('%s: the first ret ends the run; later instructions never execute', (semantics) => {
    const result = exec(asm('ret #1\nret #2'), empty, semantics);
    expect(result.verdict).toBe(1);
    expect(result.steps).toHaveLength(1);
  });

  it('linux: ret x is an invalid instruction (the checker never loads 0x0e), verdict 0', () => {
    const result = exec(asm('ldx #5\nret x'), empty, 'linux');
    expect(result).toMatchObject({ verdict: 0, end: 'invalid-instruction' });
    expect(result.steps[1]).toMatchObject({ pc: 1, xBefore: 5, verdict: 0, end: 'invalid-instruction' });
  });

  it('libpcap: ret x is an invalid instruction too (bpf_validate accepts it, bpf_filter aborts)', () => {
    expect(exec(asm('ldx #5\nret x'), empty, 'libpcap')).toMatchObject({
      verdict: 0,
      end: 'invalid-instruction',
    });
  });

  it.each(SEMANTICS)('%s: a raw (unknown) opcode is an invalid instruction, verdict 0', (semantics) => {
    for (const code of [0xff, 0x21, 0x55, 0x1e, 0x0d]) {
      const insns: Insn[] = [
        { op: 'ld', mode: 'imm', k: 3 },
        { op: 'raw', code, jt: 0, jf: 0, k: 1 },
        { op: 'ret', src: 'a' },
      ];
      const result = exec(insns, empty, semantics);
      expect(result).toMatchObject({ verdict: 0, end: 'invalid-instruction' });
      expect(result.steps).toHaveLength(2);
    }
  });
});
