// SPDX-License-Identifier: MIT
/**
 * Differential test: `run(..., 'linux')` against the Linux kernel itself. The C harness
 * (scripts/harness/linux-socket-filter.c) attaches each random program to a loopback UDP socket
 * with SO_ATTACH_FILTER and sends it crafted IPv4/UDP datagrams through a raw socket; it reports
 * for each whether the socket received it and with how many payload bytes.
 *
 * What the kernel does there (measured on this kind of machine, and what the model below encodes):
 * - the filter sees the skb at the UDP header: offset 0 is the UDP source port and `#len` is
 *   UDP header + payload (the IPv4 header has been pulled);
 * - verdict 0 drops the datagram (counted in the socket's drop counter); a verdict v below the
 *   skb length trims it to max(v, 8) bytes (the UDP receive path trims with a floor of the UDP
 *   header, sk_filter_trim_cap), so the application receives max(v, 8) - 8 payload bytes;
 * - SKF_NET_OFF loads read the IPv4 header and SKF_LL_OFF loads the 14-byte loopback "Ethernet"
 *   header (both MACs zero, EtherType 0x0800), both bounded by the end of the datagram;
 * - ancillaries: proto 0x0800, type 0 (host), ifidx = lo's index, hatype 772 (loopback), mark =
 *   the sender's SO_MARK, queue 0, rxhash 0, no VLAN, poff 8 (the UDP payload). `cpu` and `rand`
 *   vary from run to run, so programs here do not use them.
 *
 * Modelling the bytes in front of offset 0: a `PacketContext` has no bytes before its first one,
 * so two views are tested separately.
 * - data view: bytes = UDP header + payload; programs load at data offsets (and at offsets that
 *   read nothing: beyond the data, or below SKF_LL_OFF); `networkOffset`/`linkOffset` are set
 *   negative (-IHL, -IHL-14), so a computed `[x + k]` that lands in the SKF_NET_OFF range past
 *   the IPv4 header reads the UDP bytes the kernel reads (inside the IPv4 header this view has
 *   nothing, which is why these programs do not aim there).
 * - headers view: bytes = loopback MAC header + IPv4 header + UDP header + payload with
 *   linkOffset 0 and networkOffset 14, `wireLength` = UDP length (what `#len` reads); programs
 *   load only through SKF_NET_OFF/SKF_LL_OFF (absolute, `ldxb 4*([k]&0xf)`, and `[x + k]` right
 *   after `ldx #SKF_NET_OFF+n`) and never at plain data offsets, which this view cannot place.
 */
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng, randomProgram } from '../../../testkit/random-program.ts';
import { buildHarness, IN_CI } from '../../../testkit/reference-tools.ts';
import { encode } from '../../isa/codec.ts';
import type { Insn } from '../../isa/insn.ts';
import { disassemble } from '../../isa/listing.ts';
import { type ExtensionName, extensionK } from '../../isa/opcodes.ts';
import { compileFast, type PacketBatch } from '../fast/index.ts';
import { run } from '../run.ts';
import type { PacketContext, PacketMeta } from '../types.ts';

const DATA_PROGRAMS = 3000;
const HEADER_PROGRAMS = 1200;
const DATAGRAMS_PER_BATCH = 16;
const PROGRAMS_PER_BATCH = 100;
const MARK = 0x2a5;
/** ARPHRD_LOOPBACK. */
const LOOPBACK_HATYPE = 772;
const UDP_HEADER = 8;
/** Deterministic in kernel and model alike; `cpu` and `rand` are not. */
const DATA_EXTENSIONS: ExtensionName[] = [
  'proto',
  'type',
  'ifidx',
  'nla',
  'nlan',
  'mark',
  'queue',
  'hatype',
  'rxhash',
  'xor_x',
  'vlan_tci',
  'vlan_avail',
  'poff',
  'vlan_tpid',
];
/** `nla`/`nlan` search from the filter's offset 0, which the headers view does not start at. */
const HEADER_EXTENSIONS = DATA_EXTENSIONS.filter((e) => e !== 'nla' && e !== 'nlan');

/** One crafted datagram: the whole IPv4 packet the raw socket sends, and where its parts start. */
interface Datagram {
  ip: Uint8Array;
  ihl: number;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function payload(rng: Rng): number[] {
  const r = rng.int(0, 9);
  const random = (n: number): number[] => Array.from({ length: n }, () => rng.u32() & 0xff);
  if (r < 4) return random(rng.int(0, 16));
  if (r < 7) return random(rng.int(17, 200));
  if (r < 9) return random(rng.int(201, 1472));
  // A chain of netlink attributes ({u16 len, u16 type} little-endian, padded to 4), for nla/nlan.
  const out: number[] = [];
  for (let i = rng.int(1, 6); i > 0; i--) {
    const data = random(rng.int(0, 12));
    const len = 4 + data.length;
    out.push(len & 0xff, len >> 8, rng.int(0, 8), rng.chance(0.2) ? 0x80 : 0, ...data);
    while (out.length % 4 !== 0) out.push(0);
  }
  return out;
}

/** An IPv4/UDP datagram to 127.0.0.1:port from a random 127/8 address, checksums correct or zero. */
function craftDatagram(rng: Rng, port: number): Datagram {
  const data = payload(rng);
  const options = rng.chance(0.2) ? new Array<number>(4 * rng.int(1, 3)).fill(1) : []; // NOPs
  const ihl = 20 + options.length;
  const udpLength = UDP_HEADER + data.length;
  const src = [127, rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)];
  const ip = new Uint8Array(ihl + udpLength);
  const view = new DataView(ip.buffer);
  ip.set([0x40 | (ihl >> 2), rng.pick([0, 0x10, 0xb8])]);
  view.setUint16(2, ip.length);
  view.setUint16(4, rng.int(1, 0xffff)); // non-zero: the kernel would pick its own for 0
  view.setUint16(6, rng.pick([0, 0x4000]));
  ip.set([rng.int(1, 255), 17], 8);
  ip.set([...src, 127, 0, 0, 1, ...options], 12);
  view.setUint16(10, checksum(ip.subarray(0, ihl)));
  view.setUint16(ihl, rng.chance(0.3) ? 53 : rng.int(1, 0xffff));
  view.setUint16(ihl + 2, port);
  view.setUint16(ihl + 4, udpLength);
  ip.set(data, ihl + UDP_HEADER);
  if (rng.chance(0.5)) {
    const pseudo = new Uint8Array(12 + udpLength);
    pseudo.set([...src, 127, 0, 0, 1, 0, 17, udpLength >> 8, udpLength & 0xff]);
    pseudo.set(ip.subarray(ihl), 12);
    view.setUint16(ihl + 6, checksum(pseudo) || 0xffff);
  }
  return { ip, ihl };
}

function meta(extra: Partial<PacketMeta>): Partial<PacketMeta> {
  return {
    protocol: 0x0800,
    pktType: 0,
    ifindex: LO_INDEX,
    hatype: LOOPBACK_HATYPE,
    mark: MARK,
    queue: 0,
    rxhash: 0,
    vlanPresent: false,
    vlanTci: 0,
    vlanTpid: 0,
    payloadOffset: UDP_HEADER,
    ...extra,
  };
}

/** The socket filter's view: offset 0 is the UDP header. */
function dataView(d: Datagram): PacketContext {
  const bytes = d.ip.subarray(d.ihl);
  return { bytes, wireLength: bytes.length, meta: meta({ networkOffset: -d.ihl, linkOffset: -d.ihl - 14 }) };
}

/** The whole frame, for programs that only load through SKF_NET_OFF/SKF_LL_OFF. */
function headersView(d: Datagram): PacketContext {
  const bytes = new Uint8Array(14 + d.ip.length);
  bytes.set([0x08, 0x00], 12);
  bytes.set(d.ip, 14);
  return { bytes, wireLength: d.ip.length - d.ihl, meta: meta({ linkOffset: 0, networkOffset: 14 }) };
}

/** The contexts laid out as one `PacketBatch` for `compileFast(...).filterBatch`. */
function toBatch(contexts: readonly PacketContext[]): PacketBatch {
  const data = new Uint8Array(contexts.reduce((sum, c) => sum + c.bytes.length, 0));
  const offsets = new Uint32Array(contexts.length);
  let at = 0;
  contexts.forEach((c, i) => {
    data.set(c.bytes, at);
    offsets[i] = at;
    at += c.bytes.length;
  });
  const caplens = Uint32Array.from(contexts, (c) => c.bytes.length);
  const wirelens = Uint32Array.from(contexts, (c) => c.wireLength);
  return { data, offsets, caplens, wirelens, metas: contexts.map((c) => c.meta) };
}

/** What the receiving application sees for a verdict, per sk_filter_trim_cap + UDP receive. */
function expectedOutcome(verdict: number, udpLength: number): string {
  if (verdict === 0) return 'drop';
  return `recv ${Math.min(udpLength, Math.max(verdict >>> 0, UDP_HEADER)) - UDP_HEADER}`;
}

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const toDdd = (insns: readonly Insn[]): string =>
  insns
    .map(encode)
    .map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`)
    .join('\n');

function loopbackIndex(): number {
  try {
    return Number.parseInt(readFileSync('/sys/class/net/lo/ifindex', 'utf8'), 10);
  } catch {
    return 1;
  }
}
const LO_INDEX = loopbackIndex();

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

interface HarnessResult {
  lines: string[];
  error?: string;
}

function runHarness(binary: string, port: number, input: string): HarnessResult {
  const result = spawnSync(binary, ['--port', String(port), '--mark', String(MARK)], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) return { lines: [], error: `exit ${result.status}: ${result.stderr.trim()}` };
  return { lines: result.stdout.split('\n').filter((l) => l.length > 0) };
}

/** Why the kernel comparison cannot run here (no compiler, no raw socket, filter refused), or undefined. */
function unavailableReason(binary: string | undefined, port: number): string | undefined {
  if (!binary) return 'the linux-socket-filter harness could not be built';
  const probe = runHarness(
    binary,
    port,
    `D ${toHex(craftDatagram(createRng(1), port).ip)}\nP 1\n6 0 0 65535\n`,
  );
  if (probe.error) return `the kernel refused the socket setup (${probe.error})`;
  if (probe.lines[0] !== 'attached') return `the kernel refused SO_ATTACH_FILTER (${probe.lines[0]})`;
  if (!probe.lines[1]?.startsWith('recv')) return `a loopback datagram did not arrive (${probe.lines[1]})`;
  return undefined;
}

const binary = buildHarness('linux-socket-filter');
const PORT = await freeUdpPort();
const UNAVAILABLE = process.platform === 'linux' ? unavailableReason(binary, PORT) : 'not running on Linux';
if (UNAVAILABLE) {
  if (IN_CI) throw new Error(`Linux differential test cannot run in CI: ${UNAVAILABLE}`);
  console.warn(`skipping the Linux differential test: ${UNAVAILABLE}`);
}

const NETLINK_K = new Set([extensionK('nla'), extensionK('nlan')]);
const usesNetlink = (insns: readonly Insn[]): boolean =>
  insns.some((i) => i.op === 'ld' && i.mode === 'abs' && NETLINK_K.has(i.k));

interface Outcome {
  /** Program × datagram pairs compared. */
  cases: number;
  /** Pairs where some engine path disagreed with the kernel. */
  failures: number;
  /** Programs `compileFast` translated to WebAssembly, or left to the interpreter for nla/nlan. */
  wasm: number;
  /** The first few failures, in full. */
  mismatches: string[];
}

/** Random programs that all meet the same datagrams. */
interface Batch {
  datagrams: Datagram[];
  contexts: PacketContext[];
  packetBatch: PacketBatch;
  programs: Insn[][];
}

function makeBatches(seed: number, programs: number, headers: boolean): Batch[] {
  const rng = createRng(seed);
  const batches: Batch[] = [];
  for (let done = 0; done < programs; done += PROGRAMS_PER_BATCH) {
    const datagrams = Array.from({ length: DATAGRAMS_PER_BATCH }, () => craftDatagram(rng, PORT));
    const contexts = datagrams.map(headers ? headersView : dataView);
    const options = {
      loads: headers ? ('headers' as const) : ('data' as const),
      negativeOffsets: false,
      extensions: headers ? HEADER_EXTENSIONS : DATA_EXTENSIONS,
      extensionWeight: 8,
      packetLengths: contexts.map((c) => c.bytes.length),
    };
    const count = Math.min(PROGRAMS_PER_BATCH, programs - done);
    const batch = Array.from({ length: count }, () => randomProgram(rng, options));
    batches.push({ datagrams, contexts, packetBatch: toBatch(contexts), programs: batch });
  }
  return batches;
}

/** One harness run for every batch (one bind of the port): pool, programs, clear, next pool... */
function harnessInput(batches: readonly Batch[]): string {
  const blocks = batches.map((b) => [
    ...b.datagrams.map((d) => `D ${toHex(d.ip)}`),
    ...b.programs.map((p) => `P ${p.length}\n${toDdd(p)}`),
    'C',
  ]);
  return `${blocks.flat().join('\n')}\n`;
}

/** Compare one program's kernel outcomes (`lines`, one per datagram) with every engine path. */
function compareProgram(
  insns: Insn[],
  batch: Batch,
  lines: readonly string[],
  tally: Outcome,
  name: string,
): void {
  const fast = compileFast(insns, 'linux');
  // The translation leaves the netlink searches (nla, nlan) to the interpreter, by design.
  if (fast.kind === 'wasm' || usesNetlink(insns)) tally.wasm++;
  const batched = fast.filterBatch(batch.packetBatch);
  batch.datagrams.forEach((d, i) => {
    const kernel = lines[i] ?? '(missing)';
    const context = batch.contexts[i]!;
    const outcome = run(insns, context, 'linux');
    const udpLength = d.ip.length - d.ihl;
    const models = {
      run: expectedOutcome(outcome.verdict, udpLength),
      'run(trace:false)': expectedOutcome(run(insns, context, 'linux', { trace: false }).verdict, udpLength),
      [`compileFast(${fast.kind}).filterBatch`]: expectedOutcome(batched[i]!, udpLength),
    };
    tally.cases++;
    const wrong = Object.entries(models).filter(([, m]) => m !== kernel);
    if (wrong.length === 0) return;
    tally.failures++;
    if (tally.mismatches.length >= 5) return;
    const model = wrong.map(([k, m]) => `${k}: ${m}`).join(', ');
    tally.mismatches.push(
      `${name} × datagram ${i}: kernel ${kernel}, ${model} (run verdict ${outcome.verdict}, end ${outcome.end})\n` +
        `${disassemble({ insns }, 'd')}\n-ddd: ${insns.length},${toDdd(insns).replaceAll('\n', ',')}\n` +
        `datagram (IPv4): ${toHex(d.ip)}`,
    );
  });
}

/**
 * `programs` random programs, PROGRAMS_PER_BATCH at a time over the same DATAGRAMS_PER_BATCH
 * datagrams, through the kernel and every engine path; the tally of what disagreed.
 */
function compare(seed: number, programs: number, headers: boolean): Outcome {
  const batches = makeBatches(seed, programs, headers);
  const result = runHarness(binary!, PORT, harnessInput(batches));
  if (result.error) throw new Error(`linux-socket-filter failed: ${result.error}`);
  const tally: Outcome = { cases: 0, failures: 0, wasm: 0, mismatches: [] };
  let line = 0;
  let index = 0;
  for (const batch of batches) {
    for (const insns of batch.programs) {
      const name = `program ${index++}`;
      const attached = result.lines[line++];
      if (attached !== 'attached') {
        tally.failures++;
        tally.mismatches.push(`${name}: the kernel said ${attached}\n${disassemble({ insns }, 'd')}`);
        continue;
      }
      compareProgram(insns, batch, result.lines.slice(line, line + batch.datagrams.length), tally, name);
      line += batch.datagrams.length;
    }
  }
  return tally;
}

describe.skipIf(UNAVAILABLE !== undefined)(
  'linux semantics vs the kernel socket filter (SO_ATTACH_FILTER, loopback UDP)',
  () => {
    it(`agrees on accept/drop and kept length: ${DATA_PROGRAMS} programs × ${DATAGRAMS_PER_BATCH} datagrams, data view`, () => {
      const { cases, failures, wasm, mismatches } = compare(0x11ab, DATA_PROGRAMS, false);
      expect(mismatches.join('\n\n'), `${failures} mismatches`).toBe('');
      expect(cases).toBe(DATA_PROGRAMS * DATAGRAMS_PER_BATCH);
      expect(wasm).toBe(DATA_PROGRAMS);
    });

    it(`agrees through SKF_NET_OFF/SKF_LL_OFF: ${HEADER_PROGRAMS} programs × ${DATAGRAMS_PER_BATCH} datagrams, headers view`, () => {
      const { cases, failures, wasm, mismatches } = compare(0x22cd, HEADER_PROGRAMS, true);
      expect(mismatches.join('\n\n'), `${failures} mismatches`).toBe('');
      expect(cases).toBe(HEADER_PROGRAMS * DATAGRAMS_PER_BATCH);
      expect(wasm).toBe(HEADER_PROGRAMS);
    });
  },
);
