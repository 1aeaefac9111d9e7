// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { assemble } from './assemble.ts';
import { ASM } from './codes.ts';

describe('syntax errors (one line each; line:col is 1-based, ranges cover the token)', () => {
  it('brackets', () => {
    expect(assemble('ldh [x+')).toReportError("1:8 ASM1003 expected ']' but found end of input");
    expect(assemble('ldh [12')).toReportError("1:8-1:9 ASM1003 expected ']' but found end of input");
    expect(assemble('ldh [12\nret #0')).toReportError("1:8 ASM1003 expected ']' but found end of line");
    expect(assemble('ldb [x+]')).toReportError("1:8-1:9 ASM1003 expected an offset after '+' but found ']'", {
      hint: "write '[x + 0]' to load at offset X, or give the offset: '[x + 14]'",
    });
    expect(assemble('ld [x + 1 + ]')).toReportError(
      "1:13 ASM1003 expected a number or name after '+' but found ']'",
    );
  });

  it('statement shape', () => {
    expect(assemble('[12]')).toReportError("1:1 ASM1003 expected an instruction but found '['");
    expect(assemble('ld #1 ret')).toReportError(
      "1:7-1:10 ASM1003 expected ',' or end of line but found 'ret'",
    );
    expect(assemble('ld %y')).toReportError("1:5 ASM1003 expected 'a' or 'x' after '%' but found 'y'");
    expect(assemble('jeq #1 jt 2')).toReportError("1:12 ASM1003 expected 'jf' but found end of input");
    expect(assemble('(000)')).toReportError('1:6 ASM1003 expected an instruction but found end of input');
  });

  it('lexical', () => {
    expect(assemble('ld @')).toReportError("1:4-1:5 ASM1001 expected an operand but found '@'");
    expect(assemble('/* open')).toReportError("1:1-1:3 ASM1002 expected '*/' but found end of input");
    expect(assemble('ld #09')).toReportError(
      "1:5-1:7 ASM1006 expected an octal number after the leading 0 but found '09'",
      {
        hint: 'a leading 0 means octal; write 9 for decimal or 0x9 for hex',
      },
    );
    expect(assemble('ld #0x')).toReportError("1:5-1:7 ASM1006 expected hex digits after '0x' but found '0x'");
    expect(assemble('ld #0b2')).toReportError(
      "1:5-1:8 ASM1006 expected binary digits after '0b' but found '0b2'",
    );
    expect(assemble('ld #12ab')).toReportError("1:5-1:9 ASM1006 expected a number but found '12ab'");
  });

  it('numbers out of range', () => {
    expect(assemble('ld #4294967296')).toReportError(
      '1:5-1:15 ASM1007 expected a 32-bit value but found 4294967296',
    );
    expect(assemble('ld #-2147483649')).toReportError(
      '1:5 ASM1007 expected a 32-bit value but found -2147483649',
    );
    expect(assemble('.insn 0x10000, 0, 0, 0')).toReportError(
      '1:7-1:14 ASM1007 expected code 0..0xffff but found 0x10000',
    );
    expect(assemble('.insn 0x28, 256, 0, 0')).toReportError(
      '1:13 ASM1007 expected jt 0..0xff but found 0x100',
    );
  });
});

describe('mnemonics and operands', () => {
  it('unknown mnemonic, with a suggestion', () => {
    expect(assemble('lhd [12]')).toReportError("1:1-1:4 ASM1004 expected a mnemonic but found 'lhd'", {
      hint: "did you mean 'ldh'?",
    });
    expect(assemble('jnq #1, +0\nret #0')).toReportError('1:1 ASM1004', { hint: /did you mean 'j(n)?eq'\?/ });
    expect(assemble('drop ret #0')).toReportError("1:10 ASM1003 expected ',' or end of line but found '#'", {
      hint: "a label needs a colon: 'drop:'",
    });
    expect(assemble('drop tax')).toReportError("1:1-1:5 ASM1004 expected a mnemonic but found 'drop'", {
      hint: "a label needs a colon: 'drop:'",
    });
    expect(assemble('frobnicate')).toReportError('1:1 ASM1004', {
      hint: /^the mnemonics are ld, ldh, ldb, /,
    });
  });

  it('a bare number where #k is meant', () => {
    expect(assemble('jeq 5, +0\nret #0')).toReportError(
      "1:5-1:6 ASM1005 expected '#k' or 'x' but found '5'",
      {
        hint: "write '#5' for the constant 5",
      },
    );
    expect(assemble('ret 5')).toReportError("1:5 ASM1005 expected '#k', 'a' or 'x' but found '5'", {
      hint: "write '#5' for the constant 5",
    });
    expect(assemble('add 5')).toReportError("1:5 ASM1005 expected '#k' or 'x' but found '5'");
    expect(assemble('ld 5')).toReportError('1:4 ASM1005 expected ...', {
      hint: "write '#5' for the constant 5, or '[5]' for the packet data at offset 5",
    });
  });

  it('missing and extra operands', () => {
    expect(assemble('ldh')).toReportError(
      "1:4 ASM1005 expected '[k]', '[x + k]' or an extension such as '#proto' but found end of input",
    );
    expect(assemble('jeq #1')).toReportError('1:7 ASM1005 expected a jump target but found end of input', {
      hint: "give the jump target(s): 'jeq #k, Ltrue, Lfalse'",
    });
    expect(assemble('ja')).toReportError('1:3 ASM1005 expected a jump target but found end of input');
    expect(assemble('neg x')).toReportError("1:5 ASM1005 expected end of line but found 'x'", {
      hint: "'neg' takes no operand",
    });
    expect(assemble('tax #1')).toReportError("1:5-1:7 ASM1005 expected end of line but found '#1'");
    expect(assemble('ld #1, #2')).toReportError("1:8-1:10 ASM1005 expected end of line but found '#2'");
    expect(assemble('jeq #1, +1, +1, +1')).toReportError("1:17 ASM1005 expected end of line but found '+1'");
  });

  it('scratch memory', () => {
    expect(assemble('st M[16]')).toReportError(
      '1:6-1:8 ASM1008 expected a scratch index 0..15 but found 16',
      {
        hint: /scratch index must be 0\.\.15/,
      },
    );
    expect(assemble('ld M[-1]')).toReportError('1:6 ASM1008 expected a scratch index 0..15 but found -1');
    expect(assemble('st [3]')).toReportError("1:4-1:7 ASM1005 expected 'M[k]' but found '[3]'", {
      hint: "write 'M[3]' for scratch word 3",
    });
    expect(assemble('stx #3')).toReportError("1:5 ASM1005 expected 'M[k]' but found '#3'", {
      hint: "write 'M[3]' for scratch word 3",
    });
    expect(assemble('ldh M[1]')).toReportError('1:5 ASM1005', {
      hint: "only 'ld' and 'ldx' read scratch memory",
    });
  });

  it('the 4*([k]&0xf) form', () => {
    expect(assemble('ldxb [14]')).toReportError("1:6-1:10 ASM1005 expected '4*([k]&0xf)' but found '[14]'", {
      hint: /^write 'ldxb 4\*\(\[14\]&0xf\)' for the IPv4 header length/,
    });
    expect(assemble('ldx [14]')).toReportError('1:5 ASM1005', { hint: /^write 'ldx 4\*\(\[14\]&0xf\)'/ });
    expect(assemble('ldxb 8*([14]&0xf)')).toReportError('1:6-1:7 ASM1009 expected 4 but found 8');
    expect(assemble('ldxb 4*([14]&0x7)')).toReportError('1:14-1:17 ASM1009 expected 0xf but found 0x7');
  });

  it('loads that cannot take the operand', () => {
    expect(assemble('ldh #5')).toReportError('1:5 ASM1005', {
      hint: "'ldh' loads from the packet; use 'ld #5' for a constant",
    });
    expect(assemble('ldh #len')).toReportError('1:5-1:9 ASM1005', {
      hint: "the packet length is a 32-bit word: use 'ld #len'",
    });
    expect(assemble('ldb len')).toReportError('1:5 ASM1005', {
      hint: "the packet length is a 32-bit word: use 'ld #len'",
    });
    expect(assemble('ldx #proto')).toReportError('1:5 ASM1005', {
      hint: "extensions load into A: use 'ld #proto', then 'tax'",
    });
    expect(assemble('ld x')).toReportError('1:4 ASM1005', { hint: "to copy X into A, use 'txa'" });
    expect(assemble('ldx a')).toReportError('1:5 ASM1005', { hint: "to copy A into X, use 'tax'" });
  });

  it('unknown names in operands', () => {
    expect(assemble('ld #prot')).toReportError(
      "1:5-1:9 ASM1010 expected a number, extension or constant but found 'prot'",
      {
        hint: "did you mean 'proto'?",
      },
    );
    expect(assemble('ld [SKF_NETOFF + 9]')).toReportError('1:5-1:15 ASM1010', {
      hint: "did you mean 'SKF_NET_OFF'?",
    });
    expect(assemble('ld #foo')).toReportError('1:5 ASM1010', {
      hint: 'the constants are SKF_AD_OFF, SKF_NET_OFF, SKF_LL_OFF',
    });
  });
});

describe('labels and jumps', () => {
  it('undefined label, with a suggestion', () => {
    expect(assemble('jeq #1, dorp\ndrop: ret #0')).toReportError(
      "1:9-1:13 ASM1011 expected a defined label but found 'dorp'",
      {
        hint: "did you mean 'drop'?",
      },
    );
    expect(assemble('ja nowhere\nret #0')).toReportError('1:4-1:11 ASM1011', {
      hint: "define it: 'nowhere:' before the instruction to jump to",
    });
  });

  it('duplicate label, with a note at the first definition', () => {
    expect(assemble('drop: ret #0\ndrop: ret #1')).toReportError(
      "2:1-2:5 ASM1012 expected a new label name but found 'drop', already defined",
      { notes: ["1:1 'drop' first defined here (pc 0)"] },
    );
  });

  it('a label after the last instruction', () => {
    expect(assemble('ret #0\ntail:')).toReportError(
      "2:1-2:5 ASM1017 expected an instruction after label 'tail' but found end of input",
    );
  });

  it('a conditional jump beyond 255 is an error naming both pcs, never a wrap', () => {
    const source = `jeq #1, far\n${'ld #0\n'.repeat(300)}far: ret #0`;
    expect(assemble(source)).toReportError(
      '1:9-1:12 ASM1013 expected a jump of at most 255 instructions but found 300 (pc 0 to pc 301)',
    );
    expect(assemble(`jeq #1, +256\n${'ld #0\n'.repeat(300)}ret #0`)).toReportError(
      '1:9 ASM1013 expected a jump of at most 255 instructions but found 256 (pc 0 to pc 257)',
    );
    // 255 is the longest that fits
    expect(assemble(`jeq #1, +255\n${'ld #0\n'.repeat(300)}ret #0`)).toReportNoErrors();
    // ja has a 32-bit offset
    expect(assemble(`ja far\n${'ld #0\n'.repeat(300)}far: ret #0`).program?.insns[0]).toEqual({
      op: 'ja',
      k: 300,
    });
  });

  it('backward and self jumps of conditional jumps', () => {
    expect(assemble('top: ld #1\njeq #1, top')).toReportError(
      '2:9-2:12 ASM1014 expected a forward jump but found pc 1 to pc 0 (offset -2)',
    );
    expect(assemble('jeq #1, 0')).toReportError(
      '1:9 ASM1014 expected a forward jump but found pc 0 to pc 0 (offset -1)',
    );
  });

  it('targets past the end', () => {
    expect(assemble('jeq #1, 5\nret #0')).toReportError(
      '1:9-1:10 ASM1015 expected a target within the program (pc 0..1) but found pc 0 to pc 5',
    );
    expect(assemble('ja 9\nret #0')).toReportError(
      '1:4 ASM1015 expected a target within the program (pc 0..1) but found pc 0 to pc 9',
    );
    expect(assemble('jeq #1, +1\nret #0')).toReportError('1:9 ASM1015');
  });

  it('a negative number is not a jump target', () => {
    expect(assemble('jeq #1, -1')).toReportError("1:9-1:11 ASM1005 expected a jump target but found '-1'", {
      hint: "jump targets are labels, absolute pcs (as in 'tcpdump -d') or '+N' to skip N instructions",
    });
  });

  it('tcpdump -d line numbers must be the pcs', () => {
    expect(assemble('(001) ret #0')).toReportError(
      '1:1-1:6 ASM1016 expected instruction number (000) but found (001)',
    );
    expect(assemble('(000) ld #1\n(002) ret a')).toReportError(
      '2:1 ASM1016 expected instruction number (001) but found (002)',
    );
  });
});

describe('recovery: every error in one pass', () => {
  it('a program with three distinct errors reports all three', () => {
    const source = readFileSync(join(import.meta.dirname, 'testdata', 'three-errors.bpf'), 'utf8');
    const result = assemble(source);
    expect(result.program).toBeUndefined();
    expect(result).toReportErrors([
      "4:26-4:30 ASM1011 expected a defined label but found 'dorp'",
      "6:16 ASM1003 expected an offset after '+' but found ']'",
      '8:14 ASM1008 expected a scratch index 0..15 but found 16',
    ]);
  });

  it('broken lines keep their pc, so later errors are not shifted', () => {
    const result = assemble('(000) ldh [12\n(001) foo #1\n(003) ret #0');
    expect(result).toReportErrors([
      "1:14 ASM1003 expected ']' but found end of line",
      "2:7 ASM1004 expected a mnemonic but found 'foo'",
      '3:1 ASM1016 expected instruction number (002) but found (003)',
    ]);
  });

  it('stops after maxErrors with an info', () => {
    const result = assemble('foo\n'.repeat(5), { maxErrors: 2 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(2);
    expect(result.diagnostics.at(-1)).toMatchObject({ severity: 'info', code: ASM.tooManyErrors });
  });

  it('never throws, whatever the text', () => {
    for (const text of [
      '',
      '\n',
      ':',
      '(',
      '(5',
      '#',
      ' #',
      '[',
      ']',
      ',',
      '4*(',
      'ld 4*([',
      '.insn',
      'M[',
      'jeq #1 jt',
      '\u0000',
    ]) {
      expect(() => assemble(text)).not.toThrow();
    }
  });
});
