// SPDX-License-Identifier: MIT
/**
 * The benchmark's capture: PACKET_COUNT frames of the `traffic.ts` mix, written with the engine's
 * own pcap writer into bench/out/ (git-ignored). Generated once per generator version and reused
 * while the file and its stamp still match.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { LINKTYPE_EN10MB, type PacketToWrite, writePcap } from '../src/engine/capture/index.ts';
import { createRng } from '../src/testkit/random-program.ts';
import { makeFrame, startTraffic } from './traffic.ts';

/** Frames in the benchmark capture. */
export const PACKET_COUNT = 1_000_000;
/** Bump when `traffic.ts` changes what it generates. */
const GENERATOR_VERSION = 1;
const SEED = 0xbe7c4;
const CHUNK = 1 << 16;
const PCAP_HEADER_BYTES = 24;
const START_SEC = 1_700_000_000;

/** Where the capture lives and whether this run had to write it. */
export interface BenchCapture {
  path: string;
  bytes: number;
  generatedMs?: number;
}

function writeCapture(path: string): void {
  const rng = createRng(SEED);
  startTraffic(rng);
  const fd = openSync(path, 'w');
  try {
    for (let first = 0; first < PACKET_COUNT; first += CHUNK) {
      const packets: PacketToWrite[] = [];
      for (let i = first; i < Math.min(PACKET_COUNT, first + CHUNK); i++) {
        const frame = makeFrame(rng, i);
        packets.push({ ...frame, tsSec: START_SEC + Math.floor(i / 1000), tsNsec: (i % 1000) * 1_000_000 });
      }
      // One file from many writer calls: every chunk after the first drops its file header.
      const chunk = writePcap(packets, { linkType: LINKTYPE_EN10MB });
      writeSync(fd, first === 0 ? chunk : chunk.subarray(PCAP_HEADER_BYTES));
    }
  } finally {
    closeSync(fd);
  }
}

/** The capture in `dir`, generated unless an up-to-date copy is already there. */
export function ensureCapture(dir: string): BenchCapture {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'mixed-1m.pcap');
  const stampPath = join(dir, 'mixed-1m.json');
  const want = { version: GENERATOR_VERSION, seed: SEED, count: PACKET_COUNT };
  if (existsSync(path) && existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as typeof want & { bytes: number };
    const same = stamp.version === want.version && stamp.seed === want.seed && stamp.count === want.count;
    if (same && stamp.bytes === statSync(path).size) return { path, bytes: stamp.bytes };
  }
  const start = performance.now();
  writeCapture(path);
  const bytes = statSync(path).size;
  writeFileSync(stampPath, JSON.stringify({ ...want, bytes }));
  return { path, bytes, generatedMs: performance.now() - start };
}
