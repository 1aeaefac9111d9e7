// SPDX-License-Identifier: MIT
/** The committed sample captures are exactly what the generator makes, and it is deterministic. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/testkit/reference-tools.ts';
import { allSamples, readme } from './sample-catalog.ts';

const DIR = join(REPO_ROOT, 'samples', 'captures');

describe('sample captures', () => {
  const samples = allSamples();

  it('are deterministic', () => {
    const again = allSamples();
    expect(again.map((s) => [s.file, [...s.bytes]])).toEqual(samples.map((s) => [s.file, [...s.bytes]]));
  });

  it('match the committed files (run `npx tsx scripts/make-samples.ts` after changing the generator)', () => {
    for (const s of samples) expect([...readFileSync(join(DIR, s.file))], s.file).toEqual([...s.bytes]);
    expect(readFileSync(join(DIR, 'README.md'), 'utf8')).toBe(readme(samples));
    const committed = readdirSync(DIR).filter((f) => f !== 'README.md');
    expect(committed.sort()).toEqual(samples.map((s) => s.file).sort());
  });

  it('use only documentation addresses and locally administered or multicast MACs', () => {
    for (const s of samples) expect(s.teaches.length, s.file).toBeGreaterThan(20);
    const text = readme(samples);
    expect(text).not.toMatch(/\b10\.\d+\.\d+\.\d+|\b192\.168\.|\b172\.(1[6-9]|2\d|3[01])\./);
  });
});
