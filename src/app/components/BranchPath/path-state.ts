// SPDX-License-Identifier: MIT
/**
 * The current packet's path through the listing at a cursor: which rows ran, which ran before
 * the cursor, which edges were taken, and the condition each jump evaluated. cBPF runs every pc
 * at most once per packet (jumps only go forward), so a pc maps to at most one step.
 */
import { explainStep, type JumpCond, type RunResult, type TraceStep } from '../../../engine/index.ts';
import type { JumpEdge } from './arcs.ts';

/** How an edge is drawn for the current packet. */
export type EdgeState =
  /** Taken by a step already executed (lit). */
  | 'taken'
  /** Will be taken later in this run (shown faintly). */
  | 'ahead'
  /** The other way out of an executed jump (dimmed). */
  | 'not-taken'
  /** The jump does not execute for this packet. */
  | 'idle';

/** How a row is shown for the current packet. */
export type RowState = 'done' | 'current' | 'ahead' | 'unreached';

/** The packet's path at one cursor. */
export interface PathState {
  /** Step index at which each executed pc ran. */
  stepOfPc: ReadonlyMap<number, number>;
  /** The instruction about to execute (undefined before a trace or after the verdict). */
  currentPc: number | undefined;
  cursor: number;
}

/** The path of `run` with `cursor` steps executed. */
export function pathState(run: RunResult | undefined, cursor: number): PathState {
  const stepOfPc = new Map<number, number>();
  run?.steps.forEach((step, i) => {
    stepOfPc.set(step.pc, i);
  });
  return { stepOfPc, currentPc: run?.steps[cursor]?.pc, cursor };
}

/** How row `pc` is shown. */
export function rowState(path: PathState, pc: number): RowState {
  if (pc === path.currentPc) return 'current';
  const at = path.stepOfPc.get(pc);
  if (at === undefined) return 'unreached';
  return at < path.cursor ? 'done' : 'ahead';
}

/** How `edge` is shown, given the step that ran its jump (if any). */
export function edgeState(path: PathState, edge: JumpEdge, step: TraceStep | undefined): EdgeState {
  const at = path.stepOfPc.get(edge.from);
  if (at === undefined || !step?.branch) return 'idle';
  const taken = edge.kind === 'always' || (edge.kind === 'true') === step.branch.taken;
  if (at >= path.cursor) return taken ? 'ahead' : 'idle';
  return taken ? 'taken' : 'not-taken';
}

const TEST: Record<JumpCond, string> = { jeq: '==', jgt: '>', jge: '>=', jset: '&' };

/** Unpadded hex, as the assembler reads it back (`0x800`). */
function hx(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/**
 * The condition a jump step evaluated, with the actual values: `A=0x86dd == 0x800? false → pc 13`
 * (a `jset` reads `A=0x0 & 0x1fff? false → pc 7`; an X operand reads `X=0x14`).
 */
export function conditionText(step: TraceStep): string | undefined {
  const { insn, branch } = step;
  if (!branch) return undefined;
  if (insn.op === 'ja') return `always → pc ${branch.target}`;
  if (insn.op !== 'jmp') return undefined;
  const lhs = hx(branch.lhs ?? step.aBefore);
  const rhs = insn.src === 'x' ? `X=${hx(branch.rhs ?? step.xBefore)}` : hx(branch.rhs ?? insn.k);
  return `A=${lhs} ${TEST[insn.cond]} ${rhs}? ${branch.taken ? 'true' : 'false'} → pc ${branch.target}`;
}

/** A short note of what an executed step produced, shown at the end of its row. */
export function stepNote(step: TraceStep): string {
  const { insn } = step;
  if (step.end && step.end !== 'ret') return 'returned 0 (implicit)';
  switch (insn.op) {
    case 'ret':
      return `returned ${step.verdict ?? 0}`;
    case 'jmp':
      return step.branch ? `${step.branch.taken ? 'true' : 'false'} → ${step.branch.target}` : '';
    case 'ja':
      return step.branch ? `→ ${step.branch.target}` : '';
    case 'st':
    case 'stx':
      return step.memWrite ? `M[${step.memWrite.index}]=${hx(step.memWrite.value)}` : '';
    case 'ldx':
    case 'tax':
      return `X=${hx(step.xAfter)}`;
    case 'raw':
      return '';
    default:
      return `A=${hx(step.aAfter)}`;
  }
}

/**
 * What hovering row `pc` tells: the condition a jump evaluated (or the step in words) and when it
 * ran; for a jump this packet never reaches, that it is not reached. Undefined: nothing to say.
 */
export function rowTip(
  path: PathState,
  run: RunResult | undefined,
  pc: number,
  isJump: boolean,
): string | undefined {
  const at = path.stepOfPc.get(pc);
  const step = at === undefined ? undefined : run?.steps[at];
  if (at === undefined || !step) return run && isJump ? 'not reached by this packet' : undefined;
  const text = conditionText(step) ?? explainStep(step);
  return at < path.cursor ? `step ${at + 1}: ${text}` : `step ${at + 1} (not run yet): ${text}`;
}
