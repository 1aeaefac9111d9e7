// SPDX-License-Identifier: MIT
/**
 * The lower pass reproduces libpcap's unoptimized code exactly. Expected listings are
 * `tcpdump -O -d -y DLT EXPR` output from tcpdump 4.99.3 / libpcap 1.10.3 (the differential test
 * checks the whole corpus the same way against the installed libpcap).
 */
import { describe, expect, it } from 'vitest';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { compileFilter } from './compile-filter.ts';

function unoptimized(expr: string, linkType: number): string {
  const r = compileFilter(expr, { linkType, optimize: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return formatTcpdumpListing(r.program!.insns);
}

describe('lowerFilter reproduces libpcap’s code generator', () => {
  it('EN10MB: vlan 100 and udp port 53 (vlan moves every later offset by 4)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x8100          jt 6\tjf 2',
      '(002) ldh      [12]',
      '(003) jeq      #0x88a8          jt 6\tjf 4',
      '(004) ldh      [12]',
      '(005) jeq      #0x9100          jt 6\tjf 30',
      '(006) ldh      [14]',
      '(007) and      #0xfff',
      '(008) jeq      #0x64            jt 9\tjf 30',
      '(009) ldh      [16]',
      '(010) jeq      #0x86dd          jt 11\tjf 17',
      '(011) ldb      [24]',
      '(012) jeq      #0x11            jt 13\tjf 17',
      '(013) ldh      [58]',
      '(014) jeq      #0x35            jt 29\tjf 15',
      '(015) ldh      [60]',
      '(016) jeq      #0x35            jt 29\tjf 17',
      '(017) ldh      [16]',
      '(018) jeq      #0x800           jt 19\tjf 30',
      '(019) ldb      [27]',
      '(020) jeq      #0x11            jt 21\tjf 30',
      '(021) ldh      [24]',
      '(022) jset     #0x1fff          jt 30\tjf 23',
      '(023) ldxb     4*([18]&0xf)',
      '(024) ldh      [x + 18]',
      '(025) jeq      #0x35            jt 29\tjf 26',
      '(026) ldxb     4*([18]&0xf)',
      '(027) ldh      [x + 20]',
      '(028) jeq      #0x35            jt 29\tjf 30',
      '(029) ret      #262144',
      '(030) ret      #0',
    ];
    expect(unoptimized('vlan 100 and udp port 53', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('EN10MB: tcp[0] = 1 and tcp[1] = 2 (scratch cells are allocated round-robin across the whole expression)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x800           jt 2\tjf 61',
      '(002) ldh      [12]',
      '(003) jeq      #0x800           jt 4\tjf 6',
      '(004) ldb      [23]',
      '(005) jeq      #0x6             jt 14\tjf 6',
      '(006) ldh      [12]',
      '(007) jeq      #0x86dd          jt 8\tjf 61',
      '(008) ldb      [20]',
      '(009) jeq      #0x6             jt 14\tjf 10',
      '(010) ldb      [20]',
      '(011) jeq      #0x2c            jt 12\tjf 61',
      '(012) ldb      [54]',
      '(013) jeq      #0x6             jt 14\tjf 61',
      '(014) ldh      [20]',
      '(015) jset     #0x1fff          jt 61\tjf 16',
      '(016) ld       #0x0',
      '(017) st       M[0]',
      '(018) ldxb     4*([14]&0xf)',
      '(019) ld       M[0]',
      '(020) add      x',
      '(021) tax      ',
      '(022) ldb      [x + 14]',
      '(023) st       M[1]',
      '(024) ld       #0x1',
      '(025) st       M[2]',
      '(026) ldx      M[2]',
      '(027) ld       M[1]',
      '(028) sub      x',
      '(029) jeq      #0x0             jt 30\tjf 61',
      '(030) ldh      [12]',
      '(031) jeq      #0x800           jt 32\tjf 61',
      '(032) ldh      [12]',
      '(033) jeq      #0x800           jt 34\tjf 36',
      '(034) ldb      [23]',
      '(035) jeq      #0x6             jt 44\tjf 36',
      '(036) ldh      [12]',
      '(037) jeq      #0x86dd          jt 38\tjf 61',
      '(038) ldb      [20]',
      '(039) jeq      #0x6             jt 44\tjf 40',
      '(040) ldb      [20]',
      '(041) jeq      #0x2c            jt 42\tjf 61',
      '(042) ldb      [54]',
      '(043) jeq      #0x6             jt 44\tjf 61',
      '(044) ldh      [20]',
      '(045) jset     #0x1fff          jt 61\tjf 46',
      '(046) ld       #0x1',
      '(047) st       M[2]',
      '(048) ldxb     4*([14]&0xf)',
      '(049) ld       M[2]',
      '(050) add      x',
      '(051) tax      ',
      '(052) ldb      [x + 14]',
      '(053) st       M[3]',
      '(054) ld       #0x2',
      '(055) st       M[4]',
      '(056) ldx      M[4]',
      '(057) ld       M[3]',
      '(058) sub      x',
      '(059) jeq      #0x0             jt 60\tjf 61',
      '(060) ret      #262144',
      '(061) ret      #0',
    ];
    expect(unoptimized('tcp[0] = 1 and tcp[1] = 2', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('LINUX_SLL: arp host 192.0.2.1 (Linux cooked headers put the protocol at 14 and the payload at 16)', () => {
    const expected = [
      '(000) ldh      [14]',
      '(001) jeq      #0x806           jt 2\tjf 4',
      '(002) ld       [30]',
      '(003) jeq      #0xc0000201      jt 8\tjf 4',
      '(004) ldh      [14]',
      '(005) jeq      #0x806           jt 6\tjf 9',
      '(006) ld       [40]',
      '(007) jeq      #0xc0000201      jt 8\tjf 9',
      '(008) ret      #262144',
      '(009) ret      #0',
    ];
    expect(unoptimized('arp host 192.0.2.1', 113)).toBe(`${expected.join('\n')}\n`);
  });

  it('NULL: ip6 (BSD loopback compares the address family in little-endian order)', () => {
    const expected = [
      '(000) ld       [0]',
      '(001) jeq      #0xa000000       jt 2\tjf 3',
      '(002) ret      #262144',
      '(003) ret      #0',
    ];
    expect(unoptimized('ip6', 0)).toBe(`${expected.join('\n')}\n`);
  });

  it('RAW: ip or arp (raw IP tests the version nibble; ARP can never match)', () => {
    const expected = [
      '(000) ldb      [0]',
      '(001) and      #0xf0',
      '(002) jeq      #0x40            jt 5\tjf 3',
      '(003) ld       #0x1',
      '(004) jeq      #0x0             jt 5\tjf 6',
      '(005) ret      #262144',
      '(006) ret      #0',
    ];
    expect(unoptimized('ip or arp', 101)).toBe(`${expected.join('\n')}\n`);
  });

  it('EN10MB: mpls 16 and ip (after mpls, ip means bottom of stack and version 4)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x8847          jt 2\tjf 12',
      '(002) ld       [14]',
      '(003) and      #0xfffff000',
      '(004) jeq      #0x10000         jt 5\tjf 12',
      '(005) ldb      [16]',
      '(006) and      #0x1',
      '(007) jeq      #0x1             jt 8\tjf 12',
      '(008) ldb      [18]',
      '(009) and      #0xf0',
      '(010) jeq      #0x40            jt 11\tjf 12',
      '(011) ret      #262144',
      '(012) ret      #0',
    ];
    expect(unoptimized('mpls 16 and ip', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('EN10MB: pppoes 3 and ip (after pppoes, ip is the PPP protocol 0x0021)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x8864          jt 2\tjf 8',
      '(002) ld       [14]',
      '(003) and      #0xffff',
      '(004) jeq      #0x3             jt 5\tjf 8',
      '(005) ldh      [20]',
      '(006) jeq      #0x21            jt 7\tjf 8',
      '(007) ret      #262144',
      '(008) ret      #0',
    ];
    expect(unoptimized('pppoes 3 and ip', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('EN10MB: ip protochain 17 (protochain loops with a backward ja)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x800           jt 2\tjf 23',
      '(002) ldb      [23]',
      '(003) ldxb     4*([14]&0xf)',
      '(004) jeq      #0x11            jt 20\tjf 5',
      '(005) jeq      #0x3b            jt 20\tjf 6',
      '(006) add      #0',
      '(007) jeq      #0x33            jt 8\tjf 20',
      '(008) txa      ',
      '(009) ldb      [x + 14]',
      '(010) st       M[0]',
      '(011) txa      ',
      '(012) add      #1',
      '(013) tax      ',
      '(014) ldb      [x + 14]',
      '(015) add      #2',
      '(016) mul      #4',
      '(017) tax      ',
      '(018) ld       M[0]',
      '(019) ja       4',
      '(020) add      #0',
      '(021) jeq      #0x11            jt 22\tjf 23',
      '(022) ret      #262144',
      '(023) ret      #0',
    ];
    expect(unoptimized('ip protochain 17', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('keeps the primitive’s source range on every instruction', () => {
    const r = compileFilter('ip and udp', { optimize: false });
    const map = r.program!.sourceMap!;
    expect(map[0]).toEqual({ startLine: 1, startCol: 1, endLine: 1, endCol: 3 });
    expect(map.slice(2, 8).every((m) => m?.startCol === 8 && m.endCol === 11)).toBe(true);
    expect(map.at(-1)).toEqual({ startLine: 1, startCol: 1, endLine: 1, endCol: 11 });
  });
});
