// SPDX-License-Identifier: MIT
/**
 * Registers A, X, pc, scratch memory M[0..15] and the verdict as they stand at the cursor, with
 * the step just executed explained in one line of plain words.
 */
import { useState } from 'react';
import { explainStep, type Field, type RunResult } from '../../../engine/index.ts';
import { type MachineView, machineAt } from '../../../state/stepping.ts';
import { useStore } from '../../../state/store.ts';
import type { ListingRow } from '../../../worker/protocol.ts';
import { hex, verdictMeaning } from '../../format.ts';
import './machine.css';
import { Register } from './Register.tsx';
import { fieldForRead, plainLabel } from './read-field.ts';
import { asRegisterView, REGISTER_VIEWS, type RegisterView } from './register-views.ts';
import { Scratch } from './Scratch.tsx';

const VIEW_KEY = 'bpflab.registerView';

function ViewToggle({ view, onChange }: { view: RegisterView; onChange: (v: RegisterView) => void }) {
  return (
    <fieldset className="view-toggle">
      <legend>Show values as</legend>
      {REGISTER_VIEWS.map((v) => (
        <label key={v.id} title={v.title} className={v.id === view ? 'on' : undefined}>
          <input
            type="radio"
            name="register-view"
            value={v.id}
            checked={v.id === view}
            onChange={() => onChange(v.id)}
            aria-label={v.name}
          />
          {v.label}
        </label>
      ))}
    </fieldset>
  );
}

interface StepLineProps {
  view: MachineView;
  listing: readonly ListingRow[];
  fields: readonly Field[];
}

/** The step just executed, in words, with the packet field it read. */
function StepLine({ view, listing, fields }: StepLineProps) {
  const asm = (pc: number | undefined) => (pc === undefined ? '' : (listing[pc]?.asm ?? ''));
  const { last } = view;
  const field = fieldForRead(fields, last?.read);
  return (
    <div className="step-line">
      <p className="step-explain" aria-live="polite" data-testid="step-explain">
        {last ? (
          <>
            <span className="step-where">
              pc {last.pc} <code>{asm(last.pc)}</code>
            </span>{' '}
            {explainStep(last)}
            {field && (
              <span className="step-field">
                {' '}
                · reads <code>{field.name}</code> {plainLabel(field)}
              </span>
            )}
          </>
        ) : (
          <>Ready: nothing has run yet. Step (F10) to execute the first instruction.</>
        )}
      </p>
    </div>
  );
}

function endReason(end: string): string {
  switch (end) {
    case 'out-of-bounds':
      return 'a load past the captured bytes (implicit return 0)';
    case 'divide-by-zero':
      return 'division by X = 0 (implicit return 0)';
    case 'invalid-instruction':
      return 'an instruction this machine cannot execute';
    case 'fell-off':
      return 'running past the last instruction';
    case 'step-limit':
      return 'the step limit';
    default:
      return end;
  }
}

/** The verdict once the run is over, with what it means for the packet. */
function Verdict({ run, finished, wireLength }: { run: RunResult; finished: boolean; wireLength: number }) {
  if (!finished)
    return (
      <output className="verdict pending" data-testid="verdict">
        No verdict yet: step with F10, or run with F5.
      </output>
    );
  const kind = run.verdict === 0 ? 'drop' : run.verdict < wireLength ? 'truncate' : 'accept';
  const badge = { drop: 'DROP', truncate: 'ACCEPT, truncated', accept: 'ACCEPT' }[kind];
  return (
    <output
      className={`verdict ${kind === 'drop' ? 'drop' : 'accept'}`}
      data-testid="verdict"
      data-verdict={run.verdict}
    >
      <span className="verdict-badge">{badge}</span>
      <span>
        returned {run.verdict >>> 0} ({hex(run.verdict)}) — {verdictMeaning(run.verdict, wireLength)}
        {run.end !== 'ret' && <span className="verdict-why"> · ended by {endReason(run.end)}</span>}
      </span>
    </output>
  );
}

/** A, X and pc at the cursor; A and X flash when the step just executed changed them. */
function Registers({
  m,
  view,
  cursor,
  listing,
}: {
  m: MachineView;
  view: RegisterView;
  cursor: number;
  listing: readonly ListingRow[];
}) {
  return (
    <div className="registers">
      <Register
        name="A"
        value={m.a}
        changed={m.last !== undefined && m.last.aBefore !== m.last.aAfter}
        view={view}
        stepKey={cursor}
      />
      <Register
        name="X"
        value={m.x}
        changed={m.last !== undefined && m.last.xBefore !== m.last.xAfter}
        view={view}
        stepKey={cursor}
      />
      <div className="register" data-testid="register-pc" data-value={m.pc ?? ''}>
        <span className="register-name">pc</span>
        <span className="register-value">{m.pc ?? '—'}</span>
        <span className="register-extra">{m.finished ? 'returned' : (listing[m.pc ?? -1]?.asm ?? '')}</span>
      </div>
    </div>
  );
}

/** Why there is nothing to run yet, and what to do about it. */
function emptyReason(assembled: boolean | undefined, hasCapture: boolean): string {
  if (assembled === false) return 'The program does not assemble yet: fix what the editor marks, then step.';
  if (!hasCapture)
    return 'Open a capture (or drop a pcap file on the page) to run the program on its packets.';
  return 'Loading the packet…';
}

/** The machine pane. */
export function Machine() {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const listing = useStore((s) => s.analysis?.listing);
  const assembled = useStore((s) => s.analysis?.assembled);
  const hasCapture = useStore((s) => s.capture !== undefined);
  const [view, setView] = useState<RegisterView>(() =>
    asRegisterView(globalThis.localStorage?.getItem(VIEW_KEY)),
  );
  const chooseView = (v: RegisterView) => {
    globalThis.localStorage?.setItem(VIEW_KEY, v);
    setView(v);
  };
  const header = (
    <header className="pane-header machine-header">
      <h2>Machine</h2>
      {trace && (
        <span className="machine-progress" data-testid="machine-progress">
          packet {trace.packet.index + 1} · step {cursor} of {trace.run.steps.length}
        </span>
      )}
      <ViewToggle view={view} onChange={chooseView} />
    </header>
  );
  if (!trace) {
    return (
      <section className="pane machine" aria-label="machine state">
        {header}
        <p className="empty">{emptyReason(assembled, hasCapture)}</p>
      </section>
    );
  }
  const m = machineAt(trace.run, cursor);
  const { run, packet } = trace;
  return (
    <section className="pane machine" aria-label="machine state">
      {header}
      <Registers m={m} view={view} cursor={cursor} listing={listing ?? []} />
      <StepLine view={m} listing={listing ?? []} fields={packet.fields} />
      <Verdict run={run} finished={m.finished} wireLength={packet.wireLength} />
      <Scratch mem={m.mem} changed={m.memChanged} view={view} stepKey={cursor} />
    </section>
  );
}
