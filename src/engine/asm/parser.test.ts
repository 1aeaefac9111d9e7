// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { lex } from './lexer.ts';
import { parse } from './parser.ts';
import type { Operand } from './syntax.ts';

const parseText = (text: string) => parse(lex(text).tokens);

/** The operand shapes of the first statement, without ranges. */
function shapes(text: string): unknown[] {
  const { statements, diagnostics } = parseText(text);
  expect(diagnostics).toEqual([]);
  return statements[0]!.operands.map(strip);
}

function strip(op: Operand): unknown {
  const expr = (e: { terms: { sign: number; value?: number; name?: string }[] }) =>
    e.terms.map((t) => `${t.sign < 0 ? '-' : ''}${t.name ?? t.value}`).join(' ');
  switch (op.kind) {
    case 'reg':
      return { reg: op.reg };
    case 'skip':
      return { skip: op.count };
    case 'msh':
      return { msh: [expr(op.factor), expr(op.offset), expr(op.mask)] };
    default:
      return { [op.kind]: expr(op.expr) };
  }
}

describe('parse: operand shapes only (no mnemonic table)', () => {
  it.each<[string, unknown[]]>([
    ['ld #5', [{ imm: '5' }]],
    ['ld #-1', [{ imm: '-1' }]],
    ['ld #+5', [{ imm: '5' }]],
    ['ld #len', [{ imm: 'len' }]],
    ['ld [12]', [{ abs: '12' }]],
    ['ld [SKF_NET_OFF + 9]', [{ abs: 'SKF_NET_OFF 9' }]],
    ['ld [x + 4]', [{ ind: '4' }]],
    ['ld [x+4]', [{ ind: '4' }]],
    ['ld [%x - 4]', [{ ind: '-4' }]],
    ['ld [x + -4096]', [{ ind: '-4096' }]],
    ['ld [x]', [{ ind: '' }]],
    ['ld M[3]', [{ mem: '3' }]],
    ['ldxb 4*([14]&0xf)', [{ msh: ['4', '14', '15'] }]],
    ['ret %a', [{ reg: 'a' }]],
    ['add x', [{ bare: 'x' }]],
    ['jeq #1, +2, lbl', [{ imm: '1' }, { skip: 2 }, { bare: 'lbl' }]],
    ['foo 1, 2, 3', [{ bare: '1' }, { bare: '2' }, { bare: '3' }]],
  ])('%s', (text, expected) => {
    expect(shapes(text)).toEqual(expected);
  });

  it('reads the tcpdump -d line form', () => {
    const { statements } = parseText('(001) jeq      #0x800           jt 2\tjf 12');
    const [st] = statements;
    expect(st!.listing?.value).toBe(1);
    expect(strip(st!.jt!)).toEqual({ bare: '2' });
    expect(strip(st!.jf!)).toEqual({ bare: '12' });
  });

  it('reads listing numbers as decimal although they have leading zeros', () => {
    expect(parseText('(009) ret #0').statements[0]!.listing?.value).toBe(9);
  });

  it('collects labels, also on lines of their own', () => {
    const { statements } = parseText('a:\nb: c: ret #0');
    expect(statements.map((s) => s.labels.map((l) => l.name))).toEqual([['a'], ['b', 'c']]);
    expect(statements[0]!.mnemonic).toBeUndefined();
  });

  it('recovers at the end of each line and reports every broken line', () => {
    const { statements, diagnostics } = parseText('ld [1\nret #0\nldh [x+]\n]\nld ,');
    expect(diagnostics.map((d) => d.range?.startLine)).toEqual([1, 3, 4, 5]);
    expect(statements.map((s) => [s.mnemonic?.text, s.broken])).toEqual([
      ['ld', true],
      ['ret', false],
      ['ldh', true],
      [undefined, true],
      ['ld', true],
    ]);
  });

  it('skips blank and comment-only lines', () => {
    expect(parseText('\n; c\n\n/* d */\nret a\n').statements).toHaveLength(1);
  });
});
