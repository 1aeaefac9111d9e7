// SPDX-License-Identifier: MIT
/** How many steps a run may take before it ends with `step-limit` (re-exported by run.ts). */
import type { Semantics } from './types.ts';

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
