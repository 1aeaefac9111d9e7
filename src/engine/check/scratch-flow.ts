// SPDX-License-Identifier: MIT
/**
 * Forward data flow over scratch memory: which cells may still be unwritten when a pc is entered,
 * on some path from pc 0. On the kernel's scan graph (forward edges only) this is exactly what
 * `check_load_and_stores` computes with its per-pc masks; on libpcap's graph backward `ja` makes
 * loops, so the sweep repeats until nothing changes.
 */
import { BPF_MEMWORDS, BPF_ST, BPF_STX } from '../isa/opcodes.ts';
import type { CheckContext } from './context.ts';

const ALL_CELLS = (1 << BPF_MEMWORDS) - 1;

/** The scratch cell `pc` writes (`st`/`stx` M[k], k < 16), if any. */
export function writtenCell(ctx: CheckContext, pc: number): number | undefined {
  const r = ctx.raw[pc];
  if (r === undefined || (r.code !== BPF_ST && r.code !== BPF_STX) || r.k >= BPF_MEMWORDS) return undefined;
  return r.k;
}

/** Bit i set: on some path from pc 0, M[i] is unwritten on entry to that pc (0 when unreached). */
export function unwrittenOnEntry(ctx: CheckContext, succ: readonly (readonly number[])[]): number[] {
  const entry = succ.map(() => 0);
  if (entry.length === 0) return entry;
  entry[0] = ALL_CELLS;
  let changed = true;
  while (changed) {
    changed = false;
    for (let pc = 0; pc < succ.length; pc++) {
      const cell = writtenCell(ctx, pc);
      const out = cell === undefined ? (entry[pc] ?? 0) : (entry[pc] ?? 0) & ~(1 << cell);
      for (const t of succ[pc] ?? []) {
        const merged = (entry[t] ?? 0) | out;
        if (merged === entry[t]) continue;
        entry[t] = merged;
        // A forward edge is seen later in this sweep; only a backward one needs another sweep.
        if (t <= pc) changed = true;
      }
    }
  }
  return entry;
}

/** One path pc 0 → … → `target` on which no instruction before `target` writes `cell`. */
export function pathWithoutWrite(
  ctx: CheckContext,
  preds: readonly (readonly number[])[],
  target: number,
  cell: number,
): number[] | undefined {
  const next = new Map<number, number>([[target, -1]]);
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    const pc = queue[i] as number;
    if (pc === 0) return walk(next, 0);
    for (const p of preds[pc] ?? []) {
      if (next.has(p) || writtenCell(ctx, p) === cell) continue;
      next.set(p, pc);
      queue.push(p);
    }
  }
  return undefined;
}

function walk(next: Map<number, number>, from: number): number[] {
  const path: number[] = [];
  for (let pc = from; pc !== -1; pc = next.get(pc) ?? -1) path.push(pc);
  return path;
}

/** "0-2 → 5-7": a path with straight runs folded. */
export function formatPath(path: readonly number[]): string {
  const runs: string[] = [];
  let start = path[0];
  for (let i = 1; i <= path.length; i++) {
    const prev = path[i - 1] as number;
    const cur = path[i];
    if (cur === prev + 1) continue;
    runs.push(start === prev ? `${prev}` : `${start}-${prev}`);
    start = cur;
  }
  return runs.join(' → ');
}
