// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, type RunResult, run } from '../../../engine/index.ts';
import { buildListing } from '../../../worker/listing.ts';
import { layoutEdges } from './arcs.ts';
import { conditionText, edgeState, pathState, rowState, rowTip, stepNote } from './path-state.ts';

const DEFAULT = readFileSync('samples/programs/default.bpf', 'utf8');

/** An Ethernet frame of `length` bytes with the given EtherType and IPv4 protocol byte. */
function frame(etherType: number, proto = 17, length = 60): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes[12] = etherType >> 8;
  bytes[13] = etherType & 0xff;
  bytes[14] = 0x45;
  bytes[23] = proto;
  return bytes;
}

function trace(
  text: string,
  bytes: Uint8Array,
): { run: RunResult; listing: ReturnType<typeof buildListing> } {
  const { program } = assemble(text);
  if (!program) throw new Error('does not assemble');
  return {
    run: run(program.insns, { bytes, wireLength: bytes.length }, 'linux'),
    listing: buildListing(program),
  };
}

describe('the path of a packet', () => {
  it('an IPv6 frame: ldh [12] then the jump to drop, with the condition in words', () => {
    const { run: result, listing } = trace(DEFAULT, frame(0x86dd));
    expect(result.steps.map((s) => s.pc)).toEqual([0, 1, 13]);
    const jump = result.steps[1];
    if (!jump) throw new Error('no jump step');
    expect(conditionText(jump)).toBe('A=0x86dd == 0x800? false → pc 13');
    expect(stepNote(jump)).toBe('false → 13');

    const edges = layoutEdges(listing).filter((e) => e.from === 1);
    const afterJump = pathState(result, 2);
    const byKind = (k: string) => edges.find((e) => e.kind === k);
    expect(edgeState(afterJump, byKind('false')!, jump)).toBe('taken');
    expect(edgeState(afterJump, byKind('true')!, jump)).toBe('not-taken');
    // Before the jump ran, its taken edge is only "ahead" and the other way is not marked yet.
    const before = pathState(result, 1);
    expect(edgeState(before, byKind('false')!, jump)).toBe('ahead');
    expect(edgeState(before, byKind('true')!, jump)).toBe('idle');
  });

  it('rows: done before the cursor, current at it, ahead after it, unreached elsewhere', () => {
    const { run: result } = trace(DEFAULT, frame(0x86dd));
    const path = pathState(result, 1);
    expect(path.currentPc).toBe(1);
    expect([0, 1, 13, 5].map((pc) => rowState(path, pc))).toEqual(['done', 'current', 'ahead', 'unreached']);
    const end = pathState(result, result.steps.length);
    expect(end.currentPc).toBeUndefined();
    expect(rowState(end, 13)).toBe('done');
  });

  it('edges of jumps this packet never reaches stay idle', () => {
    const { run: result, listing } = trace(DEFAULT, frame(0x86dd));
    const path = pathState(result, result.steps.length);
    const far = layoutEdges(listing).filter((e) => e.from === 9);
    expect(far.map((e) => edgeState(path, e, undefined))).toEqual(['idle', 'idle']);
  });

  it('jset, X operands and ja read with their real values', () => {
    const { run: result } = trace(
      'ldh [20]\njset #0x1fff, drop, next\nnext: ldx #0x14\nld #0x14\njeq x, yes, drop\nyes: ja out\ndrop: ret #0\nout: ret #-1\n',
      frame(0x800),
    );
    const texts = result.steps.map((s) => conditionText(s)).filter(Boolean);
    expect(texts).toEqual(['A=0x0 & 0x1fff? false → pc 2', 'A=0x14 == X=0x14? true → pc 5', 'always → pc 7']);
    expect(result.steps.map(stepNote)).toEqual([
      'A=0x0',
      'false → 2',
      'X=0x14',
      'A=0x14',
      'true → 5',
      '→ 7',
      'returned 4294967295',
    ]);
  });

  it('says when a load past the captured bytes ended the run', () => {
    const { run: result } = trace('ld [100]\nret #1\n', frame(0x800));
    expect(stepNote(result.steps[0]!)).toBe('returned 0 (implicit)');
  });

  it('hover text: the evaluated condition once run, a preview before, and unreached jumps said so', () => {
    const { run: result } = trace(DEFAULT, frame(0x86dd));
    const path = pathState(result, 2);
    expect(rowTip(path, result, 1, true)).toBe('step 2: A=0x86dd == 0x800? false → pc 13');
    expect(rowTip(path, result, 0, false)).toBe('step 1: read 2 bytes at offset 12 → A = 0x86dd');
    expect(rowTip(path, result, 13, false)).toBe('step 3 (not run yet): return 0');
    expect(rowTip(path, result, 3, true)).toBe('not reached by this packet');
    expect(rowTip(path, result, 2, false)).toBeUndefined();
    expect(rowTip(pathState(undefined, 0), undefined, 1, true)).toBeUndefined();
  });

  it('has no path without a trace', () => {
    const path = pathState(undefined, 0);
    expect(path.currentPc).toBeUndefined();
    expect(rowState(path, 0)).toBe('unreached');
  });
});
