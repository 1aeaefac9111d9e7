// SPDX-License-Identifier: MIT
/**
 * Differential test of the checker against the loaders themselves: the running Linux kernel
 * (SO_ATTACH_FILTER on a UDP socket, and seccomp in a forked child) and libpcap's bpf_validate,
 * through scripts/harness/linux-attach.c. Thousands of seeded programs, valid and invalid in every
 * rule: `check` must report an error exactly when the loader refuses the program. Where the kernel
 * cannot be asked (no permission) the suite skips with a message, except in CI, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInsn } from '../../testkit/arbitrary-insn.ts';
import { buildHarness, IN_CI } from '../../testkit/reference-tools.ts';
import { type Diagnostic, hasErrors } from '../diag/diagnostic.ts';
import { encodeProgram } from '../isa/codec.ts';
import type { Insn, RawInsn } from '../isa/insn.ts';
import { check, checkRaw } from './check.ts';
import { CHK } from './codes.ts';
import type { CheckMode } from './context.ts';
import { lengthCases, seccompCorpus, socketCorpus } from './testdata/corpus.ts';
import { EDGE_CASES, parseRows } from './testdata/edge-cases.ts';
import { chargedBytes, DEFAULT_OPTMEM_MAX } from './translated-size.ts';

const HARNESS = buildHarness('linux-attach', ['pcap']);

/** The loader's answer per program: "ok" or "err <errno>" ("err 0": libpcap's refusal). */
function judge(mode: CheckMode, programs: readonly (readonly RawInsn[])[]): string[] | string {
  if (HARNESS === undefined)
    return 'the linux-attach harness could not be built (gcc or libpcap-dev missing)';
  const input = programs.map(
    (p) => `${p.length}\n${p.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}\n`).join('')}`,
  );
  const result = spawnSync(HARNESS, [mode], {
    input: input.join('\n'),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status === 77) return `the kernel refuses to load filters here: ${result.stderr.trim()}`;
  if (result.status !== 0)
    throw new Error(`linux-attach ${mode} failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim() === '' ? [] : result.stdout.trim().split('\n');
}

const availability = new Map<CheckMode, string | undefined>();

/** Why `mode` cannot be asked on this machine, or undefined when it can (probed once per mode). */
function unavailable(mode: CheckMode): string | undefined {
  if (!availability.has(mode)) {
    const probe = judge(mode, []);
    availability.set(mode, typeof probe === 'string' ? probe : undefined);
  }
  return availability.get(mode);
}

function verdicts(mode: CheckMode, programs: readonly (readonly RawInsn[])[]): string[] {
  const out = judge(mode, programs);
  if (typeof out === 'string') throw new Error(out);
  expect(out).toHaveLength(programs.length);
  return out;
}

const text = (p: readonly RawInsn[]) => p.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`).join(', ');
const errorCodes = (ds: Diagnostic[]) => [
  ...new Set(ds.filter((d) => d.severity === 'error').map((d) => d.code)),
];

interface Comparison {
  mismatches: string[];
  accepted: number;
  /** Per error code: refused programs where it was the only error code. */
  soleCause: Map<string, number>;
}

/** Compare our errors with the loader's verdicts, program by program. */
function compare(
  mode: CheckMode,
  programs: readonly (readonly RawInsn[])[],
  ours: (p: readonly RawInsn[], i: number) => Diagnostic[],
): Comparison {
  const theirs = verdicts(mode, programs);
  const result: Comparison = { mismatches: [], accepted: 0, soleCause: new Map() };
  programs.forEach((p, i) => {
    const diagnostics = ours(p, i);
    const refused = theirs[i] !== 'ok';
    if (!refused) result.accepted++;
    const codes = errorCodes(diagnostics);
    if (refused && codes.length === 1) {
      const code = codes[0] as string;
      result.soleCause.set(code, (result.soleCause.get(code) ?? 0) + 1);
    }
    if (refused === hasErrors(diagnostics)) return;
    const messages = diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`).join(' | ');
    result.mismatches.push(`${mode} [${text(p)}]: loader says ${theirs[i]}, we say ${messages || 'nothing'}`);
  });
  return result;
}

function expectCoverage(c: Comparison, codes: readonly string[], min: number): void {
  for (const code of codes) {
    expect(c.soleCause.get(code) ?? 0, `refused programs whose only error is ${code}`).toBeGreaterThanOrEqual(
      min,
    );
  }
}

const KERNEL_RULES = [
  CHK.opcode,
  CHK.divideByZero,
  CHK.shiftTooFar,
  CHK.scratchIndex,
  CHK.jaRange,
  CHK.jumpTarget,
  CHK.ancillary,
  CHK.finalRet,
  CHK.scratchInit,
];

/** Typed programs from the shared arbitraries, half of them closed with a `ret`. */
function typedPrograms(seed: number, count: number): Insn[][] {
  const arb = fc
    .tuple(fc.array(arbInsn({ maxJump: 12 }), { minLength: 1, maxLength: 24 }), fc.boolean())
    .map(([insns, close]): Insn[] => (close ? [...insns, { op: 'ret', src: 'k', k: 0 }] : insns));
  return fc.sample(arb, { seed, numRuns: count });
}

describe('named loader facts', () => {
  it.each(EDGE_CASES)('%s (%s: %s) is %s', (_name, mode, rows, expected) => {
    const why = unavailable(mode);
    if (why && !IN_CI) return;
    const program = parseRows(rows);
    expect(verdicts(mode, [program])[0] === 'ok' ? 'ok' : 'refused').toBe(expected);
    expect(hasErrors(checkRaw(program, { mode })) ? 'refused' : 'ok').toBe(expected);
  });
});

const socketWhy = unavailable('socket');
if (socketWhy && !IN_CI) console.warn(`skipping the SO_ATTACH_FILTER differential test: ${socketWhy}`);

describe.skipIf(socketWhy !== undefined && !IN_CI)('checker vs the kernel: SO_ATTACH_FILTER', () => {
  it('agrees on 2500 seeded raw programs, with every rule the only cause of some refusals', () => {
    if (socketWhy) throw new Error(socketWhy);
    const corpus = socketCorpus(0x5eed, 2500);
    const c = compare('socket', corpus, (p) => checkRaw(p));
    expect(c.mismatches.slice(0, 10)).toEqual([]);
    expect(c.accepted).toBeGreaterThan(corpus.length / 5);
    expect(c.accepted).toBeLessThan((corpus.length * 4) / 5);
    expectCoverage(c, KERNEL_RULES, 10);
  });

  it('agrees on 600 typed programs checked through `check` (encoded with `encode`)', () => {
    if (socketWhy) throw new Error(socketWhy);
    const typed = typedPrograms(7, 600);
    const raws = typed.map((insns) => encodeProgram(insns));
    const c = compare('socket', raws, (_p, i) => check(typed[i] as Insn[]));
    expect(c.mismatches.slice(0, 10)).toEqual([]);
  });

  it('agrees on the length limits: 0, 1, 4096 and 4097 instructions', () => {
    if (socketWhy) throw new Error(socketWhy);
    const c = compare('socket', lengthCases(), (p) => checkRaw(p));
    expect(c.mismatches).toEqual([]);
    expect(c.accepted).toBe(2);
  });

  it('warns about the translated size exactly where the kernel runs out of option memory', () => {
    if (socketWhy) throw new Error(socketWhy);
    const optmem = Number(readFileSync('/proc/sys/net/core/optmem_max', 'utf8'));
    if (optmem !== DEFAULT_OPTMEM_MAX) {
      console.warn(`skipping the translated-size comparison: net.core.optmem_max is ${optmem}`);
      return;
    }
    // Loads of every kind, sized to land clearly below or clearly above the estimated limit.
    const loads: RawInsn[] = [
      { code: 0x20, jt: 0, jf: 0, k: 1 },
      { code: 0x30, jt: 0, jf: 0, k: 0 },
      { code: 0x48, jt: 0, jf: 0, k: 4 },
      { code: 0xb1, jt: 0, jf: 0, k: 0x9000 },
      { code: 0x28, jt: 0, jf: 0, k: 0xfff00000 },
      { code: 0x30, jt: 0, jf: 0, k: 0xfffff004 },
    ];
    const programs: RawInsn[][] = [];
    for (const load of loads) {
      for (const factor of [0.97, 1.03]) {
        const perLoad = chargedBytes([load, load]) - chargedBytes([load]);
        const count = Math.floor((factor * DEFAULT_OPTMEM_MAX) / perLoad);
        if (count >= 4096) continue;
        programs.push([...Array.from({ length: count }, () => load), { code: 0x06, jt: 0, jf: 0, k: 0 }]);
      }
    }
    const theirs = verdicts('socket', programs);
    programs.forEach((p, i) => {
      const warned = checkRaw(p).some((d) => d.code === CHK.translatedSize);
      expect(theirs[i] === 'err 12', `${p.length - 1} x code ${p[0]?.code} k ${p[0]?.k}`).toBe(warned);
    });
  });
});

const seccompWhy = unavailable('seccomp');
if (seccompWhy && !IN_CI) console.warn(`skipping the seccomp differential test: ${seccompWhy}`);

describe.skipIf(seccompWhy !== undefined && !IN_CI)('checker vs the kernel: seccomp filters', () => {
  it('agrees on 1200 seeded programs over struct seccomp_data', () => {
    if (seccompWhy) throw new Error(seccompWhy);
    const corpus = seccompCorpus(0x5ecc, 1200);
    const c = compare('seccomp', corpus, (p) => checkRaw(p, { mode: 'seccomp' }));
    expect(c.mismatches.slice(0, 10)).toEqual([]);
    expect(c.accepted).toBeGreaterThan(corpus.length / 5);
    expectCoverage(c, [CHK.seccompInsn, CHK.seccompOffset, CHK.scratchInit, CHK.jumpTarget], 10);
  });

  it('agrees with the socket corpus judged as seccomp filters', () => {
    if (seccompWhy) throw new Error(seccompWhy);
    const corpus = socketCorpus(0xface, 400);
    const c = compare('seccomp', corpus, (p) => checkRaw(p, { mode: 'seccomp' }));
    expect(c.mismatches.slice(0, 10)).toEqual([]);
  });
});

const libpcapWhy = unavailable('libpcap');

describe.skipIf(libpcapWhy !== undefined && !IN_CI)("checker vs libpcap's bpf_validate", () => {
  it('agrees on 2500 seeded raw programs; what only the kernel refuses is a warning', () => {
    if (libpcapWhy) throw new Error(libpcapWhy);
    const corpus = [...socketCorpus(0x1bca9, 2500), ...lengthCases()];
    const c = compare('libpcap', corpus, (p) => checkRaw(p, { mode: 'libpcap' }));
    expect(c.mismatches.slice(0, 10)).toEqual([]);
    expectCoverage(
      c,
      [CHK.opcode, CHK.divideByZero, CHK.scratchIndex, CHK.jaRange, CHK.jumpTarget, CHK.finalRet],
      5,
    );
    for (const p of corpus) {
      const libpcap = checkRaw(p, { mode: 'libpcap' });
      if (hasErrors(libpcap) || !hasErrors(checkRaw(p))) continue;
      expect(libpcap.filter((d) => d.severity === 'warning').length, text(p)).toBeGreaterThan(0);
    }
  });
});
