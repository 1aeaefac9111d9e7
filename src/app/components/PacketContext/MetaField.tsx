// SPDX-License-Identifier: MIT
/** One metadata field: its value (editable), what reads it, what it means, and a reset. */
import { useEffect, useState } from 'react';
import type { PacketMeta } from '../../../engine/index.ts';
import { describeMetaValue, formatMetaValue, type MetaFieldSpec, parseMetaValue } from './meta-fields.ts';

interface MetaFieldProps {
  spec: MetaFieldSpec;
  value: PacketMeta[keyof PacketMeta];
  overridden: boolean;
  /** The current run read this field through its extension. */
  read: boolean;
  onSet: (value: number | boolean | undefined) => void;
}

function ValueInput({ spec, value, onSet }: Pick<MetaFieldProps, 'spec' | 'value' | 'onSet'>) {
  const id = `meta-${spec.key}`;
  const [draft, setDraft] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  // A new value from outside (a reset, another packet) replaces whatever was being typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose when the value changes
  useEffect(() => {
    setDraft(undefined);
    setError(undefined);
  }, [value]);
  if (spec.kind === 'flag')
    return (
      <input id={id} type="checkbox" checked={value === true} onChange={(e) => onSet(e.target.checked)} />
    );
  if (spec.kind === 'choice' && spec.choices)
    return (
      <select id={id} value={Number(value)} onChange={(e) => onSet(Number(e.target.value))}>
        {spec.choices.map(([v, words]) => (
          <option key={v} value={v}>
            {v} — {words.split(':')[0]}
          </option>
        ))}
      </select>
    );
  const commit = () => {
    if (draft === undefined) return;
    if (draft.trim() === '') {
      onSet(undefined);
      setDraft(undefined);
      setError(undefined);
      return;
    }
    const parsed = parseMetaValue(spec, draft);
    if (!parsed.ok) return setError(parsed.message);
    setError(undefined);
    setDraft(undefined);
    onSet(parsed.value);
  };
  return (
    <>
      <input
        id={id}
        className="meta-input"
        value={draft ?? formatMetaValue(spec, value)}
        placeholder="none"
        spellCheck={false}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(undefined);
            setError(undefined);
          }
        }}
      />
      {error && (
        <span id={`${id}-error`} className="meta-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** A row of the metadata grid. */
export function MetaField({ spec, value, overridden, read, onSet }: MetaFieldProps) {
  // A choice already names its value in the select.
  const meaning = spec.kind === 'choice' ? '' : describeMetaValue(spec, value);
  return (
    <div
      className={`meta-row${overridden ? ' overridden' : ''}${read ? ' read' : ''}`}
      data-testid={`meta-${spec.key}`}
    >
      <span className="meta-name" title={spec.help}>
        <label htmlFor={`meta-${spec.key}`}>{spec.label}</label> <code>{spec.reads}</code>
        {read && <span className="meta-read">read</span>}
        {meaning && <span className="meta-meaning"> {meaning}</span>}
      </span>
      <span className="meta-value">
        <ValueInput spec={spec} value={value} onSet={onSet} />
      </span>
      {overridden ? (
        <button
          type="button"
          className="meta-reset"
          onClick={() => onSet(undefined)}
          aria-label={`reset ${spec.label}`}
        >
          reset
        </button>
      ) : (
        <span className="meta-reset" />
      )}
    </div>
  );
}
