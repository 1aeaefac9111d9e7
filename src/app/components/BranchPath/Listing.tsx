// SPDX-License-Identifier: MIT
/**
 * The virtualized listing: fixed-height rows, only the visible ones (plus a margin) in the DOM and
 * only their arcs drawn, so a 4096-instruction program scrolls and steps as smoothly as a short one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../../state/store.ts';
import type { ListingRow } from '../../../worker/protocol.ts';
import { Arcs } from './Arcs.tsx';
import { type JumpEdge, laneCount, layoutEdges } from './arcs.ts';
import { gutterWidth, ROW_H } from './geometry.ts';
import { edgeState, pathState, rowTip } from './path-state.ts';
import { Row } from './Row.tsx';
import { useListingNav } from './use-listing-nav.ts';
import { revealBand, useViewport } from './use-viewport.ts';

const OVERSCAN = 8;

/** Rows first..last to render for a viewport. */
function windowRows(top: number, height: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((top + height) / ROW_H) + OVERSCAN);
  return [first, last];
}

/** The hover text under (or above) its row. */
function RowTooltip({ pc, text, below, left }: { pc: number; text: string; below: boolean; left: number }) {
  return (
    <div
      id="bp-tip"
      role="tooltip"
      className={`bp-tip${below ? '' : ' above'}`}
      style={{ top: below ? (pc + 1) * ROW_H + 2 : pc * ROW_H - 2, left }}
    >
      {text}
    </div>
  );
}

/** What the listing draws from the store: the path at the cursor, arcs, breakpoints. */
function useListingModel(listing: readonly ListingRow[]) {
  const run = useStore((s) => s.trace?.run);
  const cursor = useStore((s) => s.cursor);
  const breakpoints = useStore((s) => s.breakpoints);
  const edges = useMemo(() => layoutEdges(listing), [listing]);
  const labelWidth = useMemo(
    () => Math.min(14, 1 + Math.max(0, ...listing.map((r) => r.label?.length ?? 0))),
    [listing],
  );
  const path = useMemo(() => pathState(run, cursor), [run, cursor]);
  const bpLines = useMemo(() => new Set(breakpoints.map((b) => b.line)), [breakpoints]);
  const stepAt = useCallback((pc: number) => run?.steps[path.stepOfPc.get(pc) ?? -1], [run, path]);
  const stateOf = useCallback((e: JumpEdge) => edgeState(path, e, stepAt(e.from)), [path, stepAt]);
  // Follow the current instruction (or the returning one once the run is over).
  const followPc = path.currentPc ?? run?.steps[cursor - 1]?.pc;
  return {
    run,
    edges,
    gutter: gutterWidth(laneCount(edges)),
    labelWidth,
    path,
    bpLines,
    stepAt,
    stateOf,
    followPc,
  };
}

/** The listing with its arcs, lit along the current packet's path. */
export function Listing({ listing }: { listing: readonly ListingRow[] }) {
  const { run, edges, gutter, labelWidth, path, bpLines, stepAt, stateOf, followPc } =
    useListingModel(listing);
  const scroller = useRef<HTMLDivElement>(null);
  const viewport = useViewport(scroller);
  const latest = useRef(viewport);
  latest.current = viewport;
  const nav = useListingNav({ rows: listing.length, path, run, scroller, viewport });
  const [hover, setHover] = useState<number>();
  const [first, last] = windowRows(viewport.top, viewport.height, listing.length);
  useEffect(() => {
    if (scroller.current && followPc !== undefined)
      revealBand(scroller.current, latest.current, followPc * ROW_H, ROW_H);
  }, [followPc]);

  const tipPc = hover ?? nav.active;
  const tipRow = tipPc === undefined ? undefined : listing[tipPc];
  const tip = tipRow ? rowTip(path, run, tipRow.pc, tipRow.targets !== undefined) : undefined;
  const active =
    nav.active !== undefined && nav.active >= first && nav.active <= last ? nav.active : undefined;
  return (
    <>
      <div
        ref={scroller}
        className={`bp-scroll${run ? ' has-trace' : ''}`}
        role="listbox"
        tabIndex={0}
        aria-label="program listing with jump arcs"
        aria-activedescendant={active === undefined ? undefined : `bp-row-${active}`}
        onKeyDown={nav.onKeyDown}
        onBlur={nav.clearActive}
        onMouseLeave={() => setHover(undefined)}
      >
        <div className="bp-canvas" style={{ height: listing.length * ROW_H }}>
          <Arcs
            edges={edges}
            first={first}
            last={last}
            gutter={gutter}
            stateOf={stateOf}
            hover={tipPc}
            onHover={setHover}
          />
          {listing.slice(first, last + 1).map((row) => (
            <Row
              key={row.pc}
              row={row}
              path={path}
              step={stepAt(row.pc)}
              gutter={gutter}
              labelWidth={labelWidth}
              active={row.pc === nav.active}
              breakpoint={row.line !== undefined && bpLines.has(row.line)}
              described={tip !== undefined && row.pc === tipPc}
              setsize={listing.length}
              onHover={setHover}
              onPick={nav.pick}
            />
          ))}
          {tip && tipPc !== undefined && (
            <RowTooltip
              pc={tipPc}
              text={tip}
              below={(tipPc + 1) * ROW_H + 40 < viewport.top + viewport.height}
              left={gutter + 24}
            />
          )}
        </div>
      </div>
      <p className="bp-status" aria-live="polite">
        {nav.note}
      </p>
    </>
  );
}
