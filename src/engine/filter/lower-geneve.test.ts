// SPDX-License-Identifier: MIT
/**
 * `geneve [VNI]`: libpcap's code (listing from `tcpdump -O -d -y EN10MB geneve`, tcpdump 4.99.3 /
 * libpcap 1.10.3), the offsets it computes at run time, what later primitives then read, the
 * optimizer staying off, source ranges, and verdicts on samples/captures/geneve.pcap and on
 * generated Geneve packets (property test).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concat,
  ETHERTYPE,
  ethernet,
  IPPROTO,
  ipv4Packet,
  ipv6Packet,
  u16,
  u32,
  udp,
} from '../../../scripts/lib/packets.ts';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { run } from '../vm/run.ts';
import { compileFilter } from './compile-filter.ts';
import { readPcap } from './testdata/harness-protocol.ts';

const GENEVE_EN10MB = [
  '(000) ldh      [12]',
  '(001) jeq      #0x800           jt 2\tjf 16',
  '(002) ldb      [23]',
  '(003) jeq      #0x11            jt 4\tjf 16',
  '(004) ldh      [20]',
  '(005) jset     #0x1fff          jt 16\tjf 6',
  '(006) ldxb     4*([14]&0xf)',
  '(007) ldh      [x + 16]',
  '(008) jeq      #0x17c1          jt 9\tjf 16',
  '(009) ldxb     4*([14]&0xf)',
  '(010) ldb      [x + 22]',
  '(011) and      #0xc0',
  '(012) jeq      #0x0             jt 13\tjf 16',
  '(013) ldxb     4*([14]&0xf)',
  '(014) txa      ',
  '(015) jeq      x                jt 28\tjf 16',
  '(016) ldh      [12]',
  '(017) jeq      #0x86dd          jt 18\tjf 50',
  '(018) ldb      [20]',
  '(019) jeq      #0x11            jt 20\tjf 50',
  '(020) ldh      [56]',
  '(021) jeq      #0x17c1          jt 22\tjf 50',
  '(022) ldb      [62]',
  '(023) and      #0xc0',
  '(024) jeq      #0x0             jt 25\tjf 50',
  '(025) ld       #0x28',
  '(026) tax      ',
  '(027) jeq      x                jt 28\tjf 50',
  '(028) add      #22',
  '(029) tax      ',
  '(030) add      #2',
  '(031) st       M[0]',
  '(032) ldb      [x + 0]',
  '(033) and      #0x3f',
  '(034) mul      #4',
  '(035) add      #8',
  '(036) add      x',
  '(037) st       M[1]',
  '(038) ldh      [x + 2]',
  '(039) ldx      M[1]',
  '(040) jeq      #0x6558          jt 41\tjf 46',
  '(041) txa      ',
  '(042) add      #12',
  '(043) st       M[0]',
  '(044) add      #2',
  '(045) tax      ',
  '(046) stx      M[2]',
  '(047) ld       #0x0',
  '(048) jeq      #0x0             jt 49\tjf 50',
  '(049) ret      #262144',
  '(050) ret      #0',
];

const listing = (expr: string, optimize: boolean, linkType = 1) => {
  const r = compileFilter(expr, { linkType, optimize });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return formatTcpdumpListing(r.program!.insns);
};

const SAMPLE = readPcap(readFileSync(join(REPO_ROOT, 'samples', 'captures', 'geneve.pcap')));

/** 1-based numbers of the sample packets `expr` accepts. */
function matches(expr: string): number[] {
  const r = compileFilter(expr, { snaplen: SAMPLE.snaplen });
  expect(r.program, r.diagnostics.map((d) => d.message).join('; ')).toBeDefined();
  const out: number[] = [];
  SAMPLE.packets.forEach((p, i) => {
    if (run(r.program!.insns, p, 'libpcap', { trace: false }).verdict !== 0) out.push(i + 1);
  });
  return out;
}

describe('geneve: libpcap’s code', () => {
  it('matches tcpdump -O -d geneve, with the inner-Ethernet jump inside one block', () => {
    expect(listing('geneve', false)).toBe(`${GENEVE_EN10MB.join('\n')}\n`);
  });

  it('is never optimized (libpcap turns its optimizer off), and says so', () => {
    expect(listing('geneve', true)).toBe(listing('geneve', false));
    expect(listing('geneve 7 and ip host 192.0.2.1', true)).toBe(
      listing('geneve 7 and ip host 192.0.2.1', false),
    );
    const r = compileFilter('geneve and ip');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['FLT3050', 'FLT3054']);
    expect(compileFilter('geneve', { optimize: false }).diagnostics).toEqual([]);
  });

  it('reads later headers through X from the scratch cells (M[0] type, M[1] link header, M[2] payload)', () => {
    const lines = listing('geneve and ip host 192.0.2.1', false).split('\n');
    expect(lines.slice(49, 55)).toEqual([
      '(049) ldx      M[0]',
      '(050) ldh      [x + 0]',
      '(051) jeq      #0x800           jt 52\tjf 55',
      '(052) ldx      M[2]',
      '(053) ld       [x + 12]',
      '(054) jeq      #0xc0000201      jt 61\tjf 55',
    ]);
  });

  it('allocates fresh cells for a second geneve and checks the inner MAC header for ether primitives', () => {
    const nested = listing('geneve and geneve', false);
    expect(nested).toContain('st       M[3]');
    expect(nested).toContain('stx      M[5]');
    // libpcap gen_geneve_ll_check: a MAC header exists when the link-header and payload offsets differ.
    const mac = listing('geneve and ether src 02:00:00:00:00:01', false).split('\n');
    expect(mac.slice(49, 54)).toEqual([
      '(049) ld       M[1]',
      '(050) ldx      M[2]',
      '(051) jeq      x                jt 59\tjf 52',
      '(052) ldx      M[1]',
      '(053) ld       [x + 8]',
    ]);
  });

  it('gives every instruction the source range of the primitive it implements', () => {
    const expr = 'geneve 5 and ip';
    const p = compileFilter(expr, { optimize: false }).program!;
    const texts = p.sourceMap!.map((m) => (m ? expr.slice(m.startCol - 1, m.endCol - 1) : undefined));
    const rets = p.insns.flatMap((insn, pc) => (insn.op === 'ret' ? [pc] : []));
    expect(new Set(texts.filter((_, pc) => !rets.includes(pc)))).toEqual(new Set(['geneve 5', 'ip']));
    const firstIp = texts.indexOf('ip');
    expect(firstIp).toBeGreaterThan(50);
    expect(texts.slice(0, firstIp).every((t) => t === 'geneve 5')).toBe(true);
    expect(p.comments![p.insns.findIndex((i) => i.op === 'jmp' && i.k === 0x6558)]).toMatch(/0x6558/);
  });
});

describe('geneve: verdicts on samples/captures/geneve.pcap', () => {
  it('matches Geneve to UDP 6081 version 0, by VNI, whatever the options and outer IP header', () => {
    // Packet 8 is version 1, 10 is sent from port 6081; 9 is 4 bytes long, yet libpcap's code only
    // reads its first four bytes, so plain 'geneve' accepts it.
    expect(matches('geneve')).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 11]);
    expect(matches('not geneve')).toEqual([8, 10]);
    expect(matches('geneve 10')).toEqual([1, 3, 5]);
    expect(matches('geneve 0')).toEqual([7]);
    expect(matches('geneve 0xffffff')).toEqual([6]);
  });

  it('looks inside: inner Ethernet or raw IP, VLAN tags, MAC addresses only where there is a MAC header', () => {
    expect(matches('geneve and ip')).toEqual([1, 5, 7]);
    expect(matches('geneve and ip6')).toEqual([2, 6, 11]);
    expect(matches('geneve and arp')).toEqual([3]);
    expect(matches('geneve 10 and udp port 53')).toEqual([1]);
    expect(matches('geneve and vlan 100 and tcp port 22')).toEqual([4]);
    expect(matches('geneve and ether src 02:00:00:00:00:01')).toEqual([3, 11]);
    expect(matches('geneve and ether broadcast')).toEqual([3]);
    expect(matches('geneve and ip host 192.0.2.1')).toEqual([1, 5, 7]);
  });
});

/** A Geneve frame over IPv4 (with `ihl` header words) or IPv6, `words` option words, VNI, inner IPv4. */
function genevePacket(o: {
  v6: boolean;
  ihl: number;
  words: number;
  vni: number;
  ether: boolean;
  inner: string;
}) {
  const l4 = udp({ src: o.inner, dst: '198.51.100.7', srcPort: 1000, dstPort: 53, payload: u32(0) });
  const ip = ipv4Packet({ src: o.inner, dst: '198.51.100.7', protocol: IPPROTO.UDP, payload: l4 });
  const inner = o.ether
    ? ethernet({ dst: '02:00:00:00:0b:02', src: '02:00:00:00:0b:01', type: ETHERTYPE.IPV4, payload: ip })
    : ip;
  const options = new Uint8Array(4 * o.words).fill(0x5a);
  const header = concat(
    Uint8Array.of(o.words, 0),
    u16(o.ether ? ETHERTYPE.TEB : ETHERTYPE.IPV4),
    u32((o.vni << 8) >>> 0),
    options,
  );
  const [src, dst] = o.v6 ? ['2001:db8::1', '2001:db8::2'] : ['192.0.2.10', '192.0.2.20'];
  const outerUdp = udp({ src, dst, srcPort: 50000, dstPort: 6081, payload: concat(header, inner) });
  const outerIp = o.v6
    ? ipv6Packet({ src, dst, nextHeader: IPPROTO.UDP, payload: outerUdp })
    : ipv4Packet({
        src,
        dst,
        protocol: IPPROTO.UDP,
        payload: outerUdp,
        options: new Uint8Array(4 * (o.ihl - 5)),
      });
  const type = o.v6 ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4;
  return ethernet({ dst: '02:00:00:00:00:01', src: '02:00:00:00:00:10', type, payload: outerIp });
}

describe('geneve: property test on generated packets', () => {
  it('finds the inner IPv4 source for any outer header length, option length, VNI and inner type', () => {
    const spec = fc.record({
      v6: fc.boolean(),
      ihl: fc.integer({ min: 5, max: 15 }),
      words: fc.integer({ min: 0, max: 63 }),
      vni: fc.integer({ min: 0, max: 0xffffff }),
      ether: fc.boolean(),
      last: fc.integer({ min: 1, max: 254 }),
    });
    fc.assert(
      fc.property(spec, (s) => {
        const bytes = genevePacket({ ...s, inner: `203.0.113.${s.last}` });
        const verdict = (expr: string) =>
          run(compileFilter(expr).program!.insns, { bytes, wireLength: bytes.length }, 'libpcap', {
            trace: false,
          }).verdict;
        expect(verdict(`geneve ${s.vni} and ip src host 203.0.113.${s.last}`)).toBe(262144);
        expect(verdict(`geneve ${(s.vni + 1) & 0xffffff} and ip`)).toBe(0);
        expect(verdict(`geneve and src host 203.0.113.${s.last === 1 ? 2 : 1}`)).toBe(0);
        expect(verdict('geneve and ether src 02:00:00:00:0b:01')).toBe(s.ether ? 262144 : 0);
        expect(verdict('geneve and udp dst port 53')).toBe(262144);
      }),
      { numRuns: 150, seed: 6081 },
    );
  });
});
