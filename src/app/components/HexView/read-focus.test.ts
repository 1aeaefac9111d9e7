// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, openCapture, type RunResult, run } from '../../../engine/index.ts';
import { bitString, maskAt, maskedBitString, originOfA, readFocus, spansOverlap } from './read-focus.ts';

const dns = openCapture(new Uint8Array(readFileSync('samples/captures/dns.pcap'))).capture;
const firstPacket = dns?.packetAt(0);

function trace(source: string, bytes: Uint8Array = firstPacket?.bytes ?? new Uint8Array()): RunResult {
  const { program, diagnostics } = assemble(source);
  if (!program) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return run(program.insns, { bytes, wireLength: bytes.length }, 'linux');
}

const DEFAULT = readFileSync('samples/programs/default.bpf', 'utf8');

describe('readFocus', () => {
  it('lights nothing before the first step and outlines the first load', () => {
    const { steps } = trace(DEFAULT);
    expect(readFocus(steps, 0, 75)).toEqual({
      next: { pc: 0, offset: 12, length: 2, via: 'load', outOfBounds: false },
    });
  });

  it('lights the EtherType after `ldh [12]`, and the origin of A after the jump that tests it', () => {
    const { steps } = trace(DEFAULT);
    expect(readFocus(steps, 1, 75).current).toEqual({
      pc: 0,
      offset: 12,
      length: 2,
      via: 'load',
      outOfBounds: false,
    });
    // jneq #0x800 compares all of A, which came from bytes 12..13.
    expect(readFocus(steps, 2, 75)).toEqual({
      current: { pc: 1, offset: 12, length: 2, via: 'origin', originPc: 0, outOfBounds: false },
      next: { pc: 2, offset: 23, length: 1, via: 'load', outOfBounds: false },
    });
  });

  it('shows the bits `jset #0x1fff` looks at in the bytes `ldh [20]` read', () => {
    const { steps } = trace(DEFAULT);
    const at = steps.findIndex((s) => s.insn.op === 'jmp' && s.insn.cond === 'jset');
    expect(readFocus(steps, at + 1, 75).current).toMatchObject({
      offset: 20,
      length: 2,
      bitMask: 0x1fff,
      via: 'origin',
    });
  });

  it('shows the low nibble `ldx 4*([14]&0xf)` reads', () => {
    const { steps } = trace(DEFAULT);
    const at = steps.findIndex((s) => s.insn.op === 'ldx');
    expect(readFocus(steps, at + 1, 75).current).toMatchObject({ offset: 14, length: 1, bitMask: 0x0f });
  });

  it('narrows the origin through `and #k` and stops at a shift', () => {
    const masked = trace('ldb [14]\nand #0xf0\njeq #0x40, yes, no\nyes: ret #1\nno: ret #0\n');
    expect(originOfA(masked.steps, 2)).toMatchObject({ offset: 14, length: 1, bitMask: 0xf0, originPc: 0 });
    const shifted = trace('ldb [14]\nrsh #4\njeq #4, yes, no\nyes: ret #1\nno: ret #0\n');
    expect(originOfA(shifted.steps, 2)).toBeUndefined();
  });

  it('flags a load past the captured bytes', () => {
    const short = new Uint8Array(20);
    const { steps } = trace('ldh [30]\nret #1\n', short);
    expect(readFocus(steps, 1, 20).current).toMatchObject({ offset: 30, length: 2, outOfBounds: true });
  });

  it('ignores steps that read no packet bytes', () => {
    const { steps } = trace('ld #len\nst M[0]\nret #1\n');
    expect(readFocus(steps, 1, 75)).toEqual({});
    expect(readFocus(steps, 2, 75)).toEqual({});
  });
});

describe('bit helpers', () => {
  it('maskAt splits a big-endian mask over the bytes of a span', () => {
    const span = { offset: 20, length: 2, bitMask: 0x1fff };
    expect([19, 20, 21, 22].map((at) => maskAt(span, at))).toEqual([0, 0x1f, 0xff, 0]);
    expect(maskAt({ offset: 0, length: 4, bitMask: 0xff000000 }, 0)).toBe(0xff);
    expect(maskAt({ offset: 0, length: 6 }, 5)).toBe(0xff);
  });

  it('spansOverlap compares bits, not only bytes', () => {
    const version = { offset: 14, length: 1, bitMask: 0xf0 };
    const ihl = { offset: 14, length: 1, bitMask: 0x0f };
    expect(spansOverlap(version, ihl)).toBe(false);
    expect(spansOverlap({ offset: 14, length: 20 }, ihl)).toBe(true);
    expect(spansOverlap({ offset: 12, length: 2 }, { offset: 14, length: 1 })).toBe(false);
  });

  it('prints bits plainly and with dots for the unused ones', () => {
    expect(bitString(0x45)).toBe('0100 0101');
    expect(maskedBitString(0x45, 0x0f)).toBe('.... 0101');
    expect(maskedBitString(0x40, 0xe0)).toBe('010. ....');
  });
});
