// SPDX-License-Identifier: MIT
/**
 * The packet list: a grid of fixed-height rows, virtualized for a million packets with our own
 * scroll scaling (see scroll-scale.ts), rows fetched from the worker a page at a time. After
 * "Run all" it gains a Verdict column and can show only accepted or dropped packets.
 */
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useReducer } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import type { RunAllOutcome } from '../../../worker/protocol.ts';
import { verdictCell } from './columns.ts';
import { type DisplayList, displayList, type MoveKey, moveRow } from './display-list.ts';
import { PacketListHeader, PacketRowView } from './PacketRowView.tsx';
import { RowCache } from './row-cache.ts';
import { type RowWindow, scrollScale, scrollTopToReveal, visibleWindow } from './scroll-scale.ts';
import { useViewport } from './use-viewport.ts';
import './packet-list.css';

/** Row height in px (kept in step with packet-list.css). */
export const ROW_HEIGHT = 22;
const MOVE_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

/** Packets to fetch: the first (for relative times), those on screen, then a screen either side. */
function wantedPackets(list: DisplayList, win: RowWindow): number[] {
  const margin = win.end - win.first;
  const wanted: number[] = [0];
  for (let row = win.first; row < win.end; row++) wanted.push(list.packetAt(row));
  for (let row = Math.max(0, win.first - margin); row < Math.min(list.count, win.end + margin); row++) {
    if (row < win.first || row >= win.end) wanted.push(list.packetAt(row));
  }
  return wanted;
}

/** The verdict a run gave a packet (undefined: no run, or the run was cancelled before it). */
function verdictOf(runAll: RunAllOutcome | undefined, packet: number): number | undefined {
  return runAll && packet < runAll.done ? runAll.verdicts[packet] : undefined;
}

/** The packet list pane. */
export function PacketList() {
  const s = useStore(
    useShallow((state) => ({
      total: state.capture?.packetCount ?? 0,
      generation: state.captureGeneration,
      selected: state.selectedPacket,
      runAll: state.runAll,
      filter: state.listFilter,
    })),
  );
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(
    () => new RowCache((start, count) => engine().packetRows(start, count), rerender),
    [],
  );
  const { ref: scroller, view, onScroll } = useViewport(s.generation);
  // A new capture: forget the old one's rows (this render then asks for the new ones).
  cache.setCapture(s.generation);

  const list = useMemo(
    () => displayList(s.total, s.runAll?.verdicts, s.runAll?.done ?? 0, s.filter),
    [s.total, s.runAll, s.filter],
  );
  const scale = scrollScale(list.count, ROW_HEIGHT, view.height);
  const win = visibleWindow(scale, view.top, list.count, ROW_HEIGHT, view.height);
  const selectedRow = list.rowOf(s.selected);
  useEffect(() => cache.ensure(wantedPackets(list, win)));

  /** Scroll so that `row` is fully in view. */
  const reveal = (row: number) => {
    const el = scroller.current;
    const top = el ? scrollTopToReveal(scale, el.scrollTop, row, ROW_HEIGHT, el.clientHeight) : undefined;
    if (el && top !== undefined) el.scrollTop = top;
  };
  // A selection made elsewhere (a share link, a filter change) scrolls into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection or list moves the view
  useEffect(() => {
    if (selectedRow.exact) reveal(selectedRow.row);
  }, [s.selected, list]);

  const selectRow = (row: number) => {
    if (row < 0 || row >= list.count) return;
    void useStore.getState().selectPacket(list.packetAt(row));
    reveal(row);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!MOVE_KEYS.has(event.key)) return;
    event.preventDefault();
    const from = selectedRow.exact ? selectedRow.row : selectedRow.row - 1;
    const page = Math.max(1, Math.floor(view.height / ROW_HEIGHT));
    selectRow(moveRow(from, event.key as MoveKey, list.count, page));
  };
  const onClick = (event: MouseEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]')?.dataset.row;
    if (row !== undefined) selectRow(Number(row));
  };

  const hasVerdicts = s.runAll !== undefined;
  const first = cache.row(0);
  const rows = [];
  for (let row = win.first; row < win.end; row++) {
    const packet = list.packetAt(row);
    const data = cache.row(packet);
    const verdict = hasVerdicts ? verdictCell(verdictOf(s.runAll, packet), data?.length ?? 0) : undefined;
    rows.push(
      <PacketRowView
        key={packet}
        {...{ row, packet, data, first, verdict }}
        selected={packet === s.selected}
      />,
    );
  }
  const activeShown = selectedRow.exact && selectedRow.row >= win.first && selectedRow.row < win.end;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a virtualized list of div rows (see PacketRowView.tsx)
    <div
      className={`packet-list${hasVerdicts ? ' with-verdicts' : ''}`}
      role="grid"
      aria-label="packets"
      aria-rowcount={list.count + 1}
      aria-readonly="true"
      tabIndex={0}
      aria-activedescendant={activeShown ? `packet-row-${s.selected}` : undefined}
      onKeyDown={onKeyDown}
      onClick={onClick}
      data-testid="packet-list"
    >
      <PacketListHeader verdicts={hasVerdicts} />
      <div ref={scroller} className="pl-scroll" onScroll={onScroll}>
        <div className="pl-spacer" style={{ height: scale.spacerHeight }}>
          <div className="pl-window" style={{ height: view.height }}>
            <div className="pl-rows" style={{ transform: `translateY(${-win.shift}px)` }}>
              {rows}
            </div>
          </div>
        </div>
        {list.count === 0 && <p className="pl-empty">{emptyText(s.total, s.filter)}</p>}
      </div>
    </div>
  );
}

/** Why the list is empty. */
function emptyText(total: number, filter: string): string {
  if (total === 0) return 'No capture open. Open one above, drop a file on the page, or pick a sample.';
  return filter === 'accepted' ? 'The program accepted no packet.' : 'The program dropped no packet.';
}
