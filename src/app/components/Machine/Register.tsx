// SPDX-License-Identifier: MIT
/** One register: its value in the chosen view and a second view, flashing when the last step changed it. */
import { formatRegister, type RegisterView, secondaryView } from './register-views.ts';

interface RegisterProps {
  name: string;
  value: number;
  changed: boolean;
  view: RegisterView;
  /** Bumps on every step so the flash replays when consecutive steps both change the value. */
  stepKey: number;
}

/** A register card. */
export function Register({ name, value, changed, view, stepKey }: RegisterProps) {
  return (
    <div
      className={`register${changed ? ' changed' : ''}`}
      data-testid={`register-${name.toLowerCase()}`}
      data-value={value >>> 0}
    >
      <span className="register-name">{name}</span>
      <span className="register-value" key={changed ? stepKey : 'same'}>
        {formatRegister(value, view)}
      </span>
      <span className="register-extra">{formatRegister(value, secondaryView(view))}</span>
    </div>
  );
}
