// SPDX-License-Identifier: MIT
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { run } from '../vm/run.ts';
import type { PacketContext } from '../vm/types.ts';
import { compileFilter } from './compile-filter.ts';
import { expressionArbitrary } from './testdata/expression-arbitrary.ts';
import { readPcap } from './testdata/harness-protocol.ts';

/** Every Ethernet sample packet, plus copies cut short (caplen < wire length) at several points. */
function samplePackets(): PacketContext[] {
  const dir = join(REPO_ROOT, 'samples', 'captures');
  const out: PacketContext[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.pcap'))) {
    const cap = readPcap(readFileSync(join(dir, f)));
    if (cap.linkType !== 1) continue;
    for (const p of cap.packets) {
      out.push(p);
      for (const cut of [20, 38, 54, 70])
        if (cut < p.bytes.length) out.push({ bytes: p.bytes.subarray(0, cut), wireLength: p.wireLength });
    }
  }
  return out;
}

const listing = (expr: string) => formatTcpdumpListing(compileFilter(expr).program!.insns);

describe('optimizeFilter', () => {
  it('never changes a verdict (except where an unoptimized load runs out of bytes)', () => {
    const packets = samplePackets();
    fc.assert(
      fc.property(expressionArbitrary(), (expr) => {
        const slow = compileFilter(expr, { optimize: false });
        const fast = compileFilter(expr, { optimize: true });
        if (!slow.program) {
          expect(fast.program).toBeUndefined();
          return;
        }
        if (!fast.program) {
          // Refused as "rejects all packets" (or a folded division by zero): then nothing matches.
          for (const p of packets)
            expect(run(slow.program.insns, p, 'libpcap', { trace: false }).verdict).toBe(0);
          return;
        }
        expect(fast.program.insns.length).toBeLessThanOrEqual(slow.program.insns.length);
        for (const p of packets) {
          const a = run(slow.program.insns, p, 'libpcap', { trace: false });
          const b = run(fast.program.insns, p, 'libpcap', { trace: false }).verdict;
          // Like libpcap's, the optimizer may drop a load whose value no test needs; only then may
          // the verdict change, and only on a packet where that load would have run out of bytes.
          if (a.end !== 'out-of-bounds' && a.verdict !== b) expect({ expr, a: a.verdict, b }).toBeUndefined();
        }
      }),
      { numRuns: Number(process.env.FILTER_RUNS ?? 250), seed: Number(process.env.FILTER_SEED ?? 20240611) },
    );
  });

  it('folds constant-index accessors and masks into the test (as libpcap)', () => {
    expect(listing('tcp[13] & 2 != 0')).toBe(
      [
        '(000) ldh      [12]',
        '(001) jeq      #0x800           jt 2\tjf 10',
        '(002) ldb      [23]',
        '(003) jeq      #0x6             jt 4\tjf 10',
        '(004) ldh      [20]',
        '(005) jset     #0x1fff          jt 10\tjf 6',
        '(006) ldxb     4*([14]&0xf)',
        '(007) ldb      [x + 27]',
        '(008) jset     #0x2             jt 9\tjf 10',
        '(009) ret      #262144',
        '(010) ret      #0',
        '',
      ].join('\n'),
    );
  });

  it('shares loads and threads jumps over tests whose outcome is known', () => {
    // `ip and udp` tests the ethertype twice unoptimized; once optimized.
    const text = listing('ip and udp');
    expect(text.match(/ldh {6}\[12\]/g)).toHaveLength(1);
    expect(text).not.toContain('0x86dd');
  });

  it('folds constant arithmetic completely', () => {
    expect(listing('1 + 2 * 3 = 7')).toBe('(000) ret      #262144\n');
    expect(listing('len + 0 > 10 or 1 = 1')).toBe('(000) ret      #262144\n');
  });

  it('refuses what its folding proves to match nothing, like libpcap', () => {
    expect(compileFilter('ip and not ip')).toReportError('FLT3034 this expression rejects all packets ...');
    expect(compileFilter('tcp and udp')).toReportError('FLT3034');
    expect(compileFilter('arp', { linkType: 101 })).toReportError('FLT3034');
    expect(compileFilter('1 = 2')).toReportError('FLT3034');
    // Unoptimized, libpcap (and bpflab) emit the never-matching program.
    expect(compileFilter('ip and not ip', { optimize: false }).program).toBeDefined();
  });

  it('threads jumps on the facts a pass starts with, from the leaves up, as libpcap does', () => {
    // `and`/`or` bind left to right, so each ends in `... and host X`, after `not host X` on one
    // path. Taking facts as edges move merges paths into the second `host` test too early and
    // loses the fact that decides it; libpcap refuses these, and so must we.
    for (const expr of [
      'src 1.1.1.1 and dst 2.2.2.2 or not host 3.3.3.3 and 3.3.3.3',
      'src 1.1.1.1 and host 2.2.2.2 or not host 3.3.3.3 and 3.3.3.3',
      'host 1.1.1.1 and 2.2.2.2 or not host 3.3.3.3 and 3.3.3.3',
      'host 1.1.1.1 and dst 2.2.2.2 or not host 3.3.3.3 and 3.3.3.3',
      'host 203.0.113.80 and 192.0.2.10 or not host 192.0.2.1 and 192.0.2.1',
    ])
      for (const linkType of [1, 101]) expect(compileFilter(expr, { linkType })).toReportError('FLT3034');
  });

  it('refuses a division by a constant zero it finds while folding', () => {
    expect(compileFilter('len / (1 - 1) = 0')).toReportError('FLT3030 division by zero ...');
    expect(compileFilter('len / (1 - 1) = 0', { optimize: false }).program).toBeDefined();
  });

  it('does not copy libpcap 1.10’s `jset #0xffffffff` is-always-true shortcut', () => {
    const p = compileFilter('ether[0:4] & 0xffffffff != 0').program!;
    const zeros = { bytes: new Uint8Array(60), wireLength: 60 };
    expect(run(p.insns, zeros, 'libpcap').verdict).toBe(0);
  });
});
