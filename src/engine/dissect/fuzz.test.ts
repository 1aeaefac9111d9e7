// SPDX-License-Identifier: MIT
/**
 * Malformed and truncated input never throws: random bytes under every link type, and real frames
 * with bytes flipped, inserted, removed or cut off, dissect to a tree whose fields all stay plain
 * data, and whose fields past the captured bytes are all marked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkTypeSamples } from '../../../scripts/lib/sample-linktypes.ts';
import * as scenes from '../../../scripts/lib/sample-scenes.ts';
import { dissect } from './dissect.ts';
import { flatten } from './testdata/tree.ts';
import type { Dissection } from './types.ts';

const LINK_TYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147];

/** Every frame of the sample stories, with its link type. */
const CORPUS: { linkType: number; bytes: Uint8Array }[] = [
  ...Object.entries(scenes)
    .filter(([name]) => name.endsWith('Scene'))
    .flatMap(([, build]) => (build as () => Uint8Array[])().map((bytes) => ({ linkType: 1, bytes }))),
  ...Object.values(linkTypeSamples()).flatMap((s) =>
    s.packets.map((bytes) => ({ linkType: s.linkType, bytes })),
  ),
];

/** What must hold for any input: sane ranges, marks on everything past the capture, plain data. */
function checkInvariants(d: Dissection, captured: number): void {
  for (const f of flatten(d.fields)) {
    if (!Number.isInteger(f.range.offset) || !Number.isInteger(f.range.length) || f.range.length < 0) {
      throw new Error(`bad range on ${f.name}: ${JSON.stringify(f.range)}`);
    }
    if (typeof f.label !== 'string' || f.name === '') throw new Error(`bad field ${JSON.stringify(f)}`);
    const past = f.range.offset + f.range.length > captured;
    if (past && f.note === undefined) throw new Error(`${f.name} runs past the capture unmarked`);
    if (typeof f.value === 'number' && !Number.isFinite(f.value))
      throw new Error(`${f.name} value ${f.value}`);
  }
  if (typeof d.summary.info !== 'string' || typeof d.summary.protocol !== 'string')
    throw new Error('bad summary');
  structuredClone(d);
}

/** One edit to a frame. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
);

function mutate(bytes: Uint8Array, edits: { kind: string; at: number; value: number }[]): Uint8Array {
  let out = Array.from(bytes);
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.kind === 'flip') out[at] = e.value;
    if (e.kind === 'insert') out.splice(at, 0, e.value);
    if (e.kind === 'remove') out.splice(at, 1);
    if (e.kind === 'cut') out = out.slice(0, at);
  }
  return Uint8Array.from(out);
}

describe('dissect never throws', () => {
  it('on random bytes under every link type, with or without VLAN offload', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 160 }),
        fc.constantFrom(...LINK_TYPES),
        fc.nat({ max: 3000 }),
        fc.boolean(),
        (bytes, linkType, extra, vlanOffload) => {
          const d = dissect(bytes, linkType, { wireLength: bytes.length + extra, vlanOffload });
          checkInvariants(d, d.bytes.length);
        },
      ),
      { numRuns: 20_000, seed: 0x5eed },
    );
  });

  it('on sample frames with bytes flipped, inserted, removed or cut', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CORPUS),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (frame, edits, vlanOffload) => {
          const bytes = mutate(frame.bytes, edits);
          const d = dissect(bytes, frame.linkType, { wireLength: frame.bytes.length, vlanOffload });
          checkInvariants(d, d.bytes.length);
        },
      ),
      { numRuns: 10_000, seed: 0xf00d },
    );
  });

  it('on every sample frame cut at every length', () => {
    let cases = 0;
    for (const frame of CORPUS) {
      for (let cut = 0; cut <= frame.bytes.length; cut++) {
        const d = dissect(frame.bytes.subarray(0, cut), frame.linkType, { wireLength: frame.bytes.length });
        checkInvariants(d, cut);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(10_000);
  });
});
