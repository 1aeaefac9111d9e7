// SPDX-License-Identifier: MIT
/**
 * DECnet addresses as libpcap 1.10.3 reads them (__pcap_atodn's sscanf "%d.%d", gen_ncode and
 * gen_mcode with the decnet qualifier). The values were checked with `tcpdump -d` (the compared
 * half-word is the address byte-swapped: `decnet host 10.15` compares #0xf28).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { compileFilter } from './compile-filter.ts';
import { formatDecnet, parseDecnet } from './resolve-decnet.ts';

/** The address a compiled `decnet dst` filter compares (the first 2-byte compare after a load). */
function comparedAddress(expr: string): number | undefined {
  const insns = compileFilter(expr, { optimize: false }).program?.insns ?? [];
  const i = insns.findIndex((x) => x.op === 'ld' && x.mode === 'abs' && x.size === 2 && x.k === 17);
  const next = insns[i + 1];
  if (next?.op !== 'jmp') return undefined;
  // Undo libpcap's ntohs: the program compares the wire (little-endian) bytes as a big-endian half-word.
  return ((next.k & 0xff) << 8) | (next.k >>> 8);
}

describe('parseDecnet (sscanf "%d.%d" and the area/node masks)', () => {
  it.each([
    ['10.15', (10 << 10) | 15, false],
    ['1.2', 0x0402, false],
    ['63.1023', 0xffff, false],
    ['0.0', 0, false],
    ['64.1024', 0, false],
    ['01.010', (1 << 10) | 10, false],
    ['1.2.3', 0x0402, true],
    ['1.0x5', 0x0400, true],
    ['99999999999.1', (63 << 10) | 1, false],
    ['2147483648.1', 1, false],
    ['9223372036854775808.3', (63 << 10) | 3, false],
    ['1.99999999999999999999', (1 << 10) | 1023, false],
  ] as const)('%s is %i', (text, value, rest) => {
    expect(parseDecnet(text)).toMatchObject({ value, rest });
  });

  it.each(['0x1.5', '0X10.0x5', 'a.1', '.1', '1.', '1'])('%s is no DECnet address', (text) => {
    expect(parseDecnet(text)).toBeUndefined();
  });

  it('formats every 16-bit value back to the area.node it parses from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (v) => {
        expect(parseDecnet(formatDecnet(v))?.value).toBe(v);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('decnet addresses in expressions', () => {
  it.each([
    ['decnet dst 10.15', 0x280f],
    ['decnet dst 63.1023', 0xffff],
    ['decnet dst 64.1024', 0],
    ['decnet dst 10', 10],
    ['decnet dst 70000', 70000 & 0xffff],
    ['decnet dst net 1.2', 0x0402],
    ['decnet dst net 1.2.3.4/32', 0x0304],
    ['decnet dst net 1.2 mask 255.255.0.0', 0],
  ] as const)('%s compares address %i', (expr, addr) => {
    expect(comparedAddress(expr)).toBe(addr);
  });

  it('an id after a decnet primitive inherits its qualifiers', () => {
    const a = compileFilter('decnet dst 1.2 or 10.15', { optimize: false }).program!.insns;
    const b = compileFilter('decnet dst 1.2 or decnet dst 10.15', { optimize: false }).program!.insns;
    expect(a).toEqual(b);
  });

  it('explains what libpcap makes of lenient spellings, at the address', () => {
    expect(compileFilter('decnet host 64.1024').diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'FLT3056' }),
    ]);
    expect(compileFilter('decnet host 64.1024').diagnostics[0]!.message).toBe(
      "'64.1024' is out of range (area 0-63, node 0-1023): libpcap keeps the low bits, 0.0",
    );
    expect(compileFilter('decnet src 1.2.3').diagnostics[0]).toMatchObject({
      code: 'FLT3056',
      message: "libpcap reads '1.2.3' as the DECnet address 1.2: it ignores what follows area.node",
      range: { startLine: 1, startCol: 12, endLine: 1, endCol: 17 },
    });
    expect(compileFilter('decnet host 70000').diagnostics[0]!.message).toMatch(/low 16 bits.*4\.368/);
    expect(compileFilter('decnet host 10.15').diagnostics).toEqual([]);
  });

  it('refuses what libpcap refuses, pointing at the offending token', () => {
    expect(compileFilter('decnet host 0x1.5')).toReportError(
      "1:13-1:18 FLT3038 '0x1.5' is no DECnet address: expected area.node in decimal, such as 1.2",
    );
    expect(compileFilter('decnet src mynode')).toReportError('1:12-1:18 FLT3020 ...');
    expect(compileFilter('decnet ta 1.2')).toReportError("1:1-1:14 FLT3027 'ta' is a direction ...");
    expect(compileFilter('decnet gateway 1.2')).toReportError('1:1-1:19 FLT3027 ...');
    expect(compileFilter('decnet host 1.2/16')).toReportError('1:1-1:19 FLT3028 ...');
    expect(compileFilter('decnet port 1')).toReportError("1:1-1:14 FLT3027 'decnet' has no ports...");
  });

  it('without decnet, 1.2 is the IPv4 network 1.2.0.0/16', () => {
    const r = compileFilter('host 1.2', { optimize: false });
    expect(r.program!.insns).toContainEqual(
      expect.objectContaining({ op: 'alu', alu: 'and', k: 0xffff0000 }),
    );
    expect(compileFilter('ether host 1.2')).toReportError('1:12-1:15 FLT3027 ...');
  });
});
