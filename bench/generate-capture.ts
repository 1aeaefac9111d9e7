// SPDX-License-Identifier: MIT
/**
 * The benchmark's capture: PACKET_COUNT frames of the synthetic traffic mix (scripts/lib), written
 * with the engine's own pcap writer into bench/out/ (git-ignored). Generated once per generator
 * version and reused while the file and its stamp still match.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticCapture } from '../scripts/lib/synthetic-traffic.ts';

/** Frames in the benchmark capture. */
export const PACKET_COUNT = 1_000_000;
/** Bump when the synthetic traffic changes what it generates. */
const GENERATOR_VERSION = 2;
const SEED = 0xbe7c4;
/** A few records cut by a small snaplen, so the engines meet truncated packets too. */
const TRUNCATE_EVERY = 4999;

/** Where the capture lives and whether this run had to write it. */
export interface BenchCapture {
  path: string;
  bytes: number;
  generatedMs?: number;
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
  writeFileSync(path, syntheticCapture(PACKET_COUNT, { seed: SEED, truncateEvery: TRUNCATE_EVERY }));
  const bytes = statSync(path).size;
  writeFileSync(stampPath, JSON.stringify({ ...want, bytes }));
  return { path, bytes, generatedMs: performance.now() - start };
}
