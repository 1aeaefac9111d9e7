// SPDX-License-Identifier: MIT
/** Walking pcapng options (`code(2) length(2) value`, padded to 4) inside a block already in the window of the file in memory. */
import { CAP } from './capture-diagnostics.ts';
import type { ParseContext } from './parse-context.ts';
import { OPT_ENDOFOPT, pad4 } from './pcapng-format.ts';
import { decodeUtf8 } from './utf8.ts';

/** Called for each option with its code and where its value lies. */
export type OptionVisitor = (code: number, at: number, length: number) => void;

/**
 * Visit the options in `[start, end)`. An option that runs past the block stops the walk with a
 * warning; the block itself is kept.
 */
export function forEachOption(
  ctx: ParseContext,
  start: number,
  end: number,
  blockOffset: number,
  visit: OptionVisitor,
): void {
  let at = start;
  while (at + 4 <= end) {
    const code = ctx.u16(at);
    const length = ctx.u16(at + 2);
    if (code === OPT_ENDOFOPT) return;
    if (at + 4 + length > end) {
      const what = `option ${code} at byte ${at} runs past the end of the block at byte ${blockOffset}; the block's remaining options are ignored`;
      ctx.sink.warnOnce(CAP.badOption, at, what);
      return;
    }
    visit(code, at + 4, length);
    at += 4 + pad4(length);
  }
}

/** An option's value as text (UTF-8, trailing NULs dropped as some writers add them). */
export function optionString(ctx: ParseContext, at: number, length: number): string {
  let n = length;
  while (n > 0 && ctx.u8(at + n - 1) === 0) n--;
  return decodeUtf8(ctx.bytes(at, n));
}

/** Append `text` to an optional newline-joined list (a block may carry several comments). */
export function appendLine(existing: string | undefined, text: string): string {
  return existing === undefined ? text : `${existing}\n${text}`;
}
