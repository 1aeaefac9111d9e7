// SPDX-License-Identifier: MIT
/**
 * Writes the sample captures in samples/captures/ and their README.
 *
 * Run with `npx tsx scripts/make-samples.ts`. The output is deterministic: timestamps are fixed
 * (starting 2023-11-14T22:13:20Z), nothing is random, and running it twice gives identical files,
 * which are committed. All traffic is synthetic, built with scripts/lib/packets.ts between
 * documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and
 * locally administered MAC addresses (02:00:00:...); no private network was captured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allSamples, readme } from './lib/sample-catalog.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'captures');

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const samples = allSamples();
  for (const s of samples) writeFileSync(join(OUT, s.file), s.bytes);
  writeFileSync(join(OUT, 'README.md'), readme(samples));
  console.log(`wrote ${samples.length} captures to samples/captures/`);
}

main();
