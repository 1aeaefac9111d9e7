// SPDX-License-Identifier: MIT
// biome-ignore-all lint/a11y/useSemanticElements: only the rows in view are rendered, inside a spacer a <table> cannot hold
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at the caret byte (aria-activedescendant)
/**
 * The dump itself: offset | 16 hex bytes | ASCII, one fixed-height row per 16 bytes. Only the
 * rows in view are rendered (a jumbo or 64 KB packet would otherwise be thousands of nodes per
 * step). Pointer and keyboard both point at bytes; the parent maps a byte to its field.
 */
import { type KeyboardEvent, type MouseEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { hex } from '../../format.ts';
import { markClasses } from './byte-marks.ts';
import { asciiChar, offsetLabel } from './caption.ts';
import { fitLayout, type HexLayout } from './hex-layout.ts';

/** Height of one dump row in px (kept in step with hex-view.css). */
const ROW_HEIGHT = 20;

interface HexGridProps {
  bytes: Uint8Array;
  marks: Uint8Array;
  /** The first lit byte: scrolled into view when the step changes. */
  revealRead: number | undefined;
  /** The selected field's first byte: scrolled into view when `revealTick` changes. */
  revealSelected: number | undefined;
  revealTick: number;
  /** Extra tooltip text per byte (the bits a mask looks at). */
  note: (at: number) => string | undefined;
  onHover(at: number | undefined): void;
  onPick(at: number): void;
}

function byteAt(event: MouseEvent): number | undefined {
  const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-offset]');
  return cell ? Number(cell.dataset.offset) : undefined;
}

const MOVES: Record<string, (at: number, last: number, perRow: number) => number> = {
  ArrowLeft: (at) => at - 1,
  ArrowRight: (at) => at + 1,
  ArrowUp: (at, _, perRow) => at - perRow,
  ArrowDown: (at, _, perRow) => at + perRow,
  Home: () => 0,
  End: (_, last) => last,
};

/** Scroll the row holding byte `at` into view, if it is not. */
function reveal(el: HTMLElement | null, at: number | undefined, length: number, perRow: number): void {
  if (!el || at === undefined || at < 0 || at >= length) return;
  const top = Math.floor(at / perRow) * ROW_HEIGHT;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
    el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
}

/** The scroller's size and position, and the width of one character of its font. */
function useHexViewport() {
  const scroller = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const [view, setView] = useState({ top: 0, height: 400, width: 800, ch: 7.5 });
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () =>
      setView({
        top: el.scrollTop,
        height: el.clientHeight,
        width: el.clientWidth,
        ch: (probe.current?.getBoundingClientRect().width ?? 75) / 10,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const onScroll = (top: number) => setView((v) => ({ ...v, top }));
  return { scroller, probe, view, onScroll };
}

/** The hex dump grid. */
export function HexGrid(props: HexGridProps) {
  const { bytes, marks, revealRead, revealSelected, revealTick, note, onHover, onPick } = props;
  const { scroller, probe, view, onScroll } = useHexViewport();
  const [caret, setCaret] = useState<number | undefined>(undefined);
  const layout = fitLayout(view.width, view.ch, bytes.length > 0x10000 ? 6 : 4);
  const perRow = layout.perRow;
  const rowCount = Math.ceil(bytes.length / perRow);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroller is stable; a new read is the trigger
  useEffect(
    () => reveal(scroller.current, revealRead, bytes.length, perRow),
    [revealRead, bytes.length, perRow],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revealTick re-runs the scroll on purpose
  useEffect(() => reveal(scroller.current, revealSelected, bytes.length, perRow), [revealTick]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - 4);
  const end = Math.min(rowCount, Math.ceil((view.top + view.height) / ROW_HEIGHT) + 4);

  const pick = (at: number) => {
    setCaret(at);
    onPick(at);
    reveal(scroller.current, at, bytes.length, perRow);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move || bytes.length === 0) return;
    event.preventDefault();
    pick(Math.max(0, Math.min(bytes.length - 1, move(caret ?? -1, bytes.length - 1, perRow))));
  };

  const rows = [];
  for (let row = first; row < end; row++) {
    rows.push(<HexRow key={row} {...{ row, layout, bytes, marks, caret, note }} total={bytes.length} />);
  }
  return (
    // biome-ignore lint/a11y/useKeyWithMouseEvents: hovering only previews a field; the arrow keys move a caret that selects
    <div
      ref={scroller}
      className="hex-scroll"
      role="grid"
      aria-label="packet bytes: offset, hex, ASCII"
      aria-rowcount={rowCount}
      aria-readonly="true"
      tabIndex={0}
      aria-activedescendant={caret !== undefined && caret < bytes.length ? `hex-byte-${caret}` : undefined}
      data-testid="hex-grid"
      onScroll={(e) => onScroll(e.currentTarget.scrollTop)}
      onMouseOver={(e) => onHover(byteAt(e))}
      onMouseLeave={() => onHover(undefined)}
      onClick={(e) => {
        const at = byteAt(e);
        if (at !== undefined) pick(at);
      }}
      onKeyDown={onKeyDown}
    >
      <span ref={probe} className="hex-probe" aria-hidden="true">
        0000000000
      </span>
      <div className="hex-spacer" style={{ height: rowCount * ROW_HEIGHT }}>
        <div className="hex-rows" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}

interface HexRowProps {
  row: number;
  layout: HexLayout;
  bytes: Uint8Array;
  marks: Uint8Array;
  caret: number | undefined;
  note: (at: number) => string | undefined;
  total: number;
}

/** One row: offset, hex cells, ASCII cells. */
function HexRow({ row, layout, bytes, marks, caret, note, total }: HexRowProps) {
  const start = row * layout.perRow;
  const end = Math.min(bytes.length, start + layout.perRow);
  const hexCells = [];
  const asciiCells = [];
  for (let at = start; at < end; at++) {
    const value = bytes[at] as number;
    const cls = `${markClasses(marks[at] as number)}${at === caret ? ' m-caret' : ''}`;
    const extra = note(at);
    hexCells.push(
      <span
        key={at}
        id={`hex-byte-${at}`}
        role="gridcell"
        className={`hx${cls}${at % 8 === 7 ? ' hx-gap' : ''}`}
        data-offset={at}
        title={`offset ${at} (${hex(at, 2)}): ${hex(value, 2)} = ${value}${extra ? `\n${extra}` : ''}`}
      >
        {value.toString(16).padStart(2, '0')}
      </span>,
    );
    asciiCells.push(
      <span key={at} className={`asc${cls}`} data-offset={at}>
        {asciiChar(value)}
      </span>,
    );
  }
  return (
    <div className="hex-row" role="row" aria-rowindex={row + 1}>
      <span className="hex-offset" role="rowheader">
        {offsetLabel(start, total)}
      </span>
      <span className="hex-bytes">{hexCells}</span>
      {layout.ascii && (
        <span className="hex-ascii" aria-hidden="true">
          {asciiCells}
        </span>
      )}
    </div>
  );
}
