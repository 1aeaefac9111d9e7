// SPDX-License-Identifier: MIT
/**
 * Which rows of the tree are open: those the user opened or closed (remembered by field-name key,
 * so they carry over to the next packet), and those around the current read and the selection,
 * which open on their own. A new step or selection overrides the user's earlier "close" there.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Field } from '../../../engine/index.ts';
import { ancestorsOf, type FieldPath, keyOf, type TreeRow, visibleRows } from './field-paths.ts';

/** A copy of `map` without `keys`. */
function dropKeys(map: ReadonlyMap<string, boolean>, keys: readonly string[]): Map<string, boolean> {
  const next = new Map(map);
  for (const k of keys) next.delete(k);
  return next;
}

/** Every expandable field of the packet open (by key, so the next packet opens alike). */
function everyKey(fields: readonly Field[]): Map<string, boolean> {
  const all = new Map<string, boolean>();
  for (const row of visibleRows(fields, () => true)) if (row.field.children.length) all.set(row.key, true);
  return all;
}

/** The tree's rows and the ways to open and close them. */
export interface TreeRows {
  rows: TreeRow[];
  shown: ReadonlySet<FieldPath>;
  toggle(path: FieldPath, open: boolean): void;
  expandAll(): void;
  collapseAll(): void;
}

/** Rows of `fields`, with `enclosing` (fields around the current read) and `selected`'s parents open. */
export function useTreeRows(
  fields: readonly Field[],
  enclosing: ReadonlySet<FieldPath>,
  selected: FieldPath | undefined,
): TreeRows {
  const [chosen, setChosen] = useState<ReadonlyMap<string, boolean>>(new Map());
  const forced = useMemo(() => {
    const open = new Set<FieldPath>(enclosing);
    if (selected !== undefined) for (const p of ancestorsOf(selected)) open.add(p);
    return open;
  }, [enclosing, selected]);
  useEffect(() => {
    const keys = [...forced].map((p) => keyOf(fields, p));
    setChosen((prev) => (keys.some((k) => prev.has(k)) ? dropKeys(prev, keys) : prev));
  }, [forced, fields]);
  const rows = useMemo(
    () => visibleRows(fields, (k, path) => chosen.get(k) ?? forced.has(path)),
    [fields, forced, chosen],
  );
  const shown = useMemo(() => new Set(rows.map((r) => r.path)), [rows]);
  return {
    rows,
    shown,
    toggle: (path, open) => setChosen((prev) => new Map(prev).set(keyOf(fields, path), open)),
    expandAll: () => setChosen(everyKey(fields)),
    collapseAll: () => setChosen(new Map()),
  };
}
