// SPDX-License-Identifier: MIT
/**
 * Differential test against netsniff-ng's `bpfc` (reference §8): every sample program and a seeded
 * corpus of random bpfc-compatible programs must assemble to the bytes bpfc prints with
 * `-f tcpdump` (`code jt jf k` per line, no count line). bpfc exits 0 on some errors and wraps long
 * jumps, so the corpus keeps programs short and the test also insists on empty stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { BUILD_DIR, REPO_ROOT, requireTool } from '../../testkit/reference-tools.ts';
import { createRng } from '../../testkit/rng.ts';
import { encode } from '../isa/codec.ts';
import { assemble } from './assemble.ts';

const bpfc = requireTool('bpfc', 'the Debian package netsniff-ng');
const SAMPLES = join(REPO_ROOT, 'samples', 'programs');
const WORK = join(BUILD_DIR, 'asm-bpfc');
const CORPUS_SIZE = 320;

/** Run bpfc on a file; returns its `code jt jf k` lines, or throws with what it said. */
function runBpfc(file: string, validate: boolean): string[] {
  const args = [...(validate ? [] : ['-b']), '-f', 'tcpdump', '-i', file];
  const result = spawnSync(bpfc!, args, { encoding: 'utf8' });
  if (result.status !== 0 || result.stderr !== '' || /error|No such label/i.test(result.stdout)) {
    throw new Error(`bpfc failed on ${file}: ${result.stdout}${result.stderr}`);
  }
  return result.stdout.trim().split('\n').filter(Boolean);
}

/** Our bytes in bpfc's `-f tcpdump` format. */
function ours(source: string): string[] {
  const result = assemble(source);
  expect(result).toReportNoErrors();
  return (result.program?.insns ?? []).map(encode).map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`);
}

describe.skipIf(!bpfc)('bpfc differential', () => {
  mkdirSync(WORK, { recursive: true });
  afterAll(() => rmSync(WORK, { recursive: true, force: true }));

  const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.bpf'));

  it('there are 6-10 sample programs, default.bpf among them', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
    expect(samples.length).toBeLessThanOrEqual(10);
    expect(samples).toContain('default.bpf');
  });

  it.each(samples)('samples/programs/%s assembles as bpfc does (and passes its validator)', (name) => {
    const file = join(SAMPLES, name);
    expect(ours(readFileSync(file, 'utf8'))).toEqual(runBpfc(file, true));
  });

  it(`${CORPUS_SIZE} random bpfc-compatible programs assemble as bpfc does`, () => {
    const rng = createRng(0xb9fc); // the corpus is the same on every run
    const random = () => rng.u32() / 0x100000000;
    let compared = 0;
    for (let i = 0; i < CORPUS_SIZE; i++) {
      const source = randomProgram(random);
      const file = join(WORK, `p${i}.bpf`);
      writeFileSync(file, source);
      const expected = runBpfc(file, false);
      const actual = ours(source);
      if (actual.join('\n') !== expected.join('\n')) {
        expect({ source, actual }).toEqual({ source, actual: expected });
      }
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(CORPUS_SIZE * 10);
  });
});

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rand, max: number): number => Math.floor(r() * (max + 1));

/** Random casing: both tools' lexers are caseless. */
function cased(r: Rand, word: string): string {
  const roll = r();
  if (roll < 0.15) return word.toUpperCase();
  if (roll < 0.25) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/** A 32-bit value in one of the number syntaxes both tools read. */
function number(r: Rand, value: number): string {
  const v = value >>> 0;
  switch (int(r, 5)) {
    case 0:
      return `0x${v.toString(16)}`;
    case 1:
      return `0X${v.toString(16).toUpperCase()}`;
    case 2:
      return v === 0 ? '0' : `0${v.toString(8)}`;
    case 3:
      return `0b${v.toString(2)}`;
    case 4:
      return v >= 0x80000000 ? String(v - 0x100000000) : `+${v}`.replace('+0', '0');
    default:
      return String(v);
  }
}

function value(r: Rand): number {
  return pick(r, [0, 1, 2, 14, 53, 0x800, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, int(r, 0xffffffff)]);
}

const EXTENSIONS = [
  ...['proto', 'pto', 'type', 'poff', 'ifx', 'ifidx', 'nla', 'nlan', 'mark', 'que', 'queue', 'Q'],
  ...['hat', 'hatype', 'rxh', 'rxhash', 'cpu', 'vlant', 'vlan_tci', 'vlana', 'vlan_acc', 'vlanp'],
];
const ALU = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'];

function xreg(r: Rand): string {
  return pick(r, ['x', '%x', 'X']);
}

/** One non-jump instruction in bpfc syntax. */
function plainInsn(r: Rand): string {
  const k = () => number(r, value(r));
  const small = () => number(r, int(r, 15));
  const ext = () => `${r() < 0.5 ? '#' : ''}${cased(r, pick(r, EXTENSIONS))}`;
  const index = () => `[${r() < 0.2 ? '%' : ''}x${pick(r, [' + ', '+ ', ' +  '])}${number(r, int(r, 1500))}]`;
  const options: (() => string)[] = [
    () => `${cased(r, 'ld')} #${k()}`,
    () => `${cased(r, 'ld')} ${pick(r, ['#len', 'len', '#pktlen', 'pktlen'])}`,
    () => `${cased(r, pick(r, ['ld', 'ldh', 'ldb']))} ${ext()}`,
    () => `${cased(r, pick(r, ['ld', 'ldh', 'ldb']))} [${number(r, int(r, 1500))}]`,
    () => `${cased(r, pick(r, ['ld', 'ldh', 'ldb']))} ${index()}`,
    () => `${cased(r, 'ld')} ${pick(r, ['M', 'm'])}[${small()}]`,
    () => `${cased(r, 'ldi')} ${r() < 0.5 ? '#' : ''}${k()}`,
    () => `${cased(r, 'ldx')} #${k()}`,
    () => `${cased(r, 'ldx')} ${pick(r, ['#len', 'len', 'pktlen'])}`,
    () => `${cased(r, 'ldx')} M[${small()}]`,
    () => `${cased(r, 'ldxi')} ${r() < 0.5 ? '#' : ''}${k()}`,
    () =>
      `${cased(r, pick(r, ['ldxb', 'ldx']))} 4*([${number(r, int(r, 255))}]&${pick(r, ['0xf', '15', '0XF'])})`,
    () => `${cased(r, pick(r, ['st', 'stx']))} M[${small()}]`,
    () => `${cased(r, pick(r, ALU))} #${k()}`,
    () => `${cased(r, pick(r, ALU))} ${xreg(r)}`,
    () => cased(r, pick(r, ['neg', 'tax', 'txa'])),
    () => `${cased(r, 'ret')} #${k()}`,
    () => `${cased(r, 'ret')} ${pick(r, ['a', '%a', 'x', '%x', 'A'])}`,
  ];
  return pick(r, options)();
}

/** A jump from `pc` to labels of later pcs, in any of the label forms both tools take. */
function jumpInsn(r: Rand, pc: number, n: number, label: (pc: number) => string): string {
  const target = () => label(pc + 1 + int(r, Math.min(n - pc - 2, 200)));
  const operand = () => (r() < 0.5 ? `#${number(r, value(r))}` : xreg(r));
  const roll = int(r, 3);
  if (roll === 0) return `${cased(r, pick(r, ['ja', 'jmp']))} ${target()}`;
  if (roll === 1) return `${cased(r, pick(r, ['jneq', 'jne', 'jlt', 'jle']))} ${operand()}, ${target()}`;
  const cond = cased(r, pick(r, ['jeq', 'jgt', 'jge', 'jset']));
  return roll === 2 ? `${cond} ${operand()}, ${target()}` : `${cond} ${operand()},${target()}, ${target()}`;
}

function comment(r: Rand): string {
  return pick(r, ['', '', '', ' ; a comment', '  /* block */', ' ;']);
}

/** A random program of 2-40 instructions, labels named after their pcs in several styles. */
function randomProgram(r: Rand): string {
  const n = 2 + int(r, 38);
  const style = pick(r, ['L', 'lbl_', 'Target', '_t', 'next_hop_']);
  const label = (pc: number) => `${style}${pc}`;
  const wanted = new Set<number>();
  const body: string[] = [];
  for (let pc = 0; pc < n; pc++) {
    const jump = pc < n - 1 && r() < 0.3;
    body.push(jump ? jumpInsn(r, pc, n, label) : plainInsn(r));
  }
  for (const line of body)
    for (const m of line.matchAll(new RegExp(`${style}(\\d+)`, 'g'))) wanted.add(Number(m[1]));
  const lines: string[] = [];
  if (r() < 0.3) lines.push('# generated program', '/* multi-line', '   block comment */');
  body.forEach((text, pc) => {
    const name = wanted.has(pc) || r() < 0.05 ? label(pc) : undefined;
    if (name && r() < 0.3) lines.push(`${name}:`);
    const prefix = name && !lines.at(-1)?.startsWith(`${name}:`) ? `${name}:` : '';
    lines.push(`${prefix}${pick(r, ['\t', '  ', ' '])}${text}${comment(r)}`);
  });
  return `${lines.join('\n')}\n`;
}
