// SPDX-License-Identifier: MIT
/**
 * The compiled expression as tcpdump -d prints it, each instruction with the primitive it
 * implements. A listbox: arrow keys (or the pointer) pick an instruction, which lights its
 * primitive in the expression; the primitive in focus lights all of its instructions.
 */
import { type KeyboardEvent, useEffect, useId } from 'react';
import type { ExpressionRow } from '../../../worker/protocol.ts';

interface ExpressionListingProps {
  rows: readonly ExpressionRow[];
  /** Instructions of the primitive in focus. */
  lit: ReadonlySet<number>;
  /** The instruction picked with the keyboard. */
  active: number | undefined;
  onActive: (pc: number | undefined) => void;
  onHover: (pc: number | undefined) => void;
}

const KEY_MOVES: Record<string, (pc: number, last: number) => number> = {
  ArrowDown: (pc, last) => Math.min(last, pc + 1),
  ArrowUp: (pc) => Math.max(0, pc - 1),
  Home: () => 0,
  End: (_pc, last) => last,
  PageDown: (pc, last) => Math.min(last, pc + 8),
  PageUp: (pc) => Math.max(0, pc - 8),
};

/** A tcpdump -d line without its column padding (`(001) jeq #0x800 jt 2 jf 8`): room for the primitive. */
function compact(d: string): string {
  return d.replace(/\s+/g, ' ').trim();
}

/** The listing under the expression bar. */
export function ExpressionListing({ rows, lit, active, onActive, onHover }: ExpressionListingProps) {
  const id = useId();
  const rowId = (pc: number) => `${id}-pc-${pc}`;

  useEffect(() => {
    if (active === undefined) return;
    document.getElementById(rowId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = KEY_MOVES[event.key];
    if (event.key === 'Escape') onActive(undefined);
    if (!move || rows.length === 0) return;
    event.preventDefault();
    onActive(move(active ?? -1, rows.length - 1));
  };

  return (
    <div
      className="xb-listing"
      role="listbox"
      tabIndex={0}
      aria-label="Compiled program"
      {...(active !== undefined ? { 'aria-activedescendant': rowId(active) } : {})}
      onKeyDown={onKeyDown}
      onBlur={() => onActive(undefined)}
      onMouseLeave={() => onHover(undefined)}
    >
      {rows.map((row) => (
        <div
          key={row.pc}
          id={rowId(row.pc)}
          role="option"
          tabIndex={-1}
          aria-selected={active === row.pc}
          className={`xb-row${lit.has(row.pc) ? ' lit' : ''}${active === row.pc ? ' active' : ''}`}
          data-pc={row.pc}
          onMouseEnter={() => onHover(row.pc)}
        >
          <span className="xb-insn">{compact(row.d)}</span>
          {row.primitive && (
            <span className="xb-primitive" title={row.primitive}>
              {` ; ${row.primitive}`}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
