// SPDX-License-Identifier: MIT
/**
 * Label passes: `layoutStatements` gives each instruction its pc and defines the labels (duplicate
 * and dangling labels, listing-number checks); `resolveJumps` turns jump targets into offsets and
 * rejects what the encoding cannot hold instead of wrapping it as bpfc does (reference §4.6).
 */
import type { Diagnostic, SourceRange } from '../diag/diagnostic.ts';
import { error } from '../diag/diagnostic.ts';
import type { Insn } from '../isa/insn.ts';
import { ASM } from './codes.ts';
import type { JumpRef } from './forms.ts';
import { didYouMean } from './suggest.ts';
import type { Statement } from './syntax.ts';

/** An instruction's place: its statement, and the labels that name its pc. */
export interface InsnSlot {
  statement: Statement;
  labels: string[];
}

/** Instructions in pc order and every label's pc. */
export interface Layout {
  slots: InsnSlot[];
  labels: Map<string, { pc: number; range: SourceRange }>;
  /** Labels after the last instruction (already reported); jumps to them are not reported again. */
  dangling: Set<string>;
}

/** Give pcs to statements with a mnemonic and define labels; report label and listing problems. */
export function layoutStatements(statements: readonly Statement[], out: Diagnostic[]): Layout {
  const layout: Layout = { slots: [], labels: new Map(), dangling: new Set() };
  let pending: Statement['labels'] = [];
  for (const statement of statements) {
    if (statement.labels.length > 0)
      pending = pending.length === 0 ? statement.labels : [...pending, ...statement.labels];
    if (!statement.mnemonic) continue;
    const pc = layout.slots.length;
    for (const label of pending) define(layout, label.name, label.range, pc, out);
    layout.slots.push({ statement, labels: pending.map((label) => label.name) });
    pending = [];
    checkListingNumber(statement, pc, out);
  }
  for (const label of pending) {
    layout.dangling.add(label.name);
    out.push(
      error(ASM.danglingLabel, `expected an instruction after label '${label.name}' but found end of input`, {
        range: label.range,
        hint: `a label names the next instruction; add one after it, e.g. '${label.name}: ret #0'`,
      }),
    );
  }
  return layout;
}

function define(layout: Layout, name: string, range: SourceRange, pc: number, out: Diagnostic[]): void {
  const first = layout.labels.get(name);
  if (first) {
    out.push(
      error(ASM.duplicateLabel, `expected a new label name but found '${name}', already defined`, {
        range,
        notes: [{ message: `'${name}' first defined here (pc ${first.pc})`, range: first.range }],
        hint: 'rename one of the two labels',
      }),
    );
    return;
  }
  layout.labels.set(name, { pc, range });
}

/** tcpdump -d numbers its lines `(000)`...; a gap means absolute jump targets would be misread. */
function checkListingNumber(statement: Statement, pc: number, out: Diagnostic[]): void {
  const listing = statement.listing;
  if (!listing || listing.value === undefined || listing.value === pc) return;
  const pad = (value: number) => String(value).padStart(3, '0');
  out.push(
    error(ASM.listingNumber, `expected instruction number (${pad(pc)}) but found (${pad(listing.value)})`, {
      range: listing.range,
      pc,
      hint: 'listing numbers count instructions from (000); a missing or extra line shifts every absolute jump target',
    }),
  );
}

/** Fill the jump fields of `insn` (a `ja` or conditional jump) from its targets. */
export function resolveJumps(
  insn: Insn,
  jumps: readonly JumpRef[],
  pc: number,
  layout: Layout,
  out: Diagnostic[],
): boolean {
  let ok = true;
  for (const jump of jumps) {
    const target = targetPc(jump, pc, layout, out);
    if (target === undefined) {
      ok = false;
      continue;
    }
    const offset = checkRange(jump, pc, target, layout.slots.length, out);
    if (offset === undefined) ok = false;
    else if (insn.op === 'ja') insn.k = offset >>> 0;
    else if (insn.op === 'jmp') insn[jump.field as 'jt' | 'jf'] = offset;
  }
  return ok;
}

function targetPc(jump: JumpRef, pc: number, layout: Layout, out: Diagnostic[]): number | undefined {
  const { target } = jump;
  if (target.kind === 'pc') return target.pc;
  if (target.kind === 'skip') return pc + 1 + target.count;
  const label = layout.labels.get(target.name);
  if (label) return label.pc;
  if (!layout.dangling.has(target.name)) {
    const hint =
      didYouMean(target.name, layout.labels.keys()) ??
      `define it: '${target.name}:' before the instruction to jump to`;
    out.push(
      error(ASM.undefinedLabel, `expected a defined label but found '${target.name}'`, {
        range: target.range,
        hint,
      }),
    );
  }
  return undefined;
}

/**
 * The offset for a jump from `pc` to `target` (offset = target - pc - 1), or undefined after a
 * diagnostic naming both pcs. `ja` may go backward: libpcap runs that (ip6 protochain emits it),
 * and the checker, not the assembler, decides whether the chosen machine accepts it.
 */
function checkRange(
  jump: JumpRef,
  pc: number,
  target: number,
  length: number,
  out: Diagnostic[],
): number | undefined {
  const offset = target - pc - 1;
  const range = jump.target.range;
  const where = `pc ${pc} to pc ${target}`;
  if (target >= length) {
    const last = length - 1;
    out.push(
      error(ASM.jumpPastEnd, `expected a target within the program (pc 0..${last}) but found ${where}`, {
        range,
        pc,
        hint: "numeric targets are absolute pcs as in 'tcpdump -d'; write '+N' to skip N instructions",
      }),
    );
    return undefined;
  }
  if (jump.field === 'k') return offset;
  if (offset < 0) {
    out.push(
      error(ASM.jumpBackward, `expected a forward jump but found ${where} (offset ${offset})`, {
        range,
        pc,
        hint: 'jt and jf are unsigned offsets: conditional jumps only go forward',
      }),
    );
    return undefined;
  }
  if (offset > 255) {
    out.push(
      error(ASM.jumpTooFar, `expected a jump of at most 255 instructions but found ${offset} (${where})`, {
        range,
        pc,
        hint: "jt and jf hold 8 bits; jump to a 'ja' placed within reach, which can go any distance forward",
      }),
    );
    return undefined;
  }
  return offset;
}
