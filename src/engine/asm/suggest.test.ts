// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './suggest.ts';

describe('editDistance', () => {
  it.each<[string, string, number]>([
    ['', '', 0],
    ['drop', 'drop', 0],
    ['drop', 'dorp', 1], // adjacent swap
    ['lhd', 'ldh', 1],
    ['drop', 'drp', 1],
    ['drop', 'droop', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  it('prefers a case-only difference', () => {
    expect(closest('Drop', ['drop', 'Dro'])).toBe('drop');
  });

  it('allows one edit per three characters', () => {
    expect(closest('accpet', ['accept', 'drop'])).toBe('accept');
    expect(closest('xyz', ['accept', 'drop'])).toBeUndefined();
  });

  it('suggests nothing for one- or two-letter words except a case difference', () => {
    expect(closest('x', ['q', 'a'])).toBeUndefined();
    expect(closest('ab', ['AB', 'ac'])).toBe('AB');
  });

  it('prefers a candidate of the same length on a tie (a swap over a deletion)', () => {
    expect(closest('lhd', ['ld', 'ldh'])).toBe('ldh');
  });

  it('never suggests the word itself', () => {
    expect(closest('drop', ['drop'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('phrases the hint', () => {
    expect(didYouMean('prot', ['proto', 'type'])).toBe("did you mean 'proto'?");
    expect(didYouMean('zzzz', ['proto'])).toBeUndefined();
  });
});
