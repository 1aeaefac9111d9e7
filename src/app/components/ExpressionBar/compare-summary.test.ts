// The comparison headline in words, for each kind of outcome.
import { describe, expect, it } from 'vitest';
import type { CompareOutcome } from '../../../worker/protocol.ts';
import { compareSummary, verdictWords } from './compare-summary.ts';

const outcome = (over: Partial<CompareOutcome>): CompareOutcome => ({
  expression: 'udp',
  total: 24,
  editorAccepted: 12,
  expressionAccepted: 4,
  acceptDrop: 0,
  lengths: 0,
  differences: [],
  diagnostics: [],
  milliseconds: 1,
  ...over,
});

describe('compareSummary', () => {
  it('says when every verdict agrees', () => {
    expect(compareSummary(outcome({}))).toBe('Same verdict on all 24 packets.');
  });

  it('counts the differences by kind', () => {
    expect(compareSummary(outcome({ acceptDrop: 12 }))).toBe('12 of 24 packets differ (12 accept ≠ drop).');
    expect(compareSummary(outcome({ acceptDrop: 1, lengths: 1200, total: 100000 }))).toBe(
      '1,201 of 100,000 packets differ (1 accept ≠ drop, 1,200 different lengths).',
    );
  });

  it('says why nothing was compared', () => {
    expect(compareSummary(outcome({ problem: 'no capture is open', total: 0 }))).toBe(
      'Nothing compared: no capture is open.',
    );
  });

  it('words a verdict', () => {
    expect(verdictWords(0)).toBe('drop');
    expect(verdictWords(262144)).toBe('accept 262144');
  });
});
