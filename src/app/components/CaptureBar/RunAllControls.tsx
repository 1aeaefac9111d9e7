// SPDX-License-Identifier: MIT
/** "Run all packets": start, progress and cancel, the counts, and the all/accepted/dropped filter. */
import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ListFilter } from '../../../state/run-slice.ts';
import { useStore } from '../../../state/store.ts';
import type { RunAllOutcome } from '../../../worker/protocol.ts';
import { runSummary } from './describe.ts';

const FILTERS: readonly [ListFilter, string][] = [
  ['all', 'All'],
  ['accepted', 'Accepted'],
  ['dropped', 'Dropped'],
];

/**
 * The program text and semantics a run-all result was computed for, so a result that no longer
 * matches the editor can say so instead of passing for current.
 */
function useRunInputs(runAll: RunAllOutcome | undefined, inputs: string): string | undefined {
  const seen = useRef<{ outcome: RunAllOutcome | undefined; inputs: string | undefined }>({
    outcome: undefined,
    inputs: undefined,
  });
  if (seen.current.outcome !== runAll)
    seen.current = { outcome: runAll, inputs: runAll ? inputs : undefined };
  return seen.current.inputs;
}

/** The run-all line of the capture bar. */
export function RunAllControls() {
  const s = useStore(
    useShallow((state) => ({
      capture: state.capture,
      runnable: state.analysis?.assembled === true,
      runAll: state.runAll,
      progress: state.runProgress,
      filter: state.listFilter,
      inputs: `${state.semantics}\n${state.programText}`,
    })),
  );
  const ranWith = useRunInputs(s.runAll, s.inputs);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const run = () => {
    setFailed(undefined);
    useStore
      .getState()
      .runAllPackets()
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  };
  const stale = s.runAll !== undefined && ranWith !== undefined && ranWith !== s.inputs;
  const actions = useStore.getState();
  const total = s.capture?.packetCount ?? 0;
  const summary = s.runAll ? runSummary(s.runAll, total) : undefined;

  return (
    <div className="cb-run">
      {s.progress ? (
        <>
          <progress max={s.progress.total || 1} value={s.progress.done} aria-label="run-all progress" />
          <span role="status">
            Running… {s.progress.done.toLocaleString('en')} of {s.progress.total.toLocaleString('en')} packets
          </span>
          <button type="button" onClick={() => void actions.cancelRunAll()}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="cb-run-button"
          disabled={!s.capture || !s.runnable}
          title={!s.runnable ? 'Assemble a program first' : 'Run the program over every packet (fast path)'}
          onClick={run}
        >
          Run all packets
        </button>
      )}
      {summary && !s.progress && (
        <span className={`cb-result${stale ? ' stale' : ''}`} data-testid="run-all-result">
          <strong data-testid="run-all-counts">{summary.counts}</strong>
          <span className="cb-how" title={summary.long}>
            {summary.how}
          </span>
          {stale && <span className="cb-stale">· program or semantics changed since: run again</span>}
        </span>
      )}
      {failed && !s.progress && (
        <span className="cb-run-failed" role="alert">
          Run all stopped: {failed} If the capture file was moved or deleted, open it again.
        </span>
      )}
      {s.runAll && <VerdictFilter runAll={s.runAll} filter={s.filter} />}
    </div>
  );
}

/** Show all packets, or only those the program accepted or dropped. */
function VerdictFilter({ runAll, filter }: { runAll: RunAllOutcome; filter: ListFilter }) {
  const counts: Record<ListFilter, string> = {
    all: '',
    accepted: ` (${runAll.accepted.toLocaleString('en')})`,
    dropped: ` (${runAll.dropped.toLocaleString('en')})`,
  };
  return (
    <fieldset className="cb-filter">
      <legend>Show</legend>
      {FILTERS.map(([value, label]) => (
        <label key={value} className={filter === value ? 'checked' : undefined}>
          <input
            type="radio"
            name="packet-filter"
            value={value}
            checked={filter === value}
            onChange={() => useStore.getState().setListFilter(value)}
          />
          {label}
          {counts[value]}
        </label>
      ))}
    </fieldset>
  );
}
