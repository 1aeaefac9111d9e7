// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { check } from '../engine/check/check.ts';
import type { Insn } from '../engine/isa/insn.ts';
import { SKF_LL_OFF } from '../engine/isa/opcodes.ts';
import { createRng, randomFrame, randomPacket, randomProgram } from './random-program.ts';

const PROGRAMS = 1000;

function programs(seed: number, loads: 'data' | 'headers', count = PROGRAMS): Insn[][] {
  const rng = createRng(seed);
  const packetLengths = [0, 1, 14, 40, 60, 64, 100, 1514];
  return Array.from({ length: count }, () => randomProgram(rng, { loads, packetLengths }));
}

/** A short name for the instruction's family, e.g. `alu.div.x`, `jmp.jset.k`, `ld.ind`. */
function family(insn: Insn): string {
  if (insn.op === 'alu') return `alu.${insn.alu}.${insn.src}`;
  if (insn.op === 'jmp') return `jmp.${insn.cond}.${insn.src}`;
  if (insn.op === 'ld' || insn.op === 'ldx') return `${insn.op}.${insn.mode}`;
  if (insn.op === 'ret') return `ret.${insn.src}`;
  return insn.op;
}

describe('randomProgram', () => {
  it('is a pure function of the seed', () => {
    expect(programs(7, 'data', 50)).toEqual(programs(7, 'data', 50));
    expect(programs(7, 'data', 50)).not.toEqual(programs(8, 'data', 50));
  });

  it.each(['data', 'headers'] as const)(
    `gives ${PROGRAMS} programs in %s mode that both the kernel checker and bpf_validate accept`,
    (loads) => {
      for (const insns of programs(1, loads)) {
        const errors = [...check(insns), ...check(insns, { mode: 'libpcap' })].filter(
          (d) => d.severity === 'error',
        );
        expect(errors, JSON.stringify(insns)).toEqual([]);
      }
    },
  );

  it('covers every instruction family and the runtime edge cases', () => {
    const seen = new Set<string>();
    let longestJump = 0;
    let zeroDivisor = 0;
    let bigShift = 0;
    let hugeX = 0;
    for (const insns of programs(2, 'data', 2000)) {
      insns.forEach((insn, pc) => {
        seen.add(family(insn));
        if (insn.op === 'jmp') longestJump = Math.max(longestJump, insn.jt, insn.jf);
        const prev = insns[pc - 1];
        const x = prev?.op === 'ldx' && prev.mode === 'imm' ? prev.k : undefined;
        if (x === 0 && insn.op === 'alu' && insn.src === 'x' && (insn.alu === 'div' || insn.alu === 'mod'))
          zeroDivisor++;
        if (x !== undefined && x >= 32 && insn.op === 'alu' && (insn.alu === 'lsh' || insn.alu === 'rsh'))
          bigShift++;
        if (x !== undefined && x >= 0xfffffff0 && insn.op === 'ld' && insn.mode === 'ind') hugeX++;
      });
    }
    const families = [
      ...['imm', 'abs', 'ind', 'mem', 'len'].map((m) => `ld.${m}`),
      ...['imm', 'mem', 'len', 'msh'].map((m) => `ldx.${m}`),
      ...['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'].flatMap((a) => [
        `alu.${a}.k`,
        `alu.${a}.x`,
      ]),
      ...['jeq', 'jgt', 'jge', 'jset'].flatMap((c) => [`jmp.${c}.k`, `jmp.${c}.x`]),
      ...['st', 'stx', 'neg', 'ja', 'tax', 'txa', 'ret.k', 'ret.a'],
    ];
    expect(families.filter((f) => !seen.has(f))).toEqual([]);
    expect(seen.has('ret.x')).toBe(false);
    expect(longestJump).toBe(255);
    expect(zeroDivisor).toBeGreaterThan(20);
    expect(bigShift).toBeGreaterThan(20);
    expect(hugeX).toBeGreaterThan(20);
  });

  it('in headers mode loads only through SKF_NET_OFF/SKF_LL_OFF, with no jump into an [x + k] setup', () => {
    for (const insns of programs(3, 'headers')) {
      const targets = new Set<number>();
      insns.forEach((insn, pc) => {
        if (insn.op === 'ja') targets.add(pc + 1 + insn.k);
        if (insn.op === 'jmp') targets.add(pc + 1 + insn.jt).add(pc + 1 + insn.jf);
      });
      insns.forEach((insn, pc) => {
        if ((insn.op === 'ld' && insn.mode === 'abs') || (insn.op === 'ldx' && insn.mode === 'msh')) {
          expect(insn.k >>> 0).toBeGreaterThanOrEqual(0x80000000);
        }
        if (insn.op === 'ld' && insn.mode === 'ind') {
          const setup = insns[pc - 1];
          const address = setup?.op === 'ldx' && setup.mode === 'imm' ? (setup.k + insn.k) >>> 0 : 0;
          expect(address).toBeGreaterThanOrEqual(SKF_LL_OFF);
          expect(targets.has(pc)).toBe(false);
        }
      });
    }
  });
});

describe('randomPacket', () => {
  it('gives captured lengths 0..1600 and wire lengths never below them, some truncated', () => {
    const rng = createRng(4);
    const packets = Array.from({ length: 3000 }, () => randomPacket(rng));
    const lengths = packets.map((p) => p.bytes.length);
    expect(Math.min(...lengths)).toBe(0);
    expect(Math.max(...lengths)).toBeGreaterThan(1000);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(1600);
    expect(packets.every((p) => p.wireLength >= p.bytes.length)).toBe(true);
    expect(packets.filter((p) => p.wireLength > p.bytes.length).length).toBeGreaterThan(300);
  });

  it('builds frames with real EtherTypes (IPv4, IPv6, ARP, 802.1Q)', () => {
    const rng = createRng(5);
    const types = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const frame = randomFrame(rng);
      types.add((frame[12]! << 8) | frame[13]!);
    }
    expect([...types].sort()).toEqual([0x0800, 0x0806, 0x8100, 0x86dd].sort());
  });
});
