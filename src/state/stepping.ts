// SPDX-License-Identifier: MIT
/**
 * Stepping is moving a cursor along the trace the engine already produced (cBPF only jumps
 * forward, so one run is at most program-length steps). `cursor` counts executed steps: 0 is
 * before the first instruction, `steps.length` is after the verdict.
 */
import type { RunResult, TraceStep } from '../engine/index.ts';
import type { ConditionScope, ParsedCondition } from './condition.ts';

/** The machine as it stands after `cursor` steps. */
export interface MachineView {
  a: number;
  x: number;
  /** The next instruction to execute (undefined once the program has returned). */
  pc: number | undefined;
  /** Scratch cells; undefined where nothing has been written yet. */
  mem: (number | undefined)[];
  /** Cells written by the step just executed. */
  memChanged: number | undefined;
  /** The step just executed (what produced the current A/X), if any. */
  last: TraceStep | undefined;
  /** The step about to execute, if any. */
  next: TraceStep | undefined;
  /** True once the program has returned. */
  finished: boolean;
}

/** The machine after `cursor` steps of `run`. */
export function machineAt(run: RunResult, cursor: number): MachineView {
  const steps = run.steps;
  const at = Math.max(0, Math.min(cursor, steps.length));
  const last = at > 0 ? steps[at - 1] : undefined;
  const next = steps[at];
  const mem: (number | undefined)[] = new Array(16).fill(undefined);
  for (let i = 0; i < at; i++) {
    const write = steps[i]?.memWrite;
    if (write) mem[write.index] = write.value;
  }
  return {
    a: last?.aAfter ?? 0,
    x: last?.xAfter ?? 0,
    pc: next?.pc,
    mem,
    memChanged: last?.memWrite?.index,
    last,
    next,
    finished: at >= steps.length,
  };
}

/** A breakpoint: an editor line's instruction, optionally with a condition. */
export interface PcBreakpoint {
  pc: number;
  condition?: ParsedCondition | undefined;
}

/**
 * Where "continue" (F5) stops: the first cursor after `cursor` whose next instruction has a
 * breakpoint whose condition holds, else the end of the trace.
 */
export function nextStop(
  run: RunResult,
  cursor: number,
  breakpoints: readonly PcBreakpoint[],
  wireLength: number,
): number {
  const byPc = new Map<number, PcBreakpoint[]>();
  for (const bp of breakpoints) byPc.set(bp.pc, [...(byPc.get(bp.pc) ?? []), bp]);
  for (let at = cursor + 1; at < run.steps.length; at++) {
    const pc = run.steps[at]?.pc as number;
    const here = byPc.get(pc);
    if (!here) continue;
    const view = machineAt(run, at);
    const scope: ConditionScope = { a: view.a, x: view.x, pc, len: wireLength, mem: view.mem };
    if (here.some((bp) => !bp.condition || (bp.condition.ok && bp.condition.evaluate(scope)))) return at;
  }
  return run.steps.length;
}

/** Pcs executed by the run (for the executed-path shading and the "never reached" greying). */
export function executedPcs(run: RunResult): Set<number> {
  return new Set(run.steps.map((s) => s.pc));
}
