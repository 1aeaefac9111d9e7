// SPDX-License-Identifier: MIT
/**
 * Run in a fresh process by bench/run.ts: read a capture file, index it with the engine's
 * `openCapture`, and print one JSON line with the time it took (CPU and wall clock) and the
 * process's memory, so the peak RSS belongs to opening the capture alone.
 */
import { readFileSync } from 'node:fs';
import { openCapture } from '../src/engine/capture/index.ts';

/** What one indexing run measured. */
export interface IndexMeasurement {
  bytes: number;
  packets: number;
  /** CPU time of the indexing (user + system), which a busy neighbour does not inflate. */
  cpuMs: number;
  /** Wall-clock time of the indexing. */
  wallMs: number;
  /** RSS after reading the file, before indexing (bytes). */
  rssAfterRead: number;
  /** Peak RSS of the whole process (bytes). */
  peakRss: number;
  diagnostics: number;
}

function measure(path: string): IndexMeasurement {
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength); // no copy
  const rssAfterRead = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = openCapture(bytes);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    bytes: bytes.length,
    packets: result.capture?.packetCount ?? 0,
    cpuMs: (used.user + used.system) / 1000,
    wallMs,
    rssAfterRead,
    peakRss: process.resourceUsage().maxRSS * 1024,
    diagnostics: result.diagnostics.length,
  };
}

const path = process.argv[2];
if (path) console.log(JSON.stringify(measure(path)));
