// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn } from '../isa/insn.ts';
import { asm, exec, packet, SEMANTICS } from './test-helpers.ts';

const empty = packet('');

describe('scratch memory M[0..15]', () => {
  for (const semantics of SEMANTICS) {
    it.each(Array.from({ length: 16 }, (_, i) => i))(`${semantics}: st/ld M[%d] round-trips`, (i) => {
      const result = exec(asm(`ld #${1000 + i}\nst M[${i}]\nld #0\nld M[${i}]\nret a`), empty, semantics);
      expect(result.verdict).toBe(1000 + i);
      expect(result.steps[1]!.memWrite).toEqual({ index: i, value: 1000 + i });
      expect(result.steps[3]!.read).toEqual({ kind: 'mem', index: i, value: 1000 + i });
    });
  }

  it.each(SEMANTICS)('%s: stx/ldx store and load X', (semantics) => {
    const result = exec(asm('ldx #42\nstx M[7]\nldx #0\nldx M[7]\ntxa\nret a'), empty, semantics);
    expect(result.verdict).toBe(42);
    expect(result.steps[1]!.memWrite).toEqual({ index: 7, value: 42 });
    expect(result.steps[3]).toMatchObject({ xAfter: 42, read: { kind: 'mem', index: 7, value: 42 } });
  });

  it.each(SEMANTICS)(
    '%s: M[] starts zeroed (libpcap master zeroes it; Linux never lets it be read)',
    (semantics) => {
      for (let i = 0; i < 16; i++) {
        expect(exec(asm(`ld #9\nld M[${i}]\nret a`), empty, semantics).verdict).toBe(0);
      }
    },
  );

  it.each(SEMANTICS)('%s: a read of a cell no store wrote on this run is marked unset', (semantics) => {
    const result = exec(asm('ld #5\nst M[1]\nld M[1]\nldx M[2]\nst M[2]\nld M[2]\nret a'), empty, semantics);
    const reads = result.steps.flatMap((s) => (s.read?.kind === 'mem' ? [s.read] : []));
    expect(reads).toEqual([
      { kind: 'mem', index: 1, value: 5 },
      { kind: 'mem', index: 2, value: 0, unset: true },
      { kind: 'mem', index: 2, value: 5 },
    ]);
  });

  it.each(SEMANTICS)('%s: M[] does not leak from one run into the next', (semantics) => {
    const writer = asm('ld #77\nst M[3]\nret #1');
    const reader = asm('ld M[3]\nret a');
    exec(writer, empty, semantics);
    expect(exec(reader, empty, semantics).verdict).toBe(0);
  });

  it.each(SEMANTICS)('%s: a later store overwrites; other cells are untouched', (semantics) => {
    const result = exec(
      asm('ld #1\nst M[0]\nld #2\nst M[0]\nld #3\nst M[1]\nld M[0]\nret a'),
      empty,
      semantics,
    );
    expect(result.verdict).toBe(2);
  });

  it.each(SEMANTICS)('%s: an index of 16 or more is an invalid instruction, verdict 0', (semantics) => {
    for (const insn of [
      { op: 'ld', mode: 'mem', k: 16 },
      { op: 'ldx', mode: 'mem', k: 0xffffffff },
      { op: 'st', k: 16 },
      { op: 'stx', k: 100 },
    ] as Insn[]) {
      const result = exec([insn, { op: 'ret', src: 'k', k: 1 }], empty, semantics);
      expect(result).toMatchObject({ verdict: 0, end: 'invalid-instruction' });
      expect(result.steps[0]!.memWrite).toBeUndefined();
    }
  });
});
