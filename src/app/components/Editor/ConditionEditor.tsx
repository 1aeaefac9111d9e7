// SPDX-License-Identifier: MIT
/** The small popover that edits a breakpoint's condition (`A == 0x800`), checked as you type. */
import { useId, useState } from 'react';
import { parseCondition } from '../../../state/condition.ts';

interface ConditionEditorProps {
  line: number;
  initial: string;
  /** Position inside the editor frame, in pixels. */
  top: number;
  left: number;
  /** Save a condition (undefined: a plain breakpoint). */
  onSave: (condition: string | undefined) => void;
  onRemove: () => void;
  onCancel: () => void;
}

/** Edit the condition of the breakpoint on `line`. */
export function ConditionEditor({
  line,
  initial,
  top,
  left,
  onSave,
  onRemove,
  onCancel,
}: ConditionEditorProps) {
  const [text, setText] = useState(initial);
  const id = useId();
  const parsed = text.trim() === '' ? undefined : parseCondition(text);
  const error = parsed && !parsed.ok ? `${parsed.error} (column ${parsed.column})` : undefined;
  const save = () => {
    if (!error) onSave(text.trim() || undefined);
  };
  return (
    <form
      className="condition-editor"
      style={{ top, left }}
      aria-label={`Breakpoint condition for line ${line}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor={`${id}-input`}>Stop at line {line} when</label>
      <input
        id={`${id}-input`}
        value={text}
        placeholder="A == 0x800"
        spellCheck={false}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the popover opens on request to type this one field
        autoFocus
        aria-invalid={error !== undefined}
        aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.target.value)}
      />
      <p
        id={`${id}-help`}
        className={error ? 'condition-error' : 'condition-help'}
        role={error ? 'alert' : undefined}
      >
        {error ?? 'A, X, M[0]..M[15], pc, len; == != < <= > >= & | ^ << >> + - ! && ||. Empty: always stop.'}
      </p>
      <div className="condition-buttons">
        <button type="submit" disabled={error !== undefined}>
          Save
        </button>
        <button type="button" onClick={onRemove}>
          Remove breakpoint
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
