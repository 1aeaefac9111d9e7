// SPDX-License-Identifier: MIT
/** The branch-path pane: the program as a listing with its jump arcs, lit along the packet's path. */
import type { ReactNode } from 'react';
import { useStore } from '../../../state/store.ts';
import './branch-path.css';
import { Listing } from './Listing.tsx';

/** A small sample of each arc style, for the legend. */
function Swatch({ className }: { className: string }) {
  return (
    <svg className="bp-swatch" width="22" height="10" aria-hidden="true">
      <path className={`arc ${className}`} d="M1 5H21" />
    </svg>
  );
}

function Legend() {
  return (
    <ul className="bp-legend" aria-label="legend">
      <li>
        <Swatch className="kind-true state-idle" /> true
      </li>
      <li>
        <Swatch className="kind-false state-idle" /> false
      </li>
      <li>
        <Swatch className="kind-always state-idle" /> ja
      </li>
      <li>
        <Swatch className="kind-true state-taken" /> taken
      </li>
      <li>
        <Swatch className="kind-false state-not-taken" /> not taken
      </li>
    </ul>
  );
}

/** The branch-path pane. */
export function BranchPath() {
  const analysis = useStore((s) => s.analysis);
  const hasCapture = useStore((s) => s.capture !== undefined);
  let body: ReactNode;
  if (!analysis) body = <p className="empty">Assembling the program…</p>;
  else if (!analysis.assembled || analysis.listing.length === 0)
    body = <p className="empty">The program does not assemble yet: the editor shows what to fix.</p>;
  else body = <Listing listing={analysis.listing} />;
  return (
    <section className="pane branch-path" aria-labelledby="branch-path-title">
      <header className="pane-header">
        <h2 id="branch-path-title">Branch path</h2>
        <Legend />
      </header>
      {analysis?.assembled && !hasCapture && (
        <p className="bp-hint">Open a capture to see which way each jump goes for a packet.</p>
      )}
      {body}
    </section>
  );
}
