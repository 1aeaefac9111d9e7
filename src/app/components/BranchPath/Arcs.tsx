// SPDX-License-Identifier: MIT
/** The SVG gutter of jump arcs for the visible rows. */
import type { JumpEdge } from './arcs.ts';
import { arcShapes, ROW_H } from './geometry.ts';
import type { EdgeState } from './path-state.ts';

interface ArcsProps {
  edges: readonly JumpEdge[];
  first: number;
  last: number;
  gutter: number;
  stateOf: (edge: JumpEdge) => EdgeState;
  /** The jump whose arcs are emphasised (hovered row or arc). */
  hover: number | undefined;
  onHover: (pc: number | undefined) => void;
}

/** Arcs touching rows `first` .. `last`, positioned over the listing's gutter. */
export function Arcs({ edges, first, last, gutter, stateOf, hover, onHover }: ArcsProps) {
  const shapes = arcShapes(edges, first, last, gutter, stateOf);
  return (
    <svg
      className="bp-arcs"
      width={gutter}
      height={(last - first + 1) * ROW_H}
      style={{ top: first * ROW_H }}
      aria-hidden="true"
      data-testid="branch-arcs"
    >
      <g transform={`translate(0 ${-first * ROW_H})`}>
        {shapes.map((s) => (
          <g
            key={s.key}
            className={`arc kind-${s.kind} state-${s.state}${s.overflow ? ' overflow' : ''}${
              s.from !== undefined && s.from === hover ? ' hover' : ''
            }`}
            data-from={s.from}
          >
            <path className="arc-line" d={s.d} />
            {s.arrow && <path className="arc-head" d={s.arrow} />}
            {s.from !== undefined && (
              // biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut; the listbox rows give the same text by keyboard
              <path
                className="arc-hit"
                d={s.d}
                onMouseEnter={() => onHover(s.from)}
                onMouseLeave={() => onHover(undefined)}
              />
            )}
          </g>
        ))}
      </g>
    </svg>
  );
}
