// SPDX-License-Identifier: MIT
/** Scratch memory M[0..15]: written cells shown, uninitialised ones marked as such. */
import { hex } from '../../format.ts';
import { formatRegister, type RegisterView } from './register-views.ts';

interface ScratchProps {
  mem: readonly (number | undefined)[];
  changed: number | undefined;
  view: RegisterView;
  stepKey: number;
}

/** The 16 scratch cells. */
export function Scratch({ mem, changed, view, stepKey }: ScratchProps) {
  const written = mem.filter((v) => v !== undefined).length;
  if (written === 0)
    // Most filters never touch M[]: one line instead of 16 empty cells keeps the registers in view.
    return (
      <p className="scratch-none" data-testid="scratch-empty">
        <strong>Scratch</strong> M[0]–M[15]: all unset
      </p>
    );
  return (
    <div className="scratch-block">
      <h3 className="scratch-title">
        Scratch memory{' '}
        <span className="scratch-count">
          {written === 0 ? 'nothing written yet' : `${written} of 16 written`}
        </span>
      </h3>
      <ol className="scratch" aria-label="scratch memory M[0] to M[15]">
        {mem.map((value, i) => (
          <li
            key={changed === i ? `${i}-${stepKey}` : i}
            className={`cell${value === undefined ? ' unset' : ' written'}${changed === i ? ' changed' : ''}`}
            title={
              value === undefined
                ? `M[${i}] has not been written: Linux rejects a program that reads it first`
                : `M[${i}] = ${value >>> 0} (${formatRegister(value, 'hex')})`
            }
            data-testid={`scratch-${i}`}
          >
            <span className="cell-name">M[{i}]</span>
            <span className="cell-value">
              {value === undefined ? 'unset' : view === 'hex' ? hex(value) : formatRegister(value, view)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
