// SPDX-License-Identifier: MIT
/** One listing row: pc, label, bpf_asm text, and what the step produced once it ran. */
import type { TraceStep } from '../../../engine/index.ts';
import type { ListingRow } from '../../../worker/protocol.ts';
import { ROW_H } from './geometry.ts';
import { type PathState, rowState, stepNote } from './path-state.ts';

interface RowProps {
  row: ListingRow;
  path: PathState;
  step: TraceStep | undefined;
  gutter: number;
  labelWidth: number;
  active: boolean;
  breakpoint: boolean;
  described: boolean;
  setsize: number;
  onHover: (pc: number | undefined) => void;
  onPick: (pc: number) => void;
}

/** A row of the listbox, absolutely placed at its pc. */
export function Row({
  row,
  path,
  step,
  gutter,
  labelWidth,
  active,
  breakpoint,
  described,
  setsize,
  onHover,
  onPick,
}: RowProps) {
  const state = rowState(path, row.pc);
  const revealed = step && state === 'done';
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox owns the keyboard (arrows, Enter)
    // biome-ignore lint/a11y/useFocusableInteractive: options of an aria-activedescendant listbox take no focus
    <div
      id={`bp-row-${row.pc}`}
      role="option"
      aria-selected={state === 'current'}
      aria-posinset={row.pc + 1}
      aria-setsize={setsize}
      aria-describedby={described ? 'bp-tip' : undefined}
      className={`bp-row row-${state}${active ? ' active' : ''}`}
      style={{ top: row.pc * ROW_H, height: ROW_H, paddingLeft: gutter }}
      data-pc={row.pc}
      data-state={state}
      onMouseEnter={() => onHover(row.pc)}
      onClick={() => onPick(row.pc)}
    >
      <span
        className={`bp-pc${breakpoint ? ' has-breakpoint' : ''}`}
        title={breakpoint ? 'breakpoint' : undefined}
      >
        {row.pc}
      </span>
      <span className="bp-label" style={{ width: `${labelWidth}ch` }}>
        {row.label ? `${row.label}:` : ''}
      </span>
      <span className="bp-asm">{row.asm}</span>
      <span className="bp-note">{revealed ? stepNote(step) : ''}</span>
    </div>
  );
}
