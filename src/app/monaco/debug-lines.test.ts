// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import type { PacketOptions } from '../../worker/protocol.ts';
import { EngineSession } from '../../worker/session.ts';
import { breakpointGlyphs, debugLines, instructionLineFrom } from './debug-lines.ts';

// Lines:      1            2                    3          4                   5
const PROGRAM = `; IPv4 UDP to or from port 53
        ldh [12]
        jneq #0x800, drop
        ldb [23]
        jneq #17, drop
        ldxb 4*([14]&0xf)
        ldh [x + 14]
        jeq #53, accept
        ldh [x + 16]
        jneq #53, drop
accept: ret #-1
drop:   ret #0
`;
const OPTIONS: PacketOptions = { semantics: 'linux', vlanOffload: false, metaOverrides: {} };

/** The trace of dns.pcap's packet `index` (1: a query 53001 → 53, 3: IPv6) through PROGRAM. */
async function traceOf(index: number) {
  const session = new EngineSession();
  const analysis = session.setProgram(PROGRAM, 'socket');
  await session.openCapture(readFileSync(join(REPO_ROOT, 'samples/captures/dns.pcap')), 'dns.pcap');
  const trace = await session.trace(index, OPTIONS);
  if (!trace) throw new Error('no trace');
  return { listing: analysis.listing, run: trace.run, wireLength: trace.packet.wireLength };
}

describe('debugger marks on editor lines', () => {
  it('before the first step: pc 0 is current, the whole run is upcoming, the rest unreached', async () => {
    const { listing, run, wireLength } = await traceOf(0);
    const marks = debugLines(run, 0, listing, wireLength);
    expect(marks.current).toBe(2);
    expect(marks.executed).toEqual([]);
    // The query's source port is not 53, so `jeq #53` falls through to the destination port.
    expect(marks.upcoming).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(marks.unreached).toEqual([12]);
    expect(marks.last).toBeUndefined();
    expect(marks.verdict).toBeUndefined();
  });

  it('mid-run: executed lines, the step just done in words, the line about to run', async () => {
    const { listing, run, wireLength } = await traceOf(0);
    const marks = debugLines(run, 6, listing, wireLength);
    expect(marks.executed).toEqual([2, 3, 4, 5, 6, 7]);
    expect(marks.current).toBe(8);
    // The words come from the engine's explainStep; the line is ours.
    expect(marks.last?.line).toBe(7);
    expect(marks.last?.text).toMatch(/offset 34 → A = 0xcf09/);
    expect(marks.upcoming).toEqual([8, 9, 10, 11]);
  });

  it('at the end: no current line, and the verdict on the ret that decided', async () => {
    const { listing, run, wireLength } = await traceOf(0);
    const marks = debugLines(run, run.steps.length, listing, wireLength);
    expect(marks.current).toBeUndefined();
    expect(marks.verdict).toEqual({
      line: 11,
      accepted: true,
      text: `returned 4294967295: accept the whole packet (${wireLength} bytes)`,
    });
  });

  it('an IPv6 packet stops at the EtherType test and drops', async () => {
    const { listing, run, wireLength } = await traceOf(2);
    const marks = debugLines(run, run.steps.length, listing, wireLength);
    expect(marks.executed).toEqual([2, 3, 12]);
    expect(marks.unreached).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(marks.verdict).toMatchObject({ line: 12, accepted: false });
  });
});

describe('breakpoint glyphs', () => {
  it('tell plain, conditional, broken and instruction-less breakpoints apart', async () => {
    const { listing } = await traceOf(0);
    const glyphs = breakpointGlyphs(
      [{ line: 1 }, { line: 2 }, { line: 7, condition: 'A == 0x35' }, { line: 9, condition: 'A = 1' }],
      listing,
    );
    expect(glyphs.map((g) => g.look)).toEqual(['unverified', 'plain', 'conditional', 'invalid']);
    expect(glyphs[2]?.hover).toBe('Stops when `A == 0x35` holds (right-click to edit)');
    expect(glyphs[3]?.hover).toBe("Condition `A = 1` does not parse: unexpected '=' (column 3)");
  });

  it('are all taken at their word while the program does not assemble', () => {
    expect(breakpointGlyphs([{ line: 1 }], undefined)[0]?.look).toBe('plain');
    expect(breakpointGlyphs([{ line: 1 }], [])[0]?.look).toBe('plain');
  });

  it('snap to the next instruction line', async () => {
    const { listing } = await traceOf(0);
    expect(instructionLineFrom(1, listing)).toBe(2);
    expect(instructionLineFrom(7, listing)).toBe(7);
    expect(instructionLineFrom(13, listing)).toBeUndefined();
  });
});
