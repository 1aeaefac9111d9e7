// SPDX-License-Identifier: MIT
/**
 * Which packet bytes the debugger lights at a cursor: those the step just executed read (strong),
 * those the next step is about to read (outlined), and for a test of A (a jump, an `and #k`) the
 * bytes A was loaded from, with the bits the test looks at.
 */
import type { TraceStep } from '../../../engine/index.ts';

/** A span of packet bytes, optionally narrowed to some bits (big-endian over `length` bytes). */
export interface ByteSpan {
  offset: number;
  length: number;
  bitMask?: number;
}

/** Bytes lit for one step. */
export interface LitRead extends ByteSpan {
  /** The step's instruction address. */
  pc: number;
  /**
   * `load`: the step read these bytes itself. `origin`: the step tested A, and A holds the value
   * the earlier load at `originPc` read from these bytes.
   */
  via: 'load' | 'origin';
  originPc?: number;
  /** The read reaches past the captured bytes (the program ends with 0 there). */
  outOfBounds: boolean;
}

/** What the hex view lights at a cursor. */
export interface ReadFocus {
  /** The step just executed (`steps[cursor - 1]`). */
  current?: LitRead;
  /** The step about to execute (`steps[cursor]`), when it is a packet load. */
  next?: LitRead;
}

/** All bits of an `n`-byte span. */
function fullMask(length: number): number {
  return length >= 4 ? 0xffffffff : 2 ** (8 * length) - 1;
}

/** The span's own read of packet bytes, if the step made one. */
function ownRead(step: TraceStep, captured: number): LitRead | undefined {
  const read = step.read;
  if (read?.kind !== 'packet') return undefined;
  const lit: LitRead = {
    pc: step.pc,
    offset: read.offset,
    length: read.length,
    via: 'load',
    outOfBounds: read.offset + read.length > captured,
  };
  if (read.bitMask !== undefined) lit.bitMask = read.bitMask;
  return lit;
}

/** Does this step put a new value into A (so A's earlier origin is lost)? */
function writesA(step: TraceStep): boolean {
  const op = step.insn.op;
  return op === 'ld' || op === 'alu' || op === 'neg' || op === 'txa';
}

/** The bits of A a step tests, when it tests A against something (undefined: it does not). */
function testedBits(step: TraceStep): number | undefined {
  const insn = step.insn;
  if (insn.op === 'jmp') return insn.cond === 'jset' && insn.src === 'k' ? insn.k >>> 0 : 0xffffffff;
  if (insn.op === 'alu' && insn.alu === 'and' && insn.src === 'k') return insn.k >>> 0;
  return undefined;
}

/**
 * For a step that tests A (`jset #0x1fff`, `jeq #0x800`, `and #0xf`): the packet bytes A came
 * from, found by walking back to the load that set A through `and #k` masks only (a shift or an
 * add moves bits, so after one the bytes no longer line up with A and nothing is shown).
 */
export function originOfA(steps: readonly TraceStep[], at: number): LitRead | undefined {
  const step = steps[at];
  if (!step) return undefined;
  let mask = testedBits(step);
  if (mask === undefined) return undefined;
  for (let j = at - 1; j >= 0; j--) {
    const earlier = steps[j] as TraceStep;
    if (!writesA(earlier)) continue;
    const insn = earlier.insn;
    if (insn.op === 'alu' && insn.alu === 'and' && insn.src === 'k') {
      mask = (mask & insn.k) >>> 0;
      continue;
    }
    const read = earlier.read;
    if (insn.op !== 'ld' || read?.kind !== 'packet') return undefined;
    const span = fullMask(read.length);
    const bits = (mask & span) >>> 0;
    const lit: LitRead = {
      pc: step.pc,
      offset: read.offset,
      length: read.length,
      via: 'origin',
      originPc: earlier.pc,
      outOfBounds: false,
    };
    if (bits !== span) lit.bitMask = bits;
    return lit;
  }
  return undefined;
}

/** The lit bytes after `cursor` executed steps of a trace over `captured` bytes. */
export function readFocus(steps: readonly TraceStep[], cursor: number, captured: number): ReadFocus {
  const focus: ReadFocus = {};
  const last = cursor > 0 ? steps[cursor - 1] : undefined;
  if (last) {
    const current = ownRead(last, captured) ?? originOfA(steps, cursor - 1);
    if (current) focus.current = current;
  }
  const upcoming = steps[cursor];
  if (upcoming) {
    const next = ownRead(upcoming, captured);
    if (next) focus.next = next;
  }
  return focus;
}

/** The 8-bit mask a span uses of byte `at` (0 when the byte is outside the span). */
export function maskAt(span: ByteSpan, at: number): number {
  const i = at - span.offset;
  if (i < 0 || i >= span.length) return 0;
  if (span.bitMask === undefined) return 0xff;
  const shift = 8 * (span.length - 1 - i);
  return Math.floor(span.bitMask / 2 ** shift) % 256;
}

/** True when the spans share a bit of some byte. */
export function spansOverlap(a: ByteSpan, b: ByteSpan): boolean {
  const from = Math.max(a.offset, b.offset);
  const to = Math.min(a.offset + a.length, b.offset + b.length);
  for (let at = from; at < to; at++) if ((maskAt(a, at) & maskAt(b, at)) !== 0) return true;
  return false;
}

/** The bits of a byte as `0100 0101`, for a bit strip or tooltip. */
export function bitString(value: number): string {
  const bits = value.toString(2).padStart(8, '0');
  return `${bits.slice(0, 4)} ${bits.slice(4)}`;
}

/** The byte's bits with the unused ones as dots, the way dissectors print bit fields: `.... 0101`. */
export function maskedBitString(value: number, mask: number): string {
  let out = '';
  for (let bit = 7; bit >= 0; bit--) {
    if (bit === 3) out += ' ';
    out += (mask >> bit) & 1 ? String((value >> bit) & 1) : '.';
  }
  return out;
}
