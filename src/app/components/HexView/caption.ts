// SPDX-License-Identifier: MIT
/** Plain-words captions of what a step read, and the hex dump's small formatting rules. */
import { hex } from '../../format.ts';
import type { ByteSpan, LitRead } from './read-focus.ts';

const count = (n: number) => n.toLocaleString('en');

/** `byte 23` or `bytes 12–13`. */
export function spanText(span: ByteSpan): string {
  return span.length === 1
    ? `byte ${count(span.offset)}`
    : `bytes ${count(span.offset)}–${count(span.offset + span.length - 1)}`;
}

/** The big-endian value of a span of at most 4 bytes inside `bytes`. */
export function spanValue(bytes: Uint8Array, span: ByteSpan): number | undefined {
  if (span.length < 1 || span.length > 4 || span.offset < 0 || span.offset + span.length > bytes.length) {
    return undefined;
  }
  let value = 0;
  for (let i = 0; i < span.length; i++) value = value * 256 + (bytes[span.offset + i] as number);
  return value;
}

/** What the caption needs besides the read: the instruction text and the fields it touched. */
export interface CaptionContext {
  bytes: Uint8Array;
  /** bpf_asm text of the instruction at a pc. */
  asm: (pc: number) => string | undefined;
  /** Labels of the innermost fields the span touches. */
  fields: readonly string[];
}

function fieldsText(fields: readonly string[]): string {
  if (fields.length === 0) return '';
  const shown = fields.slice(0, 2).join('; ');
  return ` — ${shown}${fields.length > 2 ? `; and ${fields.length - 2} more` : ''}`;
}

/** A caption for the bytes lit by the step just executed. */
export function currentCaption(lit: LitRead, ctx: CaptionContext): string {
  const insn = ctx.asm(lit.pc) ?? `pc ${lit.pc}`;
  const bits = lit.bitMask !== undefined ? ` (bits ${hex(lit.bitMask)})` : '';
  if (lit.via === 'origin') {
    const loader = lit.originPc !== undefined ? (ctx.asm(lit.originPc) ?? 'a load') : 'a load';
    return `${insn} tested A, which ${loader} loaded from ${spanText(lit)}${bits}${fieldsText(ctx.fields)}`;
  }
  if (lit.outOfBounds) {
    return `${insn} tried to read ${spanText(lit)}, past the ${count(ctx.bytes.length)} captured bytes: the program ends, returning 0`;
  }
  const value = spanValue(ctx.bytes, lit);
  const read = value === undefined ? '' : ` = ${hex(value, 2 * lit.length)}`;
  return `${insn} read ${spanText(lit)}${read}${bits}${fieldsText(ctx.fields)}`;
}

/** A caption for the bytes the next step is about to read. */
export function nextCaption(lit: LitRead, ctx: CaptionContext): string {
  const insn = ctx.asm(lit.pc) ?? `pc ${lit.pc}`;
  const past = lit.outOfBounds ? `, past the ${count(ctx.bytes.length)} captured bytes` : '';
  return `Next, ${insn} reads ${spanText(lit)}${past}${fieldsText(ctx.fields)}`;
}

/** The offset column: 4 hex digits, more for offsets past 0xffff. */
export function offsetLabel(offset: number, total: number): string {
  const width = total > 0x10000 ? 6 : 4;
  return offset.toString(16).padStart(width, '0');
}

/** The ASCII column's character for a byte: printable ASCII as is, anything else as a dot. */
export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}
