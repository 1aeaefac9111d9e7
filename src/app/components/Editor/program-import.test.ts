// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../../worker/session.ts';
import { countInstructions, importNote, maybeForeignProgram } from './program-import.ts';

/** `tcpdump -dd 'ip and udp port 53'` (tcpdump 4.99.3, libpcap 1.10.3, Ethernet). */
const DD = `{ 0x28, 0, 0, 0x0000000c },
{ 0x15, 0, 10, 0x00000800 },
{ 0x30, 0, 0, 0x00000017 },
{ 0x15, 0, 8, 0x00000011 },
{ 0x28, 0, 0, 0x00000014 },
{ 0x45, 6, 0, 0x00001fff },
{ 0xb1, 0, 0, 0x0000000e },
{ 0x48, 0, 0, 0x0000000e },
{ 0x15, 2, 0, 0x00000035 },
{ 0x48, 0, 0, 0x00000010 },
{ 0x15, 0, 1, 0x00000035 },
{ 0x6, 0, 0, 0x00040000 },
{ 0x6, 0, 0, 0x00000000 },
`;

describe('importing pasted programs', () => {
  it.each([
    [DD, true],
    ['4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,', true],
    ["'4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,'", true],
    ['{ 0x6, 0, 0, 0x00000000 },', true],
    ['(000) ret      #0', true],
    ['ldh [12]\nret #0', true],
    ['17', false],
    ['0x800', false],
    ['ldh [12]', false],
    ['   \n  ', false],
  ])('%j may be a foreign program: %s', (text, expected) => {
    expect(maybeForeignProgram(text)).toBe(expected);
  });

  it('says what it imported, counted in instructions', () => {
    const outcome = new EngineSession().importProgram(DD);
    expect(outcome.format).toBe('dd');
    expect(importNote(outcome)).toEqual({
      kind: 'info',
      text: 'Imported a tcpdump -dd program (13 instructions) as bpf_asm',
    });
    expect(importNote(outcome, 'dns.txt').text).toBe(
      'Imported a tcpdump -dd program (13 instructions) from dns.txt as bpf_asm',
    );
  });

  it('gives the first error when the text does not import', () => {
    const outcome = new EngineSession().importProgram('3\n40 0 0 12\n6 0 0 0\n');
    expect(outcome.text).toBeUndefined();
    expect(importNote(outcome)).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(/^Could not import a tcpdump -ddd program: ASM1103 /),
    });
  });

  it('counts instructions, not labels, comments or blank lines', () => {
    expect(countInstructions('; c\n  ldh [12]\nL1:\nL2: ret #0 ; x\n\n/* */\n')).toBe(2);
  });
});
