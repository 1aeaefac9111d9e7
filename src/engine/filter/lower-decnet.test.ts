// SPDX-License-Identifier: MIT
/**
 * `decnet host|src|dst` lowers to libpcap's gen_dnhostop code exactly. Expected listings are
 * `tcpdump -O -d -y DLT EXPR` output from tcpdump 4.99.3 / libpcap 1.10.3; the property test
 * compiles random DECnet expressions with the installed libpcap (scripts/harness/libpcap-compile.c)
 * and compares unoptimized code and every verdict on samples/captures/decnet.pcap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { buildHarness, REPO_ROOT, runTool } from '../../testkit/reference-tools.ts';
import { encodeProgram } from '../isa/codec.ts';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { run } from '../vm/run.ts';
import { compileFilter } from './compile-filter.ts';
import { compileCommand, parseCompileAnswer, readPcap, splitAnswers } from './testdata/harness-protocol.ts';

const CAPTURE = join(REPO_ROOT, 'samples', 'captures', 'decnet.pcap');

function unoptimized(expr: string, linkType: number): string {
  const r = compileFilter(expr, { linkType, optimize: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return formatTcpdumpListing(r.program!.insns);
}

describe('lowerDecnetHost reproduces gen_dnhostop', () => {
  it('EN10MB: decnet dst 63.1023 (short then long header, each unpadded then with one pad byte)', () => {
    const expected = [
      '(000) ldh      [12]',
      '(001) jeq      #0x6003          jt 2\tjf 23',
      '(002) ldb      [16]',
      '(003) and      #0x7',
      '(004) jeq      #0x2             jt 5\tjf 7',
      '(005) ldh      [17]',
      '(006) jeq      #0xffff          jt 22\tjf 7',
      '(007) ldh      [16]',
      '(008) and      #0xff07',
      '(009) jeq      #0x8102          jt 10\tjf 12',
      '(010) ldh      [18]',
      '(011) jeq      #0xffff          jt 22\tjf 12',
      '(012) ldb      [16]',
      '(013) and      #0x7',
      '(014) jeq      #0x6             jt 15\tjf 17',
      '(015) ldh      [23]',
      '(016) jeq      #0xffff          jt 22\tjf 17',
      '(017) ldh      [16]',
      '(018) and      #0xff07',
      '(019) jeq      #0x8106          jt 20\tjf 23',
      '(020) ldh      [24]',
      '(021) jeq      #0xffff          jt 22\tjf 23',
      '(022) ret      #262144',
      '(023) ret      #0',
    ];
    expect(unoptimized('decnet dst 63.1023', 1)).toBe(`${expected.join('\n')}\n`);
  });

  it('LINUX_SLL2: decnet src 1.2 reads after the 20-byte cooked header; each direction has its own type test', () => {
    const listing = unoptimized('decnet host 1.2', 276).split('\n');
    expect(listing.slice(0, 6)).toEqual([
      '(000) ldh      [0]',
      '(001) jeq      #0x6003          jt 2\tjf 22',
      '(002) ldb      [22]',
      '(003) and      #0x7',
      '(004) jeq      #0x2             jt 5\tjf 7',
      '(005) ldh      [25]',
    ]);
    expect(listing[22]).toBe('(022) ldh      [0]');
    expect(listing).toHaveLength(47);
  });

  it.each([
    [101, 'RAW'],
    [0, 'NULL'],
    [228, 'IPV4'],
  ])('link type %i (%s) has no EtherType: the filter matches nothing, as libpcap says', (linkType) => {
    expect(compileFilter('decnet host 1.2', { linkType })).toReportError('FLT3034 ...');
    expect(compileFilter('decnet host 1.2', { linkType, optimize: false }).program).toBeDefined();
  });

  it('keeps the primitive’s source range and a comment on every test', () => {
    const expr = 'ip or decnet src 10.15';
    const p = compileFilter(expr, { optimize: false }).program!;
    const decnet = { startLine: 1, startCol: 7, endLine: 1, endCol: 23 };
    const tests = p.insns.flatMap((insn, pc) => (insn.op === 'jmp' && pc > 1 ? [pc] : []));
    expect(tests).toHaveLength(9);
    for (const pc of tests) expect(p.sourceMap![pc]).toEqual(decnet);
    expect(tests.map((pc) => p.comments![pc])).toEqual([
      'ethertype DECnet',
      'DECnet short data, no padding',
      'DECnet source (short header) = 10.15',
      'DECnet short data, 1 pad byte',
      'DECnet source (short header, 1 pad byte) = 10.15',
      'DECnet long data, no padding',
      'DECnet source (long header) = 10.15',
      'DECnet long data, 1 pad byte',
      'DECnet source (long header, 1 pad byte) = 10.15',
    ]);
  });
});

const ADDRESSES = ['10.15', '1.2', '63.1023', '2.3', '1.1', '0.0', '9.512', '64.1024', '1.2.3', '1026', '0'];
const address = fc.oneof(
  fc.constantFrom(...ADDRESSES),
  fc.tuple(fc.nat(70), fc.nat(1100)).map(([a, n]) => `${a}.${n}`),
);
const primitive = fc
  .tuple(
    fc.constantFrom('', 'src ', 'dst ', 'src or dst ', 'src and dst '),
    fc.constantFrom('', 'host ', 'net '),
    address,
  )
  .map(([dir, type, a]) => (dir === '' && type === '' ? `decnet host ${a}` : `decnet ${dir}${type}${a}`));
const expression = fc.oneof(
  primitive,
  fc.tuple(primitive, fc.constantFrom('and', 'or', 'and not', 'or not'), primitive).map((p) => p.join(' ')),
  fc.tuple(primitive, fc.constantFrom('or', 'and'), address).map((p) => p.join(' ')),
  fc
    .tuple(fc.constantFrom('decnet', 'vlan', 'ip'), fc.constantFrom('and', 'or'), primitive)
    .map((p) => p.join(' ')),
);

const harness = buildHarness('libpcap-compile', ['pcap']);

describe.skipIf(!harness)('random decnet expressions against libpcap', () => {
  it('same code unoptimized, same verdicts on decnet.pcap optimized or not (EN10MB and LINUX_SLL)', () => {
    const exprs = fc.sample(expression, { numRuns: 150, seed: 11 });
    const packets = readPcap(readFileSync(CAPTURE)).packets;
    const jobs = exprs.flatMap((expr) =>
      [1, 113].flatMap((dlt) => [false, true].map((optimize) => ({ dlt, optimize, expr }))),
    );
    const input = [
      `capture ${CAPTURE}`,
      ...jobs.map((j) => compileCommand({ ...j, snaplen: 262144, netmask: 0 })),
    ].join('\n');
    const answers = splitAnswers(runTool(harness!, [], `${input}\n`))
      .slice(1)
      .map(parseCompileAnswer);
    const mismatches: string[] = [];
    let verdicts = 0;
    for (const [i, job] of jobs.entries()) {
      const theirs = answers[i]!;
      const ours = compileFilter(job.expr, { linkType: job.dlt, optimize: job.optimize });
      const tag = `[${job.dlt}${job.optimize ? '' : ' -O'}] ${job.expr}`;
      if (theirs.ok !== !!ours.program) mismatches.push(`${tag}: accept/reject differs`);
      if (!theirs.ok || !ours.program) continue;
      const insns = ours.program.insns;
      if (!job.optimize && JSON.stringify(encodeProgram(insns)) !== JSON.stringify(theirs.insns))
        mismatches.push(`${tag}: listing differs`);
      if (job.dlt !== 1) continue;
      for (const [n, p] of packets.entries()) {
        verdicts++;
        const got = run(insns, p, 'libpcap', { trace: false }).verdict;
        if (got !== theirs.verdicts.get(0)![n]) mismatches.push(`${tag}: packet ${n + 1} differs`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(verdicts).toBeGreaterThan(150 * packets.length);
  });
});
