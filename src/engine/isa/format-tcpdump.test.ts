// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsns } from '../../testkit/arbitrary-insn.ts';
import { formatDdd, parseDdd } from '../../testkit/ddd.ts';
import { buildHarness, requireTool, runTool } from '../../testkit/reference-tools.ts';
import { ASM_IGNORED_FIELD, decode, decodeProgram, encodeProgram, ignoredFields } from './codec.ts';
import { formatTcpdumpInsn, formatTcpdumpListing } from './format-tcpdump.ts';
import type { Insn, RawInsn } from './insn.ts';
import { disassemble, formatInsn } from './listing.ts';
import { extensionK } from './opcodes.ts';

const EXPRESSIONS = readFileSync(new URL('./testdata/expressions.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

/** The record with the fields its opcode ignores set to 0. */
function canonical(r: RawInsn): RawInsn {
  const out = { ...r };
  for (const { field } of ignoredFields(r)) out[field] = 0;
  return out;
}

describe('tcpdump -d lines (bpf_image format)', () => {
  it.each<[Insn, number, string]>([
    [{ op: 'ld', mode: 'abs', size: 2, k: 12 }, 0, '(000) ldh      [12]'],
    [
      { op: 'jmp', cond: 'jeq', src: 'k', k: 0x800, jt: 0, jf: 10 },
      1,
      '(001) jeq      #0x800           jt 2\tjf 12',
    ],
    [{ op: 'ld', mode: 'ind', size: 2, k: 14 }, 7, '(007) ldh      [x + 14]'],
    [{ op: 'ldx', mode: 'msh', k: 14 }, 6, '(006) ldxb     4*([14]&0xf)'],
    [{ op: 'ret', src: 'k', k: 262144 }, 11, '(011) ret      #262144'],
    [{ op: 'ret', src: 'k', k: 0xffffffff }, 3, '(003) ret      #-1'],
    [{ op: 'ret', src: 'a' }, 4, '(004) ret      '],
    [{ op: 'ld', mode: 'len' }, 5, '(005) ld       #pktlen'],
    [{ op: 'ld', mode: 'abs', size: 4, k: extensionK('proto') }, 0, '(000) ld       [proto]'],
    [{ op: 'ld', mode: 'abs', size: 1, k: extensionK('vlan_avail') }, 0, '(000) ldb      [vlanp]'],
    [{ op: 'ld', mode: 'abs', size: 4, k: extensionK('rand') }, 0, '(000) ld       [random]'],
    [{ op: 'ld', mode: 'abs', size: 4, k: 0xfff00009 }, 0, '(000) ld       [-1048567]'],
    [{ op: 'alu', alu: 'add', src: 'k', k: 0xffffffff }, 2, '(002) add      #-1'],
    [{ op: 'alu', alu: 'and', src: 'k', k: 0xf }, 2, '(002) and      #0xf'],
    [{ op: 'alu', alu: 'mod', src: 'x', k: 0 }, 2, '(002) mod      x'],
    [{ op: 'ja', k: 3 }, 5, '(005) ja       9'],
    [{ op: 'ja', k: 0xfffffff0 }, 20, '(020) ja       5'],
    [
      { op: 'jmp', cond: 'jset', src: 'x', k: 0, jt: 255, jf: 0 },
      0,
      '(000) jset     x                jt 256\tjf 1',
    ],
    [{ op: 'ldx', mode: 'len' }, 0, '(000) unimp    0x81'],
    [{ op: 'ret', src: 'x' }, 0, '(000) unimp    0xe'],
    [{ op: 'raw', code: 0x55, jt: 1, jf: 2, k: 3 }, 9, '(009) unimp    0x55             jt 11\tjf 12'],
    [{ op: 'raw', code: 0x07, jt: 0, jf: 0, k: 5 }, 1, '(001) tax      '],
    [{ op: 'tax' }, 1234, '(1234) tax      '],
  ])('%j at pc %i', (insn, pc, line) => {
    expect(formatTcpdumpInsn(insn, pc)).toBe(line);
    expect(formatInsn(insn, pc, 'd')).toBe(line);
  });

  it('lists a whole program one line each, newline-terminated', () => {
    const insns: Insn[] = [
      { op: 'ld', mode: 'abs', size: 2, k: 12 },
      { op: 'ret', src: 'k', k: 0 },
    ];
    expect(formatTcpdumpListing(insns)).toBe('(000) ldh      [12]\n(001) ret      #0\n');
    expect(disassemble({ insns }, 'd')).toBe(formatTcpdumpListing(insns));
  });
});

const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

describe.skipIf(!tcpdump)('golden: our -d printer equals tcpdump -d', () => {
  it(`has at least 40 expressions`, () => {
    expect(EXPRESSIONS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(EXPRESSIONS)('%s', (expr) => {
    for (const optimize of [[], ['-O']]) {
      const args = ['-y', 'EN10MB', ...optimize];
      const expected = runTool(tcpdump!, ['-d', ...args, expr]);
      const raws = parseDdd(runTool(tcpdump!, ['-ddd', ...args, expr]));
      const { insns, diagnostics } = decodeProgram(raws);
      // libpcap's unoptimized code generator leaves a stale k on some `tax` (e.g. `7 0 0 3` for
      // `ip[1] * ip[2] > 7` with -O): the only diagnostic allowed is the ignored-field warning.
      expect(diagnostics.filter((d) => d.code !== ASM_IGNORED_FIELD)).toEqual([]);
      expect(encodeProgram(insns)).toEqual(raws.map(canonical));
      expect(formatTcpdumpListing(insns)).toBe(expected);
    }
  });
});

const bpfDump = buildHarness('bpf-dump', ['pcap']);

describe.skipIf(!bpfDump)("differential: our -d printer equals libpcap's bpf_dump()", () => {
  it('prints every code 0..255 (with edge k values) as libpcap does', () => {
    const ks = [0, 7, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffff000, 0xfffff02c, 0xfffff040, 0xfff00000];
    const raws: RawInsn[] = [];
    for (let code = 0; code < 256; code++) for (const k of ks) raws.push({ code, jt: 3, jf: 255, k });
    const ours = formatTcpdumpListing(raws.map(decode));
    expect(ours.split('\n')).toEqual(runTool(bpfDump!, ['1'], formatDdd(raws)).split('\n'));
  });

  it('prints random programs as libpcap does', () => {
    // Many programs per harness run keeps this fast: each sample is a batch of 40 programs.
    fc.assert(
      fc.property(fc.array(arbInsns(40), { minLength: 1, maxLength: 40 }), (programs) => {
        const raws = programs.flatMap((p) => encodeProgram(p));
        const ours = formatTcpdumpListing(raws.map(decode));
        expect(ours).toBe(runTool(bpfDump!, ['1'], formatDdd(raws)));
      }),
      { numRuns: 25 },
    );
  });
});
