// SPDX-License-Identifier: MIT
// biome-ignore-all lint/a11y/useSemanticElements: virtualized rows cannot be <tr>/<td>; a table cannot hold the spacer and sticky window the scroll scaling needs
// biome-ignore-all lint/a11y/useFocusableInteractive: focus stays on the grid, which points at the selected row (aria-activedescendant)
/** One row of the packet list, and the header row naming its columns. */
import type { PacketRow } from '../../../worker/protocol.ts';
import { clock } from '../../format.ts';
import { relativeTime, type VerdictCell } from './columns.ts';

interface PacketRowProps {
  /** Row in the (possibly filtered) list. */
  row: number;
  /** Packet index (0-based). */
  packet: number;
  /** The row's data, once its page has arrived. */
  data: PacketRow | undefined;
  /** The capture's first packet, for relative times. */
  first: PacketRow | undefined;
  verdict: VerdictCell | undefined;
  selected: boolean;
}

/** A packet row: No., Time, Source, Destination, Protocol, Length, Info and, after Run all, Verdict. */
export function PacketRowView({ row, packet, data, first, verdict, selected }: PacketRowProps) {
  const short = data !== undefined && data.caplen < data.length;
  return (
    <div
      id={`packet-row-${packet}`}
      role="row"
      aria-rowindex={row + 2}
      aria-selected={selected}
      className={`pl-row${selected ? ' selected' : ''}`}
      data-row={row}
    >
      <span role="gridcell" className="pl-no">
        {packet + 1}
      </span>
      <span role="gridcell" title={data ? clock(data.tsSec, data.tsNsec) : undefined}>
        {data && first ? relativeTime(data.tsSec, data.tsNsec, first.tsSec, first.tsNsec) : ''}
      </span>
      <span role="gridcell" title={data?.source}>
        {data?.source ?? '…'}
      </span>
      <span role="gridcell" title={data?.destination}>
        {data?.destination ?? ''}
      </span>
      <span role="gridcell">{data?.protocol ?? ''}</span>
      <span
        role="gridcell"
        className={`pl-num${short ? ' pl-short' : ''}`}
        title={short ? `captured ${data.caplen} of ${data.length} bytes` : undefined}
      >
        {data?.length ?? ''}
      </span>
      <span role="gridcell" className="pl-info" title={data?.info}>
        {data?.info ?? ''}
      </span>
      {verdict && (
        <span role="gridcell" className={`pl-verdict v-${verdict.kind}`} title={verdict.title}>
          {verdict.text}
        </span>
      )}
    </div>
  );
}

/** The column headers. */
export function PacketListHeader({ verdicts }: { verdicts: boolean }) {
  return (
    <div className="pl-head" role="row" aria-rowindex={1}>
      <span role="columnheader">No.</span>
      <span role="columnheader">Time</span>
      <span role="columnheader">Source</span>
      <span role="columnheader">Destination</span>
      <span role="columnheader">Protocol</span>
      <span role="columnheader" className="pl-num">
        Length
      </span>
      <span role="columnheader">Info</span>
      {verdicts && <span role="columnheader">Verdict</span>}
    </div>
  );
}
