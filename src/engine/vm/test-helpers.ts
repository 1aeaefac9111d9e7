// SPDX-License-Identifier: MIT
/**
 * Helpers for the interpreter's tests only (no production code imports this): assemble a program
 * from text, build packets from hex, and run a program through both the traced and the untraced
 * path, insisting that they agree before handing back the traced result.
 */
import { assemble } from '../asm/assemble.ts';
import type { Insn } from '../isa/insn.ts';
import { run } from './run.ts';
import type { PacketContext, PacketMeta, RunResult, Semantics } from './types.ts';

/** Both semantics, for `it.each` over them. */
export const SEMANTICS: readonly Semantics[] = ['linux', 'libpcap'];

/** Assemble bpf_asm text; throws with the diagnostics if it does not assemble (a broken test). */
export function asm(text: string): Insn[] {
  const result = assemble(text);
  if (!result.program) {
    throw new Error(
      `test program does not assemble:\n${result.diagnostics.map((d) => d.message).join('\n')}`,
    );
  }
  return result.program.insns;
}

/** Bytes from hex text; whitespace, `:` and `.` are ignored. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/[\s:.]/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) throw new Error(`bad hex: ${text}`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A packet of `bytes` (hex text or bytes); wire length defaults to the captured length. */
export function packet(
  bytes: string | Uint8Array,
  options: { wireLength?: number; meta?: Partial<PacketMeta> } = {},
): PacketContext {
  const b = typeof bytes === 'string' ? hex(bytes) : bytes;
  const p: PacketContext = { bytes: b, wireLength: options.wireLength ?? b.length };
  if (options.meta) p.meta = options.meta;
  return p;
}

/** `n` bytes counting 0, 1, 2, … (mod 256): every offset reads a value that names it. */
export function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 0xff);
}

/**
 * Run traced and untraced; throw unless both give the same verdict and end, and unless the traced
 * run's last step carries that verdict and end. Returns the traced result.
 */
export function exec(
  insns: readonly Insn[],
  pkt: PacketContext,
  semantics: Semantics,
  options: { maxSteps?: number } = {},
): RunResult {
  const traced = run(insns, pkt, semantics, options);
  const quick = run(insns, pkt, semantics, { ...options, trace: false });
  if (traced.verdict !== quick.verdict || traced.end !== quick.end) {
    throw new Error(
      `traced ${traced.end}/${traced.verdict} != untraced ${quick.end}/${quick.verdict} (${semantics})`,
    );
  }
  const last = traced.steps.at(-1);
  if (last && (last.verdict !== traced.verdict || last.end !== traced.end)) {
    throw new Error(`last step says ${last.end}/${last.verdict}, run says ${traced.end}/${traced.verdict}`);
  }
  return traced;
}

/** The verdict of `text` on `pkt` (both paths checked to agree). */
export function verdictOf(text: string | readonly Insn[], pkt: PacketContext, semantics: Semantics): number {
  return exec(typeof text === 'string' ? asm(text) : text, pkt, semantics).verdict;
}
