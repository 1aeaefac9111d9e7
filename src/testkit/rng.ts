// SPDX-License-Identifier: MIT
/** A small seeded pseudo-random source (mulberry32), so generated tests and data are reproducible. */

/** A deterministic pseudo-random source (32-bit state, mulberry-style mixing). */
export interface Rng {
  /** The next value, an unsigned 32-bit integer. */
  u32(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** A seeded `Rng`; the same seed always gives the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (min: number, max: number): number => min + Math.floor((u32() / 0x100000000) * (max - min + 1));
  return {
    u32,
    int,
    chance: (p) => u32() / 0x100000000 < p,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
  };
}
