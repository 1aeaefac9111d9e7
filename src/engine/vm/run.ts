// SPDX-License-Identifier: MIT
/**
 * `run`: a program on one packet, with the whole trace (DESIGN §3) or, for whole-capture runs,
 * without it. The traced run loops over the pure `step`; the untraced one runs the lowered
 * program in a tight loop. Both end the same way with the same verdict.
 */
import type { Insn } from '../isa/insn.ts';
import { lower, lowerCached, relower } from './lower.ts';
import { initialMachine, makeEnv, type StepEnv } from './machine.ts';
import { runUntraced } from './run-untraced.ts';
import { step } from './step.ts';
import { defaultMaxSteps } from './step-limit.ts';
import type { PacketContext, RunResult, Semantics, TraceStep } from './types.ts';

export { defaultMaxSteps, LIBPCAP_MIN_STEPS } from './step-limit.ts';

/** Options of `run`. */
export interface RunOptions {
  /** Steps before the run ends with `step-limit` (default: `defaultMaxSteps`). */
  maxSteps?: number;
  /** Record every step (default true); false runs much faster, with no steps (a read-only result). */
  trace?: boolean;
}

function stepLimit(insns: readonly Insn[], semantics: Semantics, requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return defaultMaxSteps(insns.length, semantics);
  return Math.max(0, requested);
}

function runTraced(insns: readonly Insn[], env: StepEnv, maxSteps: number): RunResult {
  const steps: TraceStep[] = [];
  let state = initialMachine();
  if (insns.length === 0) return { verdict: 0, end: 'fell-off', steps };
  let written = 0; // bit k: M[k] was stored to on this run
  while (steps.length < maxSteps) {
    const result = step(insns, state, env);
    const { read, memWrite } = result.event;
    if (read?.kind === 'mem' && (written & (1 << read.index)) === 0) {
      result.event.read = { ...read, unset: true };
    }
    if (memWrite) written |= 1 << memWrite.index;
    steps.push(result.event);
    if (result.halt) return { verdict: result.halt.verdict, end: result.halt.end, steps };
    state = result.state;
  }
  // The limit ran out with the program still running: mark the last step as the end.
  const last = steps.at(-1);
  if (last) steps[steps.length - 1] = { ...last, verdict: 0, end: 'step-limit' };
  return { verdict: 0, end: 'step-limit', steps };
}

/**
 * Run `insns` on `packet` under `semantics`. Never throws for any program or packet: invalid
 * instructions, out-of-bounds loads, division by zero, falling off the end and running out of
 * steps all end the run with verdict 0 and say why in `end`.
 */
export function run(
  insns: readonly Insn[],
  packet: PacketContext,
  semantics: Semantics,
  options: RunOptions = {},
): RunResult {
  if (options.trace === false) return runQuick(insns, packet, semantics, options.maxSteps);
  return runTraced(insns, makeEnv(packet, semantics), stepLimit(insns, semantics, options.maxSteps));
}

/** The untraced path of `run`, called once per packet by whole-capture runs. */
function runQuick(
  insns: readonly Insn[],
  packet: PacketContext,
  semantics: Semantics,
  requested: number | undefined,
): RunResult {
  const lowered = lowerCached(insns, semantics);
  // lowerCached only returns a lowering of this length, so its default limit is this array's.
  const maxSteps = requested === undefined ? lowered.defaultMaxSteps : stepLimit(insns, semantics, requested);
  // `=== true` on the boolean fields here and in the loop: V8 then compares one word rather than
  // testing for every kind of falsy value.
  const result = runUntraced(lowered, packet, maxSteps, lowered.frozen === true ? undefined : insns);
  // undefined: the array changed since it was lowered; a fresh lowering matches it exactly.
  return result ?? runUntraced(relower(insns, semantics), packet, maxSteps, insns)!;
}

/**
 * `run(insns, packet, semantics, {trace: false})` prepared once for many packets (a whole
 * capture): the program is lowered here, from a copy, so the runner skips `run`'s per-call cache
 * check and later changes to the array do not affect it.
 */
export function prepareRun(
  insns: readonly Insn[],
  semantics: Semantics,
  options: { maxSteps?: number } = {},
): (packet: PacketContext) => RunResult {
  const lowered = lower(insns.slice(), semantics);
  const maxSteps = stepLimit(insns, semantics, options.maxSteps);
  return (packet) => runUntraced(lowered, packet, maxSteps)!;
}
