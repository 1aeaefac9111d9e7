// SPDX-License-Identifier: MIT
/**
 * `npm run bench`: the engine against libpcap's C `bpf_filter()`, side by side in one run.
 *
 * 1. Generate (or reuse) a deterministic 1M-packet mixed capture in bench/out/ with the engine's
 *    pcap writer.
 * 2. Open it with the engine's `openCapture` in a fresh process: indexing throughput and peak RSS.
 * 3. Compile a few filters with `tcpdump -ddd`; time, over the same packets in memory,
 *    libpcap's `bpf_filter()` (the C harness's --bench mode, which times only its filter loop),
 *    `compileFast(...).filterBatch` and `run(..., { trace: false })`, all in libpcap semantics:
 *    once over the whole capture (hundreds of MB: every engine waits on memory) and once over a
 *    hot set of the first packets, small enough to stay in cache (the engines' own speed).
 * 4. Print CPU ns/packet per engine (fastest pass) and the ratios to libpcap (goals: fast path
 *    <= 0.7x, interpreter <= 2.5x; reported, not asserted), and check that all three accepted
 *    the same packets.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINKTYPE_EN10MB, openCapture, writePcap } from '../src/engine/capture/index.ts';
import type { PacketBatch } from '../src/engine/vm/fast/index.ts';
import type { PacketContext } from '../src/engine/vm/types.ts';
import { buildHarness, requireTool, runTool } from '../src/testkit/reference-tools.ts';
import { type BenchFilter, compileFilters } from './filters.ts';
import { ensureCapture } from './generate-capture.ts';
import type { IndexMeasurement } from './index-capture.ts';
import { type Timing, timeFast, timeInterpreter } from './time-engines.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = join(HERE, 'out');
/** The in-cache set: the first HOT_PACKETS packets, run many times over. */
const HOT_PACKETS = 16_384;
/** Timed passes per engine for the whole capture and for the hot set. */
const PASSES = { whole: { c: 5, fast: 5, run: 3 }, hot: { c: 300, fast: 300, run: 60 } };
const FAST_GOAL = 0.7;
const INTERPRETER_GOAL = 2.5;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** Index the capture in a child process, so its peak RSS is the indexing's alone. */
function measureIndexing(path: string): IndexMeasurement {
  const child = spawnSync(process.execPath, [...process.execArgv, join(HERE, 'index-capture.ts'), path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) fail(`indexing child failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as IndexMeasurement;
}

/** Packets in memory, both ways the engine takes them, and the pcap file the C harness reads. */
interface PacketSet {
  name: string;
  path: string;
  batch: PacketBatch;
  contexts: PacketContext[];
  passes: { c: number; fast: number; run: number };
}

/** The first `count` packets of a set, also written as their own pcap for the C harness. */
function hotSet(whole: PacketSet, count: number): PacketSet {
  const contexts = whole.contexts.slice(0, count);
  const path = join(OUT_DIR, 'hot.pcap');
  writeFileSync(path, writePcap(contexts, { linkType: LINKTYPE_EN10MB }));
  const { data, offsets, caplens, wirelens } = whole.batch;
  const batch = {
    data,
    offsets: offsets.subarray(0, count),
    caplens: caplens.subarray(0, count),
    wirelens: wirelens.subarray(0, count),
  };
  const bytes = contexts.reduce((sum, c) => sum + c.bytes.length, 0);
  const name = `hot set: the first ${count.toLocaleString('en-US')} packets (${mb(bytes)}, fits in cache)`;
  return { name, path, batch, contexts, passes: PASSES.hot };
}

/** The capture's packets in memory: one batch over the file bytes, and one context per packet. */
function loadPackets(path: string): { batch: PacketBatch; contexts: PacketContext[] } {
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength); // no copy
  const { capture, diagnostics } = openCapture(bytes);
  if (!capture) fail(`openCapture could not read ${path}: ${diagnostics.map((d) => d.message).join('; ')}`);
  const { offsets, caplens, wireLengths } = capture.index;
  const batch: PacketBatch = {
    data: bytes,
    offsets: Uint32Array.from(offsets),
    caplens,
    wirelens: wireLengths,
  };
  const contexts = Array.from(batch.offsets, (offset, i) => ({
    bytes: bytes.subarray(offset, offset + caplens[i]!),
    wireLength: wireLengths[i]!,
  }));
  return { batch, contexts };
}

/** libpcap's ns/packet and accepted count for one filter, from the harness's --bench mode. */
function timeLibpcap(harness: string, filter: BenchFilter, set: PacketSet): { ns: number; accepted: number } {
  const program = join(OUT_DIR, 'filter.ddd');
  writeFileSync(program, filter.ddd);
  const line = runTool(harness, ['--bench', String(set.passes.c), program, set.path]).trim();
  const [ns, accepted] = line.split(' ').map(Number);
  if (ns === undefined || accepted === undefined || Number.isNaN(ns)) fail(`libpcap harness said: ${line}`);
  return { ns, accepted };
}

/** Every engine on every filter over one packet set; C and JS alternate per filter, so a busy
 * neighbour slows both sides of a ratio alike. */
function benchSet(harness: string, filters: readonly BenchFilter[], set: PacketSet): Row[] {
  return filters.map((filter) => {
    const c = timeLibpcap(harness, filter, set);
    const fast = timeFast(filter.insns, 'libpcap', set.batch, set.passes.fast);
    const interp = timeInterpreter(filter.insns, 'libpcap', set.contexts, set.passes.run);
    if (!sameVerdicts(fast.verdicts, interp.verdicts) || fast.accepted !== c.accepted) {
      console.warn(
        `WARNING: engines disagree on '${filter.expression}': libpcap accepted ${c.accepted}, ` +
          `compileFast ${fast.accepted}, run ${interp.accepted}`,
      );
    }
    return { filter, c, fast, interp };
  });
}

function sameVerdicts(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Row {
  filter: BenchFilter;
  c: { ns: number; accepted: number };
  fast: Timing;
  interp: Timing;
}

function printTable(rows: readonly Row[]): void {
  const head = [
    'filter',
    'insns',
    'libpcap C',
    'compileFast',
    'ratio',
    'run(trace:false)',
    'ratio',
    'accepted',
  ];
  const body = rows.map(({ filter, c, fast, interp }) => [
    filter.expression,
    String(filter.insns.length),
    `${c.ns.toFixed(2)} ns`,
    `${fast.nsPerPacket.toFixed(2)} ns${fast.kind === 'wasm' ? '' : ` (${fast.kind})`}`,
    `${(fast.nsPerPacket / c.ns).toFixed(2)}x`,
    `${interp.nsPerPacket.toFixed(2)} ns`,
    `${(interp.nsPerPacket / c.ns).toFixed(2)}x`,
    c.accepted.toLocaleString('en-US'),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

function summarize(rows: readonly Row[]): void {
  const geo = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  const fastRatio = geo(rows.map((r) => r.fast.nsPerPacket / r.c.ns));
  const interpRatio = geo(rows.map((r) => r.interp.nsPerPacket / r.c.ns));
  const verdict = (ratio: number, goal: number): string => (ratio <= goal ? 'met' : 'NOT met');
  console.log(
    `geometric mean vs libpcap: compileFast ${fastRatio.toFixed(2)}x (goal <= ${FAST_GOAL}x: ${verdict(fastRatio, FAST_GOAL)}),`,
  );
  console.log(
    `                           run(trace:false) ${interpRatio.toFixed(2)}x (goal <= ${INTERPRETER_GOAL}x: ${verdict(interpRatio, INTERPRETER_GOAL)})`,
  );
  const compile = rows.map((r) => r.fast.compileMs ?? 0);
  console.log(
    `compileFast compile time: ${Math.min(...compile).toFixed(2)}..${Math.max(...compile).toFixed(2)} ms per filter`,
  );
}

function main(): void {
  const tcpdump =
    requireTool('tcpdump', 'the Debian package tcpdump') ?? fail('tcpdump is needed to compile the filters');
  const harness =
    buildHarness('libpcap-filter', ['pcap']) ??
    fail('the libpcap harness could not be built (gcc, libpcap-dev)');
  console.log(
    `bpflab bench: node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores)`,
  );

  const capture = ensureCapture(OUT_DIR);
  const made =
    capture.generatedMs === undefined
      ? 'reused'
      : `generated in ${(capture.generatedMs / 1000).toFixed(1)} s`;
  console.log(`capture: ${relative(process.cwd(), capture.path)} (${mb(capture.bytes)}, ${made})`);

  const ix = measureIndexing(capture.path);
  console.log(
    `openCapture: ${ix.packets.toLocaleString('en-US')} packets, ${mb(ix.bytes)} indexed in ${ix.cpuMs.toFixed(0)} ms ` +
      `CPU (${ix.wallMs.toFixed(0)} ms wall) = ${(ix.bytes / 1e6 / (ix.cpuMs / 1000)).toFixed(0)} MB/s; ` +
      `peak RSS ${mb(ix.peakRss)} ` +
      `(${mb(ix.rssAfterRead)} after reading the file)${ix.diagnostics ? `; ${ix.diagnostics} diagnostics` : ''}\n`,
  );

  const filters = compileFilters(tcpdump);
  const whole: PacketSet = {
    name: `whole capture: ${ix.packets.toLocaleString('en-US')} packets (${mb(capture.bytes)}, memory-bound)`,
    path: capture.path,
    ...loadPackets(capture.path),
    passes: PASSES.whole,
  };
  for (const set of [whole, hotSet(whole, HOT_PACKETS)]) {
    console.log(`${set.name}; CPU ns per packet, fastest pass, libpcap semantics`);
    const rows = benchSet(harness, filters, set);
    printTable(rows);
    summarize(rows);
    console.log('');
  }
}

main();
