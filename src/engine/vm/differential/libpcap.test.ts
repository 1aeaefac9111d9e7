// SPDX-License-Identifier: MIT
/**
 * Differential test: `run(..., 'libpcap')` and `compileFast(..., 'libpcap')` against libpcap's
 * own `bpf_filter()`, through the C harness scripts/harness/libpcap-filter.c (built at test time
 * against the installed libpcap). Random valid programs (src/testkit/random-program.ts) run over
 * random packets written to a classic pcap; the harness hands bpf_filter() each record's captured
 * length as buflen and its original length as wirelen, as tcpdump -r does.
 *
 * Every engine path is compared: the traced interpreter, the untraced one (`trace: false`, the
 * whole-capture loop), and the WebAssembly translation one packet at a time and in batches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDdd, parseDdd } from '../../../testkit/ddd.ts';
import {
  createRng,
  type RandomPacket,
  randomFrame,
  randomPacket,
  randomProgram,
} from '../../../testkit/random-program.ts';
import { BUILD_DIR, buildHarness, requireTool, runTool } from '../../../testkit/reference-tools.ts';
import { LINKTYPE_EN10MB, writePcap } from '../../capture/index.ts';
import { decode, encode } from '../../isa/codec.ts';
import type { Insn } from '../../isa/insn.ts';
import { disassemble } from '../../isa/listing.ts';
import type { PacketBatch } from '../fast/index.ts';
import { compileFast } from '../fast/index.ts';
import { run } from '../run.ts';

const BATCHES = 6;
const PROGRAMS_PER_BATCH = 500;
const PACKETS_PER_BATCH = 64;
const WORK_DIR = join(BUILD_DIR, 'differential');

/** Real filters, compiled by tcpdump at test time, over realistic frames. */
const EXPRESSIONS = [
  'ip and udp port 53',
  'tcp[tcpflags] & tcp-syn != 0',
  'vlan and ip',
  'ip6',
  'arp or icmp',
  'tcp port 80 or tcp port 443',
  'ip[6:2] & 0x1fff != 0',
  'greater 100 and less 400',
  'ip6 and (tcp or udp)',
  'ether broadcast or ether multicast',
  'icmp6',
  'udp[8:2] = 0x1234 or tcp[13] = 0x12',
  'vlan and (udp or tcp) and len > 60',
  'ip host 10.0.0.1 or net 192.168.0.0/16',
  'ip[0] & 0xf > 5',
];
const REAL_FRAMES = 400;

const harness = buildHarness('libpcap-filter', ['pcap']);
const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

const toDdd = (insns: readonly Insn[]): string => formatDdd(insns.map(encode));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** libpcap's verdicts for every program over every packet (one row per program). */
function referenceVerdicts(
  name: string,
  programs: readonly Insn[][],
  packets: readonly RandomPacket[],
): number[][] {
  mkdirSync(WORK_DIR, { recursive: true });
  const pcap = join(WORK_DIR, `${name}.pcap`);
  const ddd = join(WORK_DIR, `${name}.ddd`);
  writeFileSync(pcap, writePcap(packets, { linkType: LINKTYPE_EN10MB }));
  writeFileSync(ddd, programs.map(toDdd).join(''));
  const lines = runTool(harness!, [ddd, pcap]).split('\n');
  let at = 0;
  return programs.map((insns, p) => {
    if (lines[at] === 'invalid' || lines[at] === 'unsupported') {
      throw new Error(`libpcap calls program ${p} ${lines[at]}:\n${disassemble({ insns }, 'd')}`);
    }
    const row = lines.slice(at, at + packets.length).map(Number);
    at += packets.length;
    return row;
  });
}

function toBatch(packets: readonly RandomPacket[]): PacketBatch {
  const total = packets.reduce((sum, p) => sum + p.bytes.length, 0);
  const data = new Uint8Array(total);
  const offsets = new Uint32Array(packets.length);
  const caplens = new Uint32Array(packets.length);
  const wirelens = new Uint32Array(packets.length);
  let at = 0;
  packets.forEach((p, i) => {
    data.set(p.bytes, at);
    offsets[i] = at;
    caplens[i] = p.bytes.length;
    wirelens[i] = p.wireLength;
    at += p.bytes.length;
  });
  return { data, offsets, caplens, wirelens };
}

interface Tally {
  compared: number;
  failures: number;
  wasm: number;
  details: string[];
}

/** Compare every engine path with libpcap's verdicts for one set of programs over one set of packets. */
function compareAll(
  programs: readonly Insn[][],
  packets: readonly RandomPacket[],
  expected: number[][],
  tally: Tally,
) {
  const batch = toBatch(packets);
  programs.forEach((insns, p) => {
    const fast = compileFast(insns, 'libpcap');
    if (fast.kind === 'wasm') tally.wasm++;
    const batched = fast.filterBatch(batch);
    packets.forEach((packet, i) => {
      const want = expected[p]![i]!;
      const traced = run(insns, packet, 'libpcap');
      const got = {
        run: traced.verdict,
        'run(trace:false)': run(insns, packet, 'libpcap', { trace: false }).verdict,
        'compileFast.filter': fast.filter(packet),
        'compileFast.filterBatch': batched[i]!,
      };
      tally.compared++;
      const wrong = Object.entries(got).filter(([, v]) => v >>> 0 !== want);
      if (wrong.length === 0) return;
      tally.failures++;
      if (tally.details.length >= 5) return;
      tally.details.push(
        `program ${p} × packet ${i}: bpf_filter ${want}, ${wrong.map(([k, v]) => `${k} ${v >>> 0}`).join(', ')} ` +
          `(run ended by ${traced.end}; compileFast ran ${fast.kind})\n${disassemble({ insns }, 'd')}\n` +
          `-ddd: ${toDdd(insns).trim().replaceAll('\n', ',')}\n` +
          `packet: caplen ${packet.bytes.length}, wirelen ${packet.wireLength}: ${toHex(packet.bytes)}`,
      );
    });
  });
}

const emptyTally = (): Tally => ({ compared: 0, failures: 0, wasm: 0, details: [] });

describe.skipIf(!harness)("libpcap semantics vs libpcap's bpf_filter()", () => {
  const total = BATCHES * PROGRAMS_PER_BATCH;
  it(`agrees on ${total} random programs × ${PACKETS_PER_BATCH} random packets (${total * PACKETS_PER_BATCH} runs per engine path)`, () => {
    const tally = emptyTally();
    for (let b = 0; b < BATCHES; b++) {
      const rng = createRng(0x5eed0000 + b);
      const packets = Array.from({ length: PACKETS_PER_BATCH }, () => randomPacket(rng));
      const packetLengths = packets.map((p) => p.bytes.length);
      const programs = Array.from({ length: PROGRAMS_PER_BATCH }, () =>
        randomProgram(rng, { packetLengths }),
      );
      compareAll(programs, packets, referenceVerdicts(`random-${b}`, programs, packets), tally);
    }
    expect(tally.details.join('\n\n'), `${tally.failures} mismatches`).toBe('');
    expect(tally.compared).toBe(total * PACKETS_PER_BATCH);
    // Forward-only valid programs are all within the translation's reach.
    expect(tally.wasm).toBe(total);
  });

  it.skipIf(!tcpdump)(
    `agrees on ${EXPRESSIONS.length} tcpdump -ddd filters × ${REAL_FRAMES} realistic frames`,
    () => {
      const rng = createRng(0xf00d);
      const packets = Array.from({ length: REAL_FRAMES }, (): RandomPacket => {
        const bytes = randomFrame(rng);
        return rng.chance(0.1)
          ? { bytes: bytes.subarray(0, rng.int(0, bytes.length)), wireLength: bytes.length }
          : { bytes, wireLength: bytes.length };
      });
      const programs = EXPRESSIONS.map((e) =>
        parseDdd(runTool(tcpdump!, ['-y', 'EN10MB', '-ddd', e])).map(decode),
      );
      const tally = emptyTally();
      compareAll(programs, packets, referenceVerdicts('tcpdump', programs, packets), tally);
      expect(tally.details.join('\n\n'), `${tally.failures} mismatches`).toBe('');
      expect(tally.compared).toBe(EXPRESSIONS.length * REAL_FRAMES);
    },
  );
});
