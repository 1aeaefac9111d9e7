// SPDX-License-Identifier: MIT
/**
 * What the editor shows of the debugger, by line: the instruction about to run, the path the
 * packet took so far and the rest of its run, instructions it never reaches, the verdict, and the
 * breakpoints' glyphs. Pure data; decorations.ts turns it into Monaco decorations.
 */
import { explainStep, type RunResult } from '../../engine/index.ts';
import { parseCondition } from '../../state/condition.ts';
import type { LineBreakpoint } from '../../state/program-slice.ts';
import type { ListingRow } from '../../worker/protocol.ts';
import { verdictMeaning } from '../format.ts';

/** The debugger's marks on the program's lines (1-based). */
export interface DebugLines {
  /** The line of the instruction about to execute (absent once the program returned). */
  current?: number;
  /** The step just executed: its line and what it did, in words. */
  last?: { line: number; text: string };
  /** Lines executed before the cursor. */
  executed: number[];
  /** Lines this packet's run executes after the cursor. */
  upcoming: number[];
  /** Instruction lines this packet never reaches. */
  unreached: number[];
  /** Once finished: the line that decided, and the verdict in words. */
  verdict?: { line: number; accepted: boolean; text: string };
}

const lineOf = (listing: readonly ListingRow[], pc: number | undefined) =>
  pc === undefined ? undefined : listing[pc]?.line;

/** The marks for `run` at `cursor` (steps executed), on the lines of `listing`. */
export function debugLines(
  run: RunResult,
  cursor: number,
  listing: readonly ListingRow[],
  wireLength: number,
): DebugLines {
  const steps = run.steps;
  const at = Math.max(0, Math.min(cursor, steps.length));
  const lines = (from: number, to: number) =>
    unique(steps.slice(from, to).flatMap((s) => lineOf(listing, s.pc) ?? []));
  const executed = lines(0, at);
  const upcoming = lines(at, steps.length);
  const reached = new Set(steps.map((s) => s.pc));
  const unreached = unique(listing.flatMap((row) => (reached.has(row.pc) ? [] : (row.line ?? []))));
  const marks: DebugLines = { executed, upcoming, unreached };
  const current = lineOf(listing, steps[at]?.pc);
  if (current !== undefined) marks.current = current;
  const lastStep = at > 0 ? steps[at - 1] : undefined;
  const lastLine = lineOf(listing, lastStep?.pc);
  if (lastStep && lastLine !== undefined) marks.last = { line: lastLine, text: explainStep(lastStep) };
  if (at >= steps.length && lastLine !== undefined) {
    marks.verdict = {
      line: lastLine,
      accepted: run.verdict !== 0,
      text: `returned ${run.verdict}: ${verdictMeaning(run.verdict, wireLength)}`,
    };
  }
  return marks;
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}

/** How a breakpoint's glyph looks. */
export type BreakpointLook = 'plain' | 'conditional' | 'invalid' | 'unverified';

/** One breakpoint glyph: its line, look and hover text. */
export interface BreakpointGlyph {
  line: number;
  look: BreakpointLook;
  hover: string;
}

/**
 * Glyphs for `breakpoints`. With an assembled program, a breakpoint on a line without an
 * instruction is "unverified" (it can never stop); before the program assembles, none is.
 */
export function breakpointGlyphs(
  breakpoints: readonly LineBreakpoint[],
  listing: readonly ListingRow[] | undefined,
): BreakpointGlyph[] {
  const lines = listing && listing.length > 0 ? new Set(listing.flatMap((r) => r.line ?? [])) : undefined;
  return breakpoints.map((bp) => {
    if (lines && !lines.has(bp.line)) {
      return {
        line: bp.line,
        look: 'unverified',
        hover: 'Breakpoint on a line without an instruction: it never stops.',
      };
    }
    if (!bp.condition)
      return {
        line: bp.line,
        look: 'plain',
        hover: 'Breakpoint (F9 or click to remove; right-click to add a condition)',
      };
    const parsed = parseCondition(bp.condition);
    if (!parsed.ok) {
      return {
        line: bp.line,
        look: 'invalid',
        hover: `Condition \`${bp.condition}\` does not parse: ${parsed.error} (column ${parsed.column})`,
      };
    }
    return {
      line: bp.line,
      look: 'conditional',
      hover: `Stops when \`${bp.condition}\` holds (right-click to edit)`,
    };
  });
}

/** The first instruction line at or after `line` (breakpoints snap to instructions), if any. */
export function instructionLineFrom(line: number, listing: readonly ListingRow[]): number | undefined {
  let best: number | undefined;
  for (const row of listing) {
    if (row.line !== undefined && row.line >= line && (best === undefined || row.line < best))
      best = row.line;
  }
  return best;
}
