// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { Insn, JumpCond } from '../isa/insn.ts';
import { jaTarget, jumpTest } from './jumps.ts';
import { asm, exec, packet, SEMANTICS } from './test-helpers.ts';

const empty = packet('');

/** `A = a; X = b; if A <cond> (k|x) then ret 1 else ret 2` */
function condProgram(cond: JumpCond, a: number, b: number, src: 'k' | 'x'): Insn[] {
  const test = src === 'k' ? `${cond} #${b}, yes, no` : `${cond} x, yes, no`;
  return asm(`ld #${a}\nldx #${b}\n${test}\nyes: ret #1\nno: ret #2`);
}

describe('conditional jumps (unsigned 32-bit, the same in both semantics)', () => {
  const cases: [JumpCond, number, number, boolean][] = [
    ['jeq', 5, 5, true],
    ['jeq', 5, 6, false],
    ['jeq', 0xffffffff, 0xffffffff, true],
    ['jgt', 6, 5, true],
    ['jgt', 5, 5, false],
    ['jgt', 0x80000000, 1, true], // unsigned: 0x80000000 is not negative
    ['jgt', 1, 0xffffffff, false],
    ['jge', 5, 5, true],
    ['jge', 4, 5, false],
    ['jge', 0xffffffff, 0x80000000, true],
    ['jset', 0x10, 0x30, true],
    ['jset', 0x10, 0x20, false],
    ['jset', 0xffffffff, 0xffffffff, true],
    ['jset', 0, 0xffffffff, false],
  ];
  for (const semantics of SEMANTICS) {
    it.each(cases)(`${semantics}: %s A=%d, %d → %s`, (cond, a, b, taken) => {
      for (const src of ['k', 'x'] as const) {
        const result = exec(condProgram(cond, a, b, src), empty, semantics);
        expect(result.verdict).toBe(taken ? 1 : 2);
        const jump = result.steps[2]!;
        expect(jump.branch).toEqual({
          taken,
          target: taken ? 3 : 4,
          other: taken ? 4 : 3,
          lhs: a,
          rhs: b,
        });
      }
    });
  }

  it('jumpTest agrees', () => {
    expect(jumpTest('jset', 1, 2)).toBe(false);
    expect(jumpTest('jge', 0, 0)).toBe(true);
  });

  it.each(SEMANTICS)('%s: jt = jf = 0 continues at the next instruction either way', (semantics) => {
    const insns: Insn[] = [
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 0, jf: 0 },
      { op: 'ret', src: 'k', k: 9 },
    ];
    const result = exec(insns, empty, semantics);
    expect(result.verdict).toBe(9);
    expect(result.steps[0]!.branch).toEqual({ taken: true, target: 1, other: 1, lhs: 0, rhs: 0 });
  });

  it.each(SEMANTICS)('%s: a conditional jump past the end falls off with 0', (semantics) => {
    const insns: Insn[] = [
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 200, jf: 0 },
      { op: 'ret', src: 'k', k: 9 },
    ];
    const result = exec(insns, empty, semantics);
    expect(result).toMatchObject({ verdict: 0, end: 'fell-off' });
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ branch: { taken: true, target: 201 }, end: 'fell-off' });
  });
});

describe('ja', () => {
  it.each(SEMANTICS)('%s: ja forward skips instructions', (semantics) => {
    const result = exec(asm('ja over\nret #1\nover: ret #2'), empty, semantics);
    expect(result.verdict).toBe(2);
    expect(result.steps.map((s) => s.pc)).toEqual([0, 2]);
    expect(result.steps[0]!.branch).toEqual({ taken: true, target: 2, other: 2 });
  });

  it('linux reads ja k as unsigned: 0xffffffff jumps far past the end (fell-off)', () => {
    const insns: Insn[] = [
      { op: 'ja', k: 0xffffffff },
      { op: 'ret', src: 'k', k: 1 },
    ];
    const result = exec(insns, empty, 'linux');
    expect(result).toMatchObject({ verdict: 0, end: 'fell-off' });
    expect(result.steps[0]!.branch!.target).toBe(0x100000000);
  });

  it('libpcap sign-extends ja k: a backward jump loops until the step limit', () => {
    // ja -1 jumps to itself (bpf_filter.c `pc += (bpf_int32)pc->k`).
    const insns: Insn[] = [
      { op: 'ja', k: 0xffffffff },
      { op: 'ret', src: 'k', k: 1 },
    ];
    const result = exec(insns, empty, 'libpcap', { maxSteps: 100 });
    expect(result).toMatchObject({ verdict: 0, end: 'step-limit' });
    expect(result.steps).toHaveLength(100);
    expect(result.steps.every((s) => s.pc === 0)).toBe(true);
    expect(result.steps.at(-1)).toMatchObject({ verdict: 0, end: 'step-limit' });
  });

  it('libpcap runs a bounded backward loop to its ret (like ip6 protochain)', () => {
    // X counts down from 3; each pass adds 10 to M[0]; the loop closes with a backward ja.
    const insns: Insn[] = [
      { op: 'ldx', mode: 'imm', k: 3 }, // 0
      { op: 'ld', mode: 'mem', k: 0 }, // 1 loop:
      { op: 'alu', alu: 'add', src: 'k', k: 10 }, // 2
      { op: 'st', k: 0 }, // 3
      { op: 'txa' }, // 4
      { op: 'alu', alu: 'sub', src: 'k', k: 1 }, // 5
      { op: 'tax' }, // 6
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 1, jf: 0 }, // 7: done → 9
      { op: 'ja', k: (-8 >>> 0) as number }, // 8: back to 1
      { op: 'ld', mode: 'mem', k: 0 }, // 9
      { op: 'ret', src: 'a' }, // 10
    ];
    const result = exec(insns, empty, 'libpcap');
    expect(result).toMatchObject({ verdict: 30, end: 'ret' });
    expect(result.steps.filter((s) => s.pc === 8).map((s) => s.branch!.target)).toEqual([1, 1]);
    // Linux reads the same k as a forward jump of 4 billion: it falls off.
    expect(exec(insns, empty, 'linux')).toMatchObject({ verdict: 0, end: 'fell-off' });
  });

  it('libpcap: a backward ja before the start falls off', () => {
    const insns: Insn[] = [
      { op: 'ja', k: (-5 >>> 0) as number },
      { op: 'ret', src: 'k', k: 1 },
    ];
    const result = exec(insns, empty, 'libpcap');
    expect(result).toMatchObject({ verdict: 0, end: 'fell-off' });
    expect(result.steps[0]!.branch!.target).toBe(-4);
  });

  it('jaTarget names the rule directly', () => {
    expect(jaTarget(3, 0xfffffffe, 'libpcap')).toBe(2);
    expect(jaTarget(3, 0xfffffffe, 'linux')).toBe(3 + 1 + 0xfffffffe);
    expect(jaTarget(3, 2, 'linux')).toBe(6);
    expect(jaTarget(3, 2, 'libpcap')).toBe(6);
  });
});

describe('falling off the end', () => {
  it.each(SEMANTICS)('%s: a last instruction that is not ret ends with fell-off, verdict 0', (semantics) => {
    const result = exec(asm('ld #5\ntax'), empty, semantics);
    expect(result).toMatchObject({ verdict: 0, end: 'fell-off' });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[1]).toMatchObject({ pc: 1, xAfter: 5, verdict: 0, end: 'fell-off' });
  });

  it.each(SEMANTICS)('%s: an empty program falls off at once', (semantics) => {
    expect(exec([], empty, semantics)).toEqual({ verdict: 0, end: 'fell-off', steps: [] });
  });
});

describe('malformed jump offsets (an Insn built outside its ranges) end the run, never throw', () => {
  it.each(SEMANTICS)('%s: a fractional or negative jt/jf falls off', (semantics) => {
    for (const [jt, jf] of [
      [1.5, 0],
      [-3, 0],
      [Number.NaN, 0],
    ]) {
      const insns: Insn[] = [
        { op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: jt!, jf: jf! },
        { op: 'ret', src: 'k', k: 1 },
        { op: 'ret', src: 'k', k: 2 },
        { op: 'ret', src: 'k', k: 3 },
      ];
      expect(exec(insns, empty, semantics)).toMatchObject({ verdict: 0, end: 'fell-off' });
    }
  });
});
