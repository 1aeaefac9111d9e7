// SPDX-License-Identifier: MIT
/**
 * Pass 6, emit: blocks into instructions, laid out as libpcap lays them out (icode_to_fcode): a
 * depth-first walk that finishes a block's false successor, then its true one, then places the
 * block in front of both. A jump too far for the 8-bit jt/jf gets a `ja` trampoline right after
 * it. Every instruction carries the source range of the primitive it implements (a return, the
 * whole expression's).
 */
import type { SourceRange } from '../diag/diagnostic.ts';
import type { Insn } from '../isa/insn.ts';
import type { Program } from '../program.ts';
import type { IrBlock, IrOrigin } from './filter-ir.ts';
import { rangeOf } from './source-text.ts';

/** Blocks in emission order: each block before everything placed after it by the walk. */
export function layoutBlocks(root: IrBlock): IrBlock[] {
  const seen = new Set<IrBlock>();
  const finished: IrBlock[] = [];
  const stack: { b: IrBlock; state: 0 | 1 | 2 }[] = [{ b: root, state: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.state === 0) {
      if (seen.has(top.b)) {
        stack.pop();
        continue;
      }
      seen.add(top.b);
      top.state = 1;
      if (top.b.jf) stack.push({ b: top.b.jf, state: 0 });
    } else if (top.state === 1) {
      top.state = 2;
      if (top.b.jt) stack.push({ b: top.b.jt, state: 0 });
    } else {
      finished.push(top.b);
      stack.pop();
    }
  }
  return finished.reverse();
}

interface Slot {
  insn: Insn;
  origin?: IrOrigin | undefined;
  comment?: string;
}

const ZERO: Insn = { op: 'ld', mode: 'imm', k: 0 };

/** One layout attempt; returns undefined when a block needed a trampoline it did not have yet. */
function tryEmit(
  order: readonly IrBlock[],
  long: Map<IrBlock, { jt: boolean; jf: boolean }>,
  whole: IrOrigin | undefined,
): Slot[] | undefined {
  const pos = new Map<IrBlock, number>();
  let at = 0;
  for (const b of order) {
    pos.set(b, at);
    const l = long.get(b);
    at += b.stmts.length + 1 + (l?.jt ? 1 : 0) + (l?.jf ? 1 : 0);
  }
  const out: Slot[] = [];
  for (const b of order) {
    b.stmts.forEach((s, i) => {
      let insn = s.insn;
      if (insn.op === 'jmp' && s.jt !== undefined && s.jf !== undefined)
        insn = { ...insn, jt: s.jt - i - 1, jf: s.jf - i - 1 };
      else if (insn.op === 'ja' && s.jt !== undefined) insn = { op: 'ja', k: (s.jt - i - 1) >>> 0 };
      out.push({ insn, origin: s.origin ?? b.origin });
    });
    if (b.ret) {
      const insn: Insn = b.ret.src === 'k' ? { op: 'ret', src: 'k', k: b.ret.k } : { op: 'ret', src: 'a' };
      // A return implements the expression as a whole.
      out.push({
        insn,
        origin: whole,
        comment:
          b.ret.src === 'k' && b.ret.k === 0 ? 'reject: keep no bytes' : 'accept: keep this many bytes',
      });
      continue;
    }
    const l = long.get(b) ?? { jt: false, jf: false };
    const base = pos.get(b)! + b.stmts.length;
    const extras: Slot[] = [];
    const offset = (target: IrBlock | undefined, side: 'jt' | 'jf'): number | undefined => {
      const off = pos.get(target!)! - base - 1;
      if (off < 256) return off;
      if (!l[side]) {
        long.set(b, { ...l, [side]: true });
        return undefined;
      }
      const k = off - (extras.length + 1);
      extras.push({
        insn: { op: 'ja', k },
        comment: 'trampoline: the target is more than 255 instructions away',
      });
      return extras.length - 1;
    };
    const jt = offset(b.jt, 'jt');
    if (jt === undefined) return undefined;
    const jf = offset(b.jf, 'jf');
    if (jf === undefined) return undefined;
    // libpcap keeps a slot once reserved; an unused one stays zero-filled (`ld #0`, never reached).
    while (extras.length < (l.jt ? 1 : 0) + (l.jf ? 1 : 0)) extras.push({ insn: ZERO });
    const t = b.test!;
    out.push({
      insn: { op: 'jmp', cond: t.cond, src: t.src, k: t.src === 'k' ? t.k >>> 0 : 0, jt, jf },
      origin: b.origin,
    });
    out.push(...extras.map((e) => ({ ...e, origin: b.origin })));
  }
  return out;
}

/** Emit the graph under `root` as a program, with per-pc source ranges and comments. */
export function emitFilter(text: string, root: IrBlock): Program {
  const order = layoutBlocks(root);
  const long = new Map<IrBlock, { jt: boolean; jf: boolean }>();
  let slots: Slot[] | undefined;
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const whole = end > start ? { span: { start, end }, note: 'the whole expression' } : undefined;
  for (let tries = 0; tries <= 2 * order.length + 1 && !slots; tries++) slots = tryEmit(order, long, whole);
  if (!slots) throw new Error('emit: jump layout did not settle');
  const sourceMap: (SourceRange | undefined)[] = [];
  const comments: Record<number, string> = {};
  slots.forEach((s, pc) => {
    sourceMap.push(s.origin ? rangeOf(text, s.origin.span.start, s.origin.span.end) : undefined);
    const c = s.comment ?? (s.insn.op === 'jmp' ? s.origin?.note : undefined);
    if (c) comments[pc] = c;
  });
  return { insns: slots.map((s) => s.insn), sourceMap, comments };
}
