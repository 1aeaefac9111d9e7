// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lex, parseNumber } from './lexer.ts';

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.text}`);

describe('lex', () => {
  it('[x+4] is five tokens: the sign never joins the number (bpf_asm and bpfc trap, §4.1)', () => {
    expect(kinds('ldh [x+4]')).toEqual([
      'word:ldh',
      'punct:[',
      'word:x',
      'punct:+',
      'number:4',
      'punct:]',
      'eof:',
    ]);
  });

  it('gives exact 1-based ranges with an exclusive end', () => {
    const [, bracket, , , , , nl, word] = lex('ldh [x + 14]\n  ret').tokens;
    expect(bracket!.range).toEqual({ startLine: 1, startCol: 5, endLine: 1, endCol: 6 });
    expect(nl!.kind).toBe('newline');
    expect(word!.range).toEqual({ startLine: 2, startCol: 3, endLine: 2, endCol: 6 });
  });

  it('puts end of input one column past the last character', () => {
    const eof = lex('ld #1').tokens.at(-1)!;
    expect(eof.range).toEqual({ startLine: 1, startCol: 6, endLine: 1, endCol: 7 });
  });

  it('comments: ; and /* */ are skipped and recorded; # opens a comment only at line start', () => {
    const result = lex('# header\n  # indented\nld #len ; tail\nret /* why */ a');
    expect(result.tokens.filter((t) => t.kind !== 'newline').map((t) => t.text)).toEqual([
      'ld',
      '#',
      'len',
      'ret',
      'a',
      '',
    ]);
    expect(result.comments).toEqual([
      { line: 1, text: 'header' },
      { line: 2, text: 'indented' },
      { line: 3, text: 'tail' },
      { line: 4, text: 'why' },
    ]);
  });

  it('a block comment spanning lines ends the line it starts on', () => {
    const result = lex('ld #1 /* a\n b */ ret a');
    expect(result.tokens.map((t) => t.kind)).toEqual([
      'word',
      'punct',
      'number',
      'newline',
      'word',
      'word',
      'eof',
    ]);
    expect(result.tokens[4]!.range.startLine).toBe(2);
  });

  it('reports an unterminated block comment at its opening', () => {
    expect(lex('ld #1\n/* never').diagnostics).toMatchObject([
      { code: 'ASM1002', range: { startLine: 2, startCol: 1, endLine: 2, endCol: 3 } },
    ]);
  });

  it('marks characters no token starts with as invalid', () => {
    expect(kinds('ld $')).toEqual(['word:ld', 'invalid:$', 'eof:']);
  });

  it('reads directives and identifiers with underscores', () => {
    expect(kinds('.insn vlan_tci SKF_NET_OFF')).toEqual([
      'word:.insn',
      'word:vlan_tci',
      'word:SKF_NET_OFF',
      'eof:',
    ]);
  });

  it('never throws and always ends with eof', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const { tokens } = lex(text);
        expect(tokens.at(-1)!.kind).toBe('eof');
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseNumber (reference §4.1)', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['7', 7],
    ['4294967295', 4294967295],
    ['0x1F', 31],
    ['0XfF', 255],
    ['0b101', 5],
    ['0B0', 0],
    ['017', 15],
    ['00', 0],
  ])('%s = %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['09', '0x', '0b', '0b2', '12ab', '0xg', '1_000'])('%s is malformed', (text) => {
    expect(parseNumber(text)).toMatchObject({ message: expect.stringContaining(`'${text}'`) });
  });

  it('decimal, hex, octal and binary spellings agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffffffff }), (n) => {
        for (const text of [String(n), `0x${n.toString(16)}`, `0${n.toString(8)}`, `0b${n.toString(2)}`]) {
          expect(parseNumber(text)).toBe(n);
        }
      }),
      { numRuns: 200 },
    );
  });
});
