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
import type { PacketContext, RunResult, Semantics, TraceStep } from './types.ts';

/** Options of `run`. */
export interface RunOptions {
  /** Steps before the run ends with `step-limit` (default: `defaultMaxSteps`). */
  maxSteps?: number;
  /** Record every step (default true); false returns `steps: []` and runs much faster. */
  trace?: boolean;
}

/** libpcap's floor on the step limit: room for `ip6 protochain`-style backward-jump loops. */
export const LIBPCAP_MIN_STEPS = 65_536;

/**
 * The default step limit. Linux: the program length, which no run can exceed since every jump
 * goes forward (k, jt and jf are unsigned). libpcap: backward `ja` can loop, so a generous bound
 * (64 Ki steps, or 16 passes over a longer program) that ends such a loop with `step-limit`.
 */
export function defaultMaxSteps(length: number, semantics: Semantics): number {
  if (semantics === 'linux') return length;
  return Math.max(LIBPCAP_MIN_STEPS, 16 * length);
}

function stepLimit(insns: readonly Insn[], semantics: Semantics, requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return defaultMaxSteps(insns.length, semantics);
  return Math.max(0, requested);
}

function runTraced(insns: readonly Insn[], env: StepEnv, maxSteps: number): RunResult {
  const steps: TraceStep[] = [];
  let state = initialMachine();
  if (insns.length === 0) return { verdict: 0, end: 'fell-off', steps };
  while (steps.length < maxSteps) {
    const result = step(insns, state, env);
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
  const maxSteps = stepLimit(insns, semantics, options.maxSteps);
  if (options.trace === false) {
    const lowered = lowerCached(insns, semantics);
    const result = runUntraced(lowered, packet, maxSteps, lowered.frozen ? undefined : insns);
    // undefined: the array changed since it was lowered; a fresh lowering matches it exactly.
    return result ?? runUntraced(relower(insns, semantics), packet, maxSteps, insns)!;
  }
  return runTraced(insns, makeEnv(packet, semantics), maxSteps);
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
