// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.ts';
import { explainStep } from './explain.ts';
import { run } from './run.ts';
import type { PacketMeta, Semantics } from './types.ts';

/** The explanation of every step of `text` run over `bytes`. */
function explain(
  text: string,
  bytes: number[] = [],
  semantics: Semantics = 'linux',
  meta?: Partial<PacketMeta>,
) {
  const { program, diagnostics } = assemble(text);
  if (!program) throw new Error(JSON.stringify(diagnostics));
  const packet = { bytes: Uint8Array.from(bytes), wireLength: bytes.length, ...(meta ? { meta } : {}) };
  return run(program.insns, packet, semantics).steps.map(explainStep);
}

const FRAME = [...new Array(12).fill(0), 0x08, 0x00, 0x45, ...new Array(45).fill(0)];

describe('explainStep', () => {
  it('says what a load read and what it put in A or X', () => {
    expect(explain('ldh [12]\nldxb 4*([14]&0xf)\nld [x + 0]\nret a\n', FRAME)).toEqual([
      'read 2 bytes at offset 12 → A = 0x800',
      'read 1 byte at offset 14 → X = 4 × (low nibble) = 20',
      'read 4 bytes at X + 0 = offset 20 → A = 0',
      'return A = 0',
    ]);
  });

  it('gives jumps their test with the values compared and where they went', () => {
    expect(
      explain('ldh [12]\njeq #0x86dd, v6, v4\nv6: ret #1\nv4: jset #0x800, yes\nyes: ret #2\n', FRAME),
    ).toEqual([
      'read 2 bytes at offset 12 → A = 0x800',
      'A (0x800) == 0x86dd? false → pc 3',
      'A (0x800) & 0x800 ≠ 0? true → pc 4',
      'return 2',
    ]);
  });

  it('names X as an ALU operand and gives shift counts in decimal', () => {
    expect(explain('ld #12\nldx #4\nadd x\nlsh #2\nret a\n', [], 'libpcap')).toEqual([
      'A = 0x0c',
      'X = 4',
      'A = 0x0c + X (4) = 0x10',
      'A = 0x10 << 2 = 0x40',
      'return A = 64',
    ]);
    // bpf_filter() aborts on `ret x` (cbpf.md §6); the interpreter ends the run instead.
    expect(explain('ret x\n', [], 'libpcap')).toEqual([
      'this machine cannot execute the instruction, so the program returns 0',
    ]);
  });

  it('explains a shift by X >= 32 the way each machine does it (cbpf.md §6)', () => {
    const program = 'ldx #33\nld #1\nlsh x\nret a\n';
    expect(explain(program, [], 'linux')[2]).toBe(
      'A = 1 << X (33) = 2 (a shift by 32 or more: Linux uses 33 & 31 = 1)',
    );
    expect(explain(program, [], 'libpcap')[2]).toBe(
      'A = 1 << X (33) = 0 (a shift by 32 or more: libpcap gives 0)',
    );
    expect(explain('ldx #40\nld #0\nrsh x\nret a\n')[2]).toBe(
      'A = 0 >> X (40) = 0 (a shift by 32 or more: Linux uses the count & 31, libpcap gives 0)',
    );
  });

  it('tells why a run ended without a ret', () => {
    expect(explain('ldh [100]\nret #1\n', FRAME)).toEqual([
      'read 2 bytes at offset 100: the load reaches past the captured bytes, so the program returns 0',
    ]);
    expect(explain('ldx #0\nld #1\ndiv x\nret a\n').at(-1)).toBe(
      'division by X = 0, so the program returns 0',
    );
  });

  it('says libpcap takes Linux extensions and special offsets as plain (far) packet offsets', () => {
    expect(explain('ld #type\nret a\n', FRAME, 'libpcap')).toEqual([
      'read #type as packet offset 0xfffff004 (this machine has no Linux extensions): the load reaches past the captured bytes, so the program returns 0',
    ]);
    expect(explain('ldb [-0x100000 + 9]\nret a\n', FRAME, 'libpcap')[0]).toBe(
      'read at offset 0xfff00009 (SKF_NET_OFF + 9, taken as a plain offset here): the load reaches past the captured bytes, so the program returns 0',
    );
  });

  it('shows scratch, length and extension reads', () => {
    expect(
      explain('ld #len\nst M[3]\nld M[3]\nld #proto\nret a\n', FRAME, 'linux', { protocol: 0x800 }),
    ).toEqual([
      'read the packet length 60 → A = 0x3c',
      'M[3] = 0x3c',
      'read M[3] = 0x3c → A = 0x3c',
      'read the Linux extension proto = 0x800 → A = 0x800',
      'return A = 2048',
    ]);
  });

  it('says why a read of a never-stored cell is 0 here and undefined in older libpcap', () => {
    expect(explain('ld M[4]\nret a\n', FRAME, 'libpcap')[0]).toBe(
      'read M[4] = 0 (never stored to on this run: bpflab reads 0, the kernel refuses the program, libpcap up to 1.10.6 reads whatever its stack held) → A = 0',
    );
  });
});
