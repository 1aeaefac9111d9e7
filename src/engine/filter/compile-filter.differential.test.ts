// SPDX-License-Identifier: MIT
/**
 * Differential test: every expression of samples/expressions/corpus.txt, for every link type the
 * compiler supports, optimized and not, compiled by libpcap (pcap_compile through the harness
 * scripts/harness/libpcap-compile.c) and by bpflab. Both must accept or both reject; for accepted
 * expressions the programs must return the same value (bpf_filter vs our interpreter with libpcap
 * semantics) on every packet of that link type's sample captures, and unoptimized programs must be
 * instruction-for-instruction libpcap's. Also prints optimized code size against libpcap's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHarness, REPO_ROOT, runTool } from '../../testkit/reference-tools.ts';
import { encodeProgram } from '../isa/codec.ts';
import { run } from '../vm/run.ts';
import { compileFilter } from './compile-filter.ts';
import { expressionArbitrary } from './testdata/expression-arbitrary.ts';
import {
  type CompileAnswer,
  type CompileJob,
  compileCommand,
  parseCaptureAnswer,
  parseCompileAnswer,
  readCorpus,
  readPcap,
  splitAnswers,
} from './testdata/harness-protocol.ts';

const CAPTURES = join(REPO_ROOT, 'samples', 'captures');
const EN10MB_CAPTURES = [
  'arp',
  'damaged-truncated',
  'decnet',
  'dns',
  'dual-stack',
  'geneve',
  'icmp',
  'icmpv6',
  'igmp',
  'ipv4-fragments',
  'ipv6-extension-headers',
  'sctp',
  'tcp-session',
  'truncated-snaplen',
  'tunnels',
  'vlan-qinq',
];

/** Link types: our LINKTYPE number, libpcap's DLT number, and the sample captures of that type. */
const LINKS = [
  { name: 'EN10MB', linkType: 1, dlt: 1, captures: EN10MB_CAPTURES },
  { name: 'RAW', linkType: 101, dlt: 12, captures: ['linktype-raw', 'linktype-raw12'] },
  { name: 'IPV4', linkType: 228, dlt: 228, captures: ['linktype-ipv4'] },
  { name: 'IPV6', linkType: 229, dlt: 229, captures: ['linktype-ipv6'] },
  { name: 'LINUX_SLL', linkType: 113, dlt: 113, captures: ['linktype-linux-sll'] },
  { name: 'LINUX_SLL2', linkType: 276, dlt: 276, captures: ['linktype-linux-sll2'] },
  { name: 'NULL', linkType: 0, dlt: 0, captures: ['linktype-null'] },
  { name: 'LOOP', linkType: 108, dlt: 108, captures: ['linktype-loop'] },
];

interface Job extends CompileJob {
  link: (typeof LINKS)[number];
  /** Compiled as for reading this capture file (tcpdump -r), on its own pcap_t. */
  file?: string;
}

const harness = buildHarness('libpcap-compile', ['pcap']);
const corpus = readCorpus(readFileSync(join(REPO_ROOT, 'samples', 'expressions', 'corpus.txt'), 'utf8'));

/**
 * Compile every expression for every link, both ways, and compare. With `tolerant`, a filter one
 * side refuses as "rejects all packets" while the other emits a program is not a mismatch when
 * that program indeed returns 0 for every sample packet: the two optimizers prove "matches
 * nothing" in slightly different corner cases (e.g. libpcap keeps `ld #0; jgt #20` as a dead end).
 */
function differential(exprs: readonly string[], links: typeof LINKS = LINKS, tolerant = false) {
  const files = links.flatMap((l) => l.captures);
  const pcaps = new Map(files.map((f) => [f, readPcap(readFileSync(join(CAPTURES, `${f}.pcap`)))]));
  const packets = new Map(files.map((f) => [f, pcaps.get(f)!.packets]));
  const jobs: Job[] = [];
  for (const link of links)
    for (const optimize of [false, true])
      for (const expr of exprs) {
        jobs.push({ link, dlt: link.dlt, snaplen: 262144, optimize, netmask: 0, expr });
        // As tcpdump -r reads that link's first sample (and the snaplen-96 one): the file's snaplen.
        for (const file of [link.captures[0]!, ...(link.name === 'EN10MB' ? ['truncated-snaplen'] : [])])
          jobs.push({
            link,
            dlt: link.dlt,
            snaplen: pcaps.get(file)!.snaplen,
            optimize,
            netmask: 0,
            expr,
            file,
          });
      }
  const input = [
    ...files.map((f) => `capture ${join(CAPTURES, `${f}.pcap`)}`),
    ...jobs.map((j) => compileCommand(j.file ? { ...j, savefile: files.indexOf(j.file) } : j)),
  ].join('\n');
  const answers = splitAnswers(runTool(harness!, [], `${input}\n`));
  files.forEach((f, i) => {
    const got = parseCaptureAnswer(answers[i]!);
    if (got.count !== packets.get(f)!.length)
      throw new Error(`${f}: libpcap read ${got.count} packets, we read ${packets.get(f)!.length}`);
  });
  const mismatches: string[] = [];
  const sizes: { ours: number; theirs: number; link: string; expr: string; same: boolean }[] = [];
  let accepted = 0;
  let rejected = 0;
  let verdicts = 0;
  let rejectAll = 0;
  jobs.forEach((job, j) => {
    const theirs = parseCompileAnswer(answers[files.length + j]!);
    const tag = `[${job.link.name}${job.optimize ? '' : ' -O'}${job.file ? ` -r ${job.file}` : ''}] ${job.expr}`;
    const savefile = job.file ? { savefile: { bigEndian: pcaps.get(job.file)!.bigEndian } } : {};
    const ours = compileFilter(job.expr, {
      linkType: job.link.linkType,
      optimize: job.optimize,
      snaplen: job.snaplen,
      ...savefile,
    });
    if (!theirs.ok || !ours.program) {
      if (tolerant && rejectsAllEverywhere(job, theirs, ours, files, packets)) {
        rejectAll++;
        return;
      }
      if (theirs.ok !== !!ours.program) {
        const why = theirs.ok ? ours.diagnostics.map((d) => d.message).join('; ') : theirs.error;
        mismatches.push(
          `${tag}: libpcap ${theirs.ok ? 'accepts' : 'rejects'}, bpflab ${ours.program ? 'accepts' : 'rejects'} (${why})`,
        );
      } else rejected++;
      return;
    }
    accepted++;
    const encoded = encodeProgram(ours.program.insns);
    if (!job.optimize && JSON.stringify(encoded) !== JSON.stringify(theirs.insns))
      mismatches.push(`${tag}: unoptimized listing differs`);
    if (job.optimize && !job.file)
      sizes.push({
        ours: encoded.length,
        theirs: theirs.insns.length,
        link: job.link.name,
        expr: job.expr,
        same: JSON.stringify(encoded) === JSON.stringify(theirs.insns),
      });
    verdicts += compareVerdicts(job, theirs, ours.program.insns, files, packets, mismatches, tag);
  });
  return { mismatches, sizes, accepted, rejected, verdicts, rejectAll, jobs: jobs.length };
}

/** One side refused as "rejects all packets"; the other side's program returns 0 for every packet. */
function rejectsAllEverywhere(
  job: Job,
  theirs: CompileAnswer,
  ours: ReturnType<typeof compileFilter>,
  files: string[],
  packets: Map<string, { bytes: Uint8Array; wireLength: number }[]>,
): boolean {
  if (theirs.ok && !ours.program) {
    if (!ours.diagnostics.some((d) => d.code === 'FLT3034')) return false;
    return job.link.captures.every((f) => theirs.verdicts.get(files.indexOf(f))!.every((v) => v === 0));
  }
  if (!theirs.ok && ours.program) {
    if (!theirs.error.includes('rejects all packets')) return false;
    const insns = ours.program.insns;
    return job.link.captures.every((f) =>
      packets.get(f)!.every((p) => run(insns, p, 'libpcap', { trace: false }).verdict === 0),
    );
  }
  return false;
}

function compareVerdicts(
  job: Job,
  theirs: CompileAnswer & { ok: true },
  insns: Parameters<typeof run>[0],
  files: string[],
  packets: Map<string, { bytes: Uint8Array; wireLength: number }[]>,
  mismatches: string[],
  tag: string,
): number {
  let n = 0;
  for (const f of job.link.captures) {
    const expected = theirs.verdicts.get(files.indexOf(f))!;
    packets.get(f)!.forEach((p, i) => {
      const got = run(insns, p, 'libpcap', { trace: false }).verdict;
      n++;
      if (got === expected[i]) return;
      // A read of a scratch cell no store wrote on this path: libpcap 1.10.3 leaves M[] as its
      // stack left it, so its verdict is undefined (bpflab reads 0, as libpcap from 1.10.7).
      // It happens where libpcap's own code does it: a 'geneve' under 'not'/'or' (FLT3050).
      if (readsUnsetScratch(insns, p)) undefinedVerdicts.push(`${tag}: ${f} packet ${i + 1}`);
      else mismatches.push(`${tag}: ${f} packet ${i + 1}: libpcap ${expected[i]}, bpflab ${got}`);
    });
  }
  return n;
}

/** Verdicts that differed where libpcap's is undefined (see compareVerdicts), over the whole file. */
const undefinedVerdicts: string[] = [];

function readsUnsetScratch(
  insns: Parameters<typeof run>[0],
  packet: { bytes: Uint8Array; wireLength: number },
) {
  return run(insns, packet, 'libpcap').steps.some((s) => s.read?.kind === 'mem' && s.read.unset === true);
}

/** The expression whose optimized program is largest relative to libpcap's. */
function worst(sizes: readonly { ours: number; theirs: number; link: string; expr: string }[]): string {
  const w = sizes.reduce((a, b) => (b.ours / b.theirs > a.ours / a.theirs ? b : a));
  return `${(w.ours / w.theirs).toFixed(2)} (${w.ours} vs ${w.theirs}: [${w.link}] ${w.expr})`;
}

describe.skipIf(!harness)('compileFilter against libpcap (corpus × link types × optimizer)', () => {
  it('accepts and rejects what libpcap does, and every verdict equals libpcap’s', () => {
    const r = differential(corpus);
    const ratio = (list: typeof r.sizes) =>
      list.reduce((s, x) => s + x.ours / x.theirs, 0) / Math.max(1, list.length);
    const en = r.sizes.filter((s) => s.link === 'EN10MB');
    console.log(
      `filter corpus: ${corpus.length} expressions, ${r.jobs} compilations (${r.accepted} accepted by both, ${r.rejected} rejected by both), ` +
        `${r.verdicts} packet verdicts compared, ${r.mismatches.length} mismatches\n` +
        `optimized size vs libpcap: mean ratio ${ratio(r.sizes).toFixed(3)} over ${r.sizes.length} programs ` +
        `(EN10MB ${ratio(en).toFixed(3)}; total ${r.sizes.reduce((s, x) => s + x.ours, 0)} vs ${r.sizes.reduce((s, x) => s + x.theirs, 0)} instructions; ${r.sizes.filter((x) => x.same).length} identical to libpcap's; largest ratio ${worst(r.sizes)})`,
    );
    // FILTER_DIFF_OUT=file writes every mismatch, for debugging a failing run.
    if (process.env.FILTER_DIFF_OUT) writeFileSync(process.env.FILTER_DIFF_OUT, r.mismatches.join('\n'));
    expect(r.mismatches.slice(0, 40)).toEqual([]);
    expect(r.mismatches.length).toBe(0);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it('agrees with libpcap on random expressions (property test)', () => {
    const exprs = fc.sample(expressionArbitrary(), {
      numRuns: Number(process.env.FILTER_RUNS ?? 300),
      seed: Number(process.env.FILTER_SEED ?? 7),
    });
    const r = differential(exprs, LINKS.slice(0, Number(process.env.FILTER_LINKS ?? 2)), true);
    console.log(
      `random expressions: ${exprs.length}, ${r.accepted} accepted by both, ${r.rejected} rejected by both, ${r.rejectAll} refused as matching nothing by one compiler only (no packet matches either program), ${r.mismatches.length} mismatches; ` +
        `${undefinedVerdicts.length} verdicts differed where libpcap's is undefined (a read of a never-stored M[] cell)`,
    );
    if (process.env.FILTER_DIFF_OUT)
      writeFileSync(`${process.env.FILTER_DIFF_OUT}.random`, r.mismatches.join('\n'));
    expect(r.mismatches.slice(0, 20)).toEqual([]);
    expect(r.accepted).toBeGreaterThan(exprs.length);
  });
});
