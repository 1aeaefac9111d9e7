// SPDX-License-Identifier: MIT
/**
 * One instruction, as a pure function `step(state) → {state, event}` (DESIGN §3): the dispatch
 * picks the family function (loads, alu, jumps, ret, scratch, misc), then the effect it returns
 * becomes the next machine state and the trace event. Nothing is mutated, so a debugger can keep
 * every state for step-back.
 */
import type { Insn } from '../isa/insn.ts';
import { execAlu, execNeg } from './alu.ts';
import { execJa, execJump, isInProgram } from './jumps.ts';
import { execLd, execLdx } from './loads.ts';
import type { Effect, Halt, Machine, StepEnv } from './machine.ts';
import { execMisc } from './misc.ts';
import { execRet } from './ret.ts';
import { execScratch } from './scratch.ts';
import type { TraceStep } from './types.ts';

/** The outcome of one step; `halt` is present when the run ends with this instruction. */
export interface StepResult {
  state: Machine;
  event: TraceStep;
  halt?: Halt;
}

/** What `insn` at `pc` does to machine `m` (the switch only dispatches, as in x/net/bpf Run). */
export function execute(insn: Insn, m: Machine, env: StepEnv): Effect {
  switch (insn.op) {
    case 'ld':
      return insn.mode === 'mem' ? execScratch(insn, m) : execLd(insn, m, env);
    case 'ldx':
      return insn.mode === 'mem' ? execScratch(insn, m) : execLdx(insn, env);
    case 'st':
    case 'stx':
      return execScratch(insn, m);
    case 'alu':
      return execAlu(insn, m, env);
    case 'neg':
      return execNeg(m);
    case 'ja':
      return execJa(insn, m.pc, env.semantics);
    case 'jmp':
      return execJump(insn, m, m.pc);
    case 'ret':
      return execRet(insn, m);
    case 'tax':
    case 'txa':
    case 'raw':
      return execMisc(insn, m);
  }
}

function traceEvent(
  insn: Insn,
  before: Machine,
  a: number,
  x: number,
  effect: Effect,
  end?: Halt,
): TraceStep {
  const event: TraceStep = {
    pc: before.pc,
    insn,
    aBefore: before.a,
    xBefore: before.x,
    aAfter: a,
    xAfter: x,
  };
  if (effect.memWrite) event.memWrite = effect.memWrite;
  if (effect.read) event.read = effect.read;
  if (effect.branch) event.branch = effect.branch;
  if (end) {
    event.verdict = end.verdict;
    event.end = end.end;
  }
  return event;
}

/**
 * Execute the instruction at `state.pc`. A run ends when the instruction returns (or fails: out
 * of bounds, division by zero, invalid instruction), or when the next pc lies outside the program
 * (`fell-off`, verdict 0: after a last instruction that is not `ret`, or a jump past the end).
 * Registers keep their values on an early end. Throws only if `state.pc` itself is outside the
 * program, which no state `step` returned can be.
 */
export function step(insns: readonly Insn[], state: Machine, env: StepEnv): StepResult {
  const insn = insns[state.pc];
  if (insn === undefined) throw new Error(`step: pc ${state.pc} is outside the ${insns.length}-insn program`);
  const effect = execute(insn, state, env);
  const a = effect.a ?? state.a;
  const x = effect.x ?? state.x;
  let mem = state.mem;
  if (effect.memWrite) {
    const copy = mem.slice();
    copy[effect.memWrite.index] = effect.memWrite.value;
    mem = copy;
  }
  const next = effect.next ?? state.pc + 1;
  let end = effect.halt;
  if (end === undefined && !isInProgram(next, insns.length)) end = { verdict: 0, end: 'fell-off' };
  const result: StepResult = {
    state: { pc: next, a, x, mem },
    event: traceEvent(insn, state, a, x, effect, end),
  };
  if (end) result.halt = end;
  return result;
}
