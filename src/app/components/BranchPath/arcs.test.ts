// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../engine/index.ts';
import { buildListing } from '../../../worker/listing.ts';
import type { ListingRow } from '../../../worker/protocol.ts';
import { edgesInWindow, type JumpEdge, laneCount, layoutEdges } from './arcs.ts';

function listingOf(text: string): ListingRow[] {
  const { program } = assemble(text);
  if (!program) throw new Error('test program does not assemble');
  return buildListing(program);
}

/** A listing with only the fields the layout reads: row pc jumps to `targets[pc]`. */
function syntheticListing(targets: (number[] | undefined)[]): ListingRow[] {
  return targets.map((t, pc) => ({
    pc,
    asm: '',
    d: '',
    code: 0,
    jt: 0,
    jf: 0,
    k: 0,
    ...(t ? { targets: t } : {}),
  }));
}

function overlaps(a: JumpEdge, b: JumpEdge): boolean {
  return a.from <= b.to && b.from <= a.to;
}

describe('layoutEdges', () => {
  it('gives the default sample one edge per jump target, true and false apart', () => {
    const listing = listingOf(readFileSync('samples/programs/default.bpf', 'utf8'));
    const edges = layoutEdges(listing);
    // jneq #0x800, drop at pc 1 is `jeq #0x800 jt 2 jf 13`: true falls through, false goes to drop.
    expect(edges.filter((e) => e.from === 1)).toEqual([
      expect.objectContaining({ from: 1, to: 2, kind: 'true' }),
      expect.objectContaining({ from: 1, to: 13, kind: 'false' }),
    ]);
    const jumps = listing.filter((r) => r.targets).length;
    expect(jumps).toBe(6);
    expect(edges).toHaveLength(12);
    expect(edges.every((e) => !e.overflow)).toBe(true);
  });

  it('draws ja as one "always" edge and keeps short arcs in the inner lanes', () => {
    const edges = layoutEdges(listingOf('ja over\nldb [0]\nover: jeq #1, a, b\na: ret #1\nb: ret #0\n'));
    expect(edges.find((e) => e.from === 0)).toMatchObject({ to: 2, kind: 'always' });
    const short = edges.find((e) => e.from === 2 && e.to === 3);
    const long = edges.find((e) => e.from === 0);
    expect(short?.lane).toBe(0);
    // [0,2] ends on the row where [2,3] starts: touching arcs would read as one, so they go apart.
    expect(long?.lane).toBe(1);
  });

  it('never lets arcs to different targets overlap in one lane, and merges arcs to one target', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.tuple(fc.nat(40), fc.nat(40)), { nil: undefined }), {
          minLength: 2,
          maxLength: 80,
        }),
        (raw) => {
          const n = raw.length;
          const listing = syntheticListing(
            raw.map((t, pc) => (t ? [pc + 1 + (t[0] % (n - pc)), pc + 1 + (t[1] % (n - pc))] : undefined)),
          );
          const edges = layoutEdges(listing, 6);
          const falls = (e: JumpEdge) => e.to === e.from + 1;
          for (const a of edges) {
            expect(a.lane).toBeLessThanOrEqual(6);
            expect(a.from).toBeLessThan(a.to);
            // Fall-throughs flow down lane 0; no other arc goes there once one exists.
            if (edges.some(falls)) expect(a.lane === 0).toBe(falls(a));
            for (const b of edges) {
              if (a === b || falls(a) || falls(b) || a.overflow || b.overflow) continue;
              if (a.lane !== b.lane || a.to === b.to) continue;
              expect(overlaps(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(false);
            }
          }
          const inRange = listing.flatMap((r) => (r.targets ?? []).filter((t) => t < n));
          expect(edges).toHaveLength(inRange.length);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('shares one lane among all the arcs into a common drop', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `jeq #${i}, drop`);
    const edges = layoutEdges(listingOf(`ldb [0]\n${lines.join('\n')}\nret #1\ndrop: ret #0\n`));
    const toDrop = edges.filter((e) => e.kind === 'true');
    expect(new Set(toDrop.map((e) => e.lane)).size).toBe(1);
    expect(laneCount(edges)).toBeLessThanOrEqual(2);
  });

  it('lays out a 4096-instruction program quickly and only a window of it is drawn', () => {
    const label = (pc: number) => `L${Math.min(4094, pc)}`;
    const lines = Array.from(
      { length: 4094 },
      (_, i) => `L${i}: jeq #${i}, ${label(i + 1 + (i % 37))}, ${label(i + 2 + ((i * 7) % 200))}`,
    );
    const text = `${lines.join('\n')}\nL4094: ret #1\nret #0\n`;
    const listing = listingOf(text);
    expect(listing).toHaveLength(4096);
    const started = performance.now();
    const edges = layoutEdges(listing);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(250);
    expect(laneCount(edges)).toBeLessThanOrEqual(11);
    const window = edgesInWindow(edges, 2000, 2040);
    expect(window.length).toBeLessThan(edges.length / 20);
    expect(window.every((e) => e.from <= 2040 && e.to >= 2000)).toBe(true);
  });

  it('skips targets outside the program', () => {
    const edges = layoutEdges(syntheticListing([[1, 9], undefined]));
    expect(edges).toEqual([{ from: 0, to: 1, kind: 'true', lane: 0, overflow: false }]);
  });
});
