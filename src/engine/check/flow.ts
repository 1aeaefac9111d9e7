// SPDX-License-Identifier: MIT
/**
 * Control flow of a program as the checker needs it. Two graphs:
 * - `execution`: where a run can really go (a `ret` ends it);
 * - `scan`: what the kernel's `check_load_and_stores` walks. It visits pcs in order and only a
 *   jump resets its state, so it treats a `ret` as falling through into the next pc: code after a
 *   `ret` that no jump reaches is checked as if reached from that `ret` (reference §5 rule 10).
 * Jump targets outside the program are dropped (rules 6 and 7 report them).
 */
import { type CheckContext, isCondJump, isJa, isRetClass, jaTarget } from './context.ts';

/** Which graph to build. */
export type FlowKind = 'execution' | 'scan';

/** Absolute targets of the jump at `pc` (possibly out of range), or undefined if it does not jump. */
export function jumpTargetsAt(ctx: CheckContext, pc: number): number[] | undefined {
  const r = ctx.raw[pc];
  if (r === undefined) return undefined;
  if (isJa(ctx, r.code)) return [jaTarget(ctx, pc, r.k)];
  if (isCondJump(ctx, r.code)) return [pc + 1 + r.jt, pc + 1 + r.jf];
  return undefined;
}

/** Successors of every pc in the chosen graph (in-range targets only, no duplicates). */
export function successors(ctx: CheckContext, kind: FlowKind): number[][] {
  const n = ctx.raw.length;
  const out: number[][] = [];
  for (let pc = 0; pc < n; pc++) {
    const targets = jumpTargetsAt(ctx, pc);
    let next: number[];
    if (targets !== undefined) next = targets;
    else if (kind === 'execution' && isRetClass(ctx.raw[pc]?.code ?? 0)) next = [];
    else next = [pc + 1];
    out.push([...new Set(next.filter((t) => t >= 0 && t < n))]);
  }
  return out;
}

/** Predecessors from a successor table. */
export function predecessors(succ: readonly (readonly number[])[]): number[][] {
  const preds: number[][] = succ.map(() => []);
  succ.forEach((targets, pc) => {
    for (const t of targets) preds[t]?.push(pc);
  });
  return preds;
}

/** Which pcs a run starting at pc 0 can reach. */
export function reachable(succ: readonly (readonly number[])[]): boolean[] {
  const seen = succ.map(() => false);
  const stack = succ.length > 0 ? [0] : [];
  while (stack.length > 0) {
    const pc = stack.pop() as number;
    if (seen[pc]) continue;
    seen[pc] = true;
    for (const t of succ[pc] ?? []) if (!seen[t]) stack.push(t);
  }
  return seen;
}
