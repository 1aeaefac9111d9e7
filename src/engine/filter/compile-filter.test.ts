// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { run } from '../vm/run.ts';
import { compileFilter, FILTER_LINK_TYPES } from './compile-filter.ts';

const listing = (expr: string, options = {}) =>
  formatTcpdumpListing(compileFilter(expr, options).program!.insns);

describe('compileFilter', () => {
  it('compiles for Ethernet, snaplen 262144, optimized, by default', () => {
    expect(listing('ip')).toBe(
      [
        '(000) ldh      [12]',
        '(001) jeq      #0x800           jt 2\tjf 3',
        '(002) ret      #262144',
        '(003) ret      #0',
        '',
      ].join('\n'),
    );
  });

  it('accepts every packet for an empty expression', () => {
    expect(listing('')).toBe('(000) ret      #262144\n');
    expect(listing('  \n ', { snaplen: 96 })).toBe('(000) ret      #96\n');
  });

  it('returns the snaplen for accepted packets', () => {
    expect(listing('ip', { snaplen: 96 })).toContain('ret      #96');
    expect(compileFilter('ip', { snaplen: 0 })).toReportError(
      'FLT3035 a snaplen of 0 would reject every packet',
    );
  });

  it('knows the link types it supports, and says which it does not', () => {
    for (const linkType of FILTER_LINK_TYPES)
      expect(compileFilter('ip or ip6', { linkType }).program).toBeDefined();
    expect(compileFilter('ip', { linkType: 105 })).toReportError(
      'FLT3036 the filter compiler does not know link type 105: expected ...',
    );
  });

  it('uses the netmask for ip broadcast, and refuses it when the netmask is unknown', () => {
    expect(listing('ip broadcast', { netmask: 0xffffff00 })).toContain('and      #0xff');
    expect(compileFilter('ip broadcast', { netmask: 0xffffffff })).toReportError(
      "FLT3027 'ip broadcast' needs the network's netmask...",
    );
  });

  it('compiles as tcpdump -r does when told the packets come from a capture file', () => {
    // tcpdump -d: the compiling host's AF_INET6 (10), little-endian.
    expect(listing('ip6', { linkType: 0 })).toContain('jeq      #0xa000000');
    // tcpdump -r: the BSD families 24, 28 and 30, in the file's byte order.
    const le = listing('ip6', { linkType: 0, savefile: {} });
    for (const af of [0x18000000, 0x1c000000, 0x1e000000]) expect(le).toContain(`#0x${af.toString(16)} `);
    expect(listing('ip', { linkType: 0, savefile: { bigEndian: true } })).toContain('jeq      #0x2 ');
    expect(compileFilter('inbound', { savefile: {} })).toReportError(
      "FLT3031 'inbound/outbound' cannot be tested on EN10MB packets read from a capture file",
    );
    expect(compileFilter('inbound', { linkType: 113, savefile: {} }).program).toBeDefined();
  });

  it('compiles protochain unoptimized, with its backward jump, and says why', () => {
    const r = compileFilter('ip6 protochain 6');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'FLT3053' }));
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity: 'info', code: 'FLT3054' }));
    expect(formatTcpdumpListing(r.program!.insns)).toBe(listing('ip6 protochain 6', { optimize: false }));
    const ja = r.program!.insns.find((i) => i.op === 'ja');
    expect(ja && ja.k > 0x7fffffff).toBe(true);
  });

  it('follows an IPv6 extension-header chain with protochain (libpcap semantics)', () => {
    // IPv6, hop-by-hop options (8 bytes), then UDP.
    const frame = new Uint8Array(14 + 40 + 8 + 8);
    frame.set([0x86, 0xdd], 12);
    frame[14] = 0x60;
    frame[14 + 6] = 0; // next header: hop-by-hop
    frame[54] = 17; // the hop-by-hop header's next header: UDP
    const packet = { bytes: frame, wireLength: frame.length };
    const chain = compileFilter('ip6 protochain 17').program!;
    const direct = compileFilter('ip6 proto 17').program!;
    expect(run(chain.insns, packet, 'libpcap').verdict).toBe(262144);
    expect(run(direct.insns, packet, 'libpcap').verdict).toBe(0);
  });

  it('explains the vlan offset trap, as a warning when vlan sits under or/not', () => {
    expect(compileFilter('vlan and ip').diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        code: 'FLT3050',
        notes: [expect.objectContaining({ message: "'ip' reads shifted offsets" })],
      }),
    );
    expect(compileFilter('vlan or ip')).toReportWarning("1:1-1:5 FLT3050 'vlan' sits under 'or'/'not'...");
    expect(compileFilter('ip or vlan').diagnostics).toEqual([]);
  });

  it('keeps a comment and a source range for every instruction of a primitive', () => {
    const expr = 'ether host 02:00:00:00:00:01 or tcp port 80';
    const p = compileFilter(expr).program!;
    expect(p.sourceMap).toHaveLength(p.insns.length);
    p.insns.forEach((insn, pc) => {
      if (insn.op === 'ret') expect(p.comments![pc]).toMatch(/^(accept|reject)/);
      expect(p.sourceMap![pc]).toBeDefined();
      if (insn.op === 'jmp') expect(p.comments![pc]).toBeTruthy();
    });
  });

  it('never throws, whatever the input', () => {
    const alphabet = fc.constantFrom(
      ...'ip6 tcp[]()=!&|<>-+*/%^0123456789abcdefx.:/\\ hostnetportandornotlenvlan'.split(''),
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }),
        fc.constantFrom(...FILTER_LINK_TYPES),
        fc.boolean(),
        (chars, linkType, optimize) => {
          const r = compileFilter(chars.join(''), { linkType, optimize });
          expect(r.program !== undefined || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: 500, seed: 42 },
    );
  });
});
