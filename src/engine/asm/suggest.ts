// SPDX-License-Identifier: MIT
/** "Did you mean" suggestions for misspelt mnemonics, labels and names. */

/**
 * Edit distance between two strings where inserting, deleting or substituting a character, or
 * swapping two adjacent ones (`lhd` for `ldh`), each cost 1 (optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2]! + 1);
      row.push(best);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo: a case-only
 * difference always qualifies, otherwise at most one edit per three characters (at least one, and
 * none for words of one or two characters).
 * Between equally close candidates, one of the same length wins (a swap beats a deletion).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  // a one- or two-letter word is "close" to too much: only a case difference counts then
  const limit = word.length <= 2 ? 0 : Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    const tieWin =
      distance === bestDistance &&
      best !== undefined &&
      candidate.length === word.length &&
      best.length !== word.length;
    if ((distance < bestDistance || tieWin) && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A hint sentence "did you mean 'x'?" for the closest candidate, or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean '${match}'?`;
}
