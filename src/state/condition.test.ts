import { describe, expect, it } from 'vitest';
import { type ConditionScope, parseCondition } from './condition.ts';

const scope: ConditionScope = { a: 0x800, x: 20, pc: 3, len: 74, mem: [7, undefined, 0xffffffff] };

function holds(text: string, s: ConditionScope = scope): boolean {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
  return parsed.evaluate(s);
}

describe('conditional breakpoint expressions', () => {
  it.each([
    ['A == 0x800', true],
    ['a == 2048', true],
    ['A != 0x800', false],
    ['X >= 20 && X < 21', true],
    ['X > 20 || A == 0x800', true],
    ['M[0] == 7', true],
    ['M[1] == 0', true],
    ['M[2] == 0xffffffff', true],
    ['(A & 0xff00) == 0x800', true],
    ['A >> 8 == 8', true],
    ['!(A == 1)', true],
    ['pc == 3 && len > 60', true],
    ['A - 0x801 == 0xffffffff', true],
    ['0b101 == 5', true],
  ])('%s → %s', (text, expected) => {
    expect(holds(text)).toBe(expected);
  });

  it.each([
    ['', 'empty condition', 1],
    ['A ==', 'expected a value but found end of condition', 5],
    ['A = 1', "unexpected '='", 3],
    ['M[16] == 0', 'expected M[0] .. M[15]', 1],
    ['A == 1 2', "expected end of condition but found '2'", 8],
    ['Y == 1', "unexpected 'Y'", 1],
  ])('%j is rejected: %s', (text, error, column) => {
    expect(parseCondition(text)).toEqual({ ok: false, error, column });
  });
});
