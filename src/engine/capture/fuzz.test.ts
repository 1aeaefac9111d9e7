// SPDX-License-Identifier: MIT
/**
 * Fuzzing the readers: random bytes, random bytes behind a valid magic, and real captures mutated
 * (bytes flipped, words overwritten with hostile lengths, truncated, spliced). No exception may
 * escape, and whatever is returned must be consistent with the file. 120,000 cases in all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import { bytesSource } from './byte-source.ts';
import type { CaptureIndexResult } from './capture-types.ts';
import { indexCapture, openCapture } from './index-capture.ts';
import { writePcap } from './pcap-writer.ts';
import { concat, PcapngBuilder } from './pcapng-builder.ts';

const SAMPLES = join(REPO_ROOT, 'samples', 'captures');

/** Real files to mutate: every sample, plus a pcapng built to hold every block type. */
function seeds(): Uint8Array[] {
  const files = readdirSync(SAMPLES)
    .filter((f) => /\.(pcap|pcapng)$/.test(f))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(SAMPLES, f))));
  const b = new PcapngBuilder().sectionHeader([{ code: 1, value: 'fuzz' }]);
  b.interfaceDescription(1, 64, [
    { code: 9, value: Uint8Array.of(0x80 | 20) },
    { code: 2, value: 'eth0' },
  ]);
  b.enhancedPacket({ interfaceId: 0, bytes: new Uint8Array(40).fill(1), options: [{ code: 1, value: 'x' }] });
  b.simplePacket(new Uint8Array(30), 90).obsoletePacket({ interfaceId: 0, bytes: new Uint8Array(8) });
  b.nameResolution([{ address: Uint8Array.of(192, 0, 2, 1), names: ['a'] }]);
  b.interfaceStatistics(0, new Map([[4, 1]]))
    .decryptionSecrets(1, new Uint8Array(5))
    .block(0xbad, new Uint8Array(6), []);
  const be = new PcapngBuilder().sectionHeader([], true).interfaceDescription(101, 0);
  be.enhancedPacket({ interfaceId: 0, bytes: new Uint8Array(20), tsSec: 5 });
  const pcapNs = writePcap([{ bytes: new Uint8Array(30), tsSec: 1, tsNsec: 2 }], {
    linkType: 1,
    nanosecond: true,
    bigEndian: true,
  });
  return [...files, concat([b.bytes(), be.bytes()]), pcapNs];
}

const SEEDS = seeds();

/** Check a result against the file it came from; any failure throws. */
function checkConsistent(bytes: Uint8Array, r: CaptureIndexResult): void {
  for (const d of r.diagnostics) {
    if (!/^CAP4\d{3}$/.test(d.code)) throw new Error(`bad code ${d.code}`);
    if (d.offset !== undefined && !(d.offset >= 0 && d.offset <= bytes.length))
      throw new Error(`bad offset ${d.offset}`);
  }
  const c = r.capture;
  if (!c) return;
  const { offsets, caplens, tsNsec, interfaceIds } = c.index;
  if (offsets.length !== c.packetCount || caplens.length !== c.packetCount) throw new Error('index length');
  for (let i = 0; i < c.packetCount; i++) {
    if (offsets[i]! + caplens[i]! > bytes.length) throw new Error(`packet ${i} runs past the file`);
    if (!(tsNsec[i]! < 1e9)) throw new Error(`packet ${i} nsec ${tsNsec[i]}`);
    if (interfaceIds[i]! >= c.interfaces.length) throw new Error(`packet ${i} interface`);
  }
  if (c.packetCount > 0) {
    const last = c.packetAt(c.packetCount - 1)!;
    if (last.bytes.length !== last.caplen) throw new Error('packetAt length');
  }
}

/** One mutation of a file. */
type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'word'; at: number; value: number; littleEndian: boolean }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; from: number; start: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const hostileWord = fc.constantFrom(
  0,
  1,
  4,
  8,
  11,
  12,
  13,
  16,
  28,
  32,
  0xffff,
  0x10000,
  262144,
  262145,
  0x7fffffff,
  0x80000000,
  0xfffffff0,
  0xffffffff,
);
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('word' as const),
      at: fc.nat(),
      value: hostileWord,
      littleEndian: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(),
      from: fc.nat(),
      start: fc.nat(),
      length: fc.nat({ max: 200 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    }),
  },
);

/** Apply mutations to a copy of a file. */
function mutate(file: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out: Uint8Array = file.slice();
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'flip' && out.length > 0) out[at] = m.value;
    else if (m.kind === 'word' && out.length >= 4)
      new DataView(out.buffer).setUint32(Math.min(at, out.length - 4), m.value, m.littleEndian);
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'splice') {
      const src = SEEDS[m.from % SEEDS.length]!;
      const start = m.start % Math.max(1, src.length);
      out = concat([out.subarray(0, at), src.subarray(start, start + m.length), out.subarray(at)]);
    } else if (m.kind === 'insert') out = concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
  }
  return out;
}

/** Open a file; report (rather than throw) anything that escapes, so fast-check shrinks it. */
function survives(bytes: Uint8Array): boolean {
  checkConsistent(bytes, openCapture(bytes));
  return true;
}

const PREFIXES = [
  Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1),
  Uint8Array.of(0xa1, 0xb2, 0x3c, 0x4d),
  Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a),
  Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0),
];

describe('capture reader fuzzing: no exception escapes (120,000 cases)', () => {
  it('survives 20,000 random byte strings', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), survives), { numRuns: 20_000, seed: 4001 });
  });

  it('survives 20,000 random bodies behind a valid pcap or pcapng magic', () => {
    const arb = fc.tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 300 }));
    fc.assert(
      fc.property(arb, ([prefix, body]) => survives(concat([prefix, body]))),
      { numRuns: 20_000, seed: 4002 },
    );
  });

  it('survives 79,000 mutated real captures (flips, hostile words, truncation, splices, inserts)', () => {
    const arb = fc.tuple(
      fc.nat({ max: SEEDS.length - 1 }),
      fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(arb, ([seed, muts]) => survives(mutate(SEEDS[seed]!, muts))),
      { numRuns: 79_000, seed: 4003 },
    );
  });

  it('gives the same answer asynchronously for 1,000 mutated captures', async () => {
    const arb = fc.tuple(
      fc.nat({ max: SEEDS.length - 1 }),
      fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([seed, muts]) => {
        const bytes = mutate(SEEDS[seed]!, muts);
        const sync = openCapture(bytes);
        const async = await indexCapture(bytesSource(bytes));
        expect(async.diagnostics).toEqual(sync.diagnostics);
        expect(async.capture?.packetCount).toBe(sync.capture?.packetCount);
        expect(async.capture?.index).toEqual(sync.capture?.index);
      }),
      { numRuns: 1_000, seed: 4004 },
    );
  });
});
