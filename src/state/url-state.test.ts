import { describe, expect, it } from 'vitest';
import { decodeSharedState, encodeSharedState, type SharedState } from './url-state.ts';

const state: SharedState = {
  program: 'ldh [12]\njeq #0x800, ok, drop\nok: ret #-1\ndrop: ret #0\n',
  packet: 4,
  breakpoints: [{ line: 2 }, { line: 3, condition: 'A == 0x800' }],
  semantics: 'libpcap',
  checkMode: 'socket',
  vlanOffload: true,
};

describe('share links', () => {
  it('round-trips the shared state through the hash', () => {
    const hash = encodeSharedState(state);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(decodeSharedState(hash)).toEqual(state);
  });

  it('round-trips the expression bar, and keeps links without one free of it', () => {
    const withExpression: SharedState = { ...state, expression: { text: 'tcp port 80', optimize: false } };
    expect(decodeSharedState(encodeSharedState(withExpression))).toEqual(withExpression);
    expect(decodeSharedState(encodeSharedState(state))).not.toHaveProperty('expression');
  });

  it('compresses a long repetitive program well below its size', () => {
    const program = Array.from({ length: 200 }, (_, i) => `ldh [${i}]\n`).join('');
    expect(encodeSharedState({ ...state, program }).length).toBeLessThan(program.length / 2);
  });

  it.each(['', '#', '#s=', '#s=!!!', '#s=AAAA', '#other'])(
    'ignores a hash that is no share link: %j',
    (hash) => {
      expect(decodeSharedState(hash)).toBeUndefined();
    },
  );
});
