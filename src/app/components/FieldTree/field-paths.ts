// SPDX-License-Identifier: MIT
/**
 * Addressing fields of a dissection tree and relating them to bytes: a field is named by its
 * path of child indices (`"1.4"` = second layer, fifth field), which is stable for one packet.
 */
import type { Field } from '../../../engine/index.ts';
import { type ByteSpan, spansOverlap } from '../HexView/read-focus.ts';

/** A field's position in the tree: child indices joined by dots. */
export type FieldPath = string;

/** The field at `path`, if there is one. */
export function fieldAt(fields: readonly Field[], path: FieldPath | undefined): Field | undefined {
  if (path === undefined || path === '') return undefined;
  let level: readonly Field[] = fields;
  let found: Field | undefined;
  for (const part of path.split('.')) {
    found = level[Number(part)];
    if (!found) return undefined;
    level = found.children;
  }
  return found;
}

/** The paths of the field's ancestors, outermost first (not including the field itself). */
export function ancestorsOf(path: FieldPath): FieldPath[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

function containsByte(field: Field, at: number): boolean {
  return field.range.length > 0 && at >= field.range.offset && at < field.range.offset + field.range.length;
}

/**
 * The field a user means when pointing at byte `at`: the innermost whole-byte field holding it.
 * Bit fields (IPv4 version, the MAC address LG bit) are chosen only directly under a protocol
 * layer, where no whole-byte field covers the byte; deeper down the byte's field wins (pointing
 * at a MAC address's first byte means the address, not its LG bit).
 */
export function innermostField(fields: readonly Field[], at: number): FieldPath | undefined {
  let level: readonly Field[] = fields;
  let path: FieldPath | undefined;
  for (let depth = 0; ; depth++) {
    const holding = level.map((f, i) => [f, i] as const).filter(([f]) => containsByte(f, at));
    const pick =
      holding.find(([f]) => f.range.bitMask === undefined) ?? (depth <= 1 ? holding[0] : undefined);
    if (!pick) return path;
    path = path === undefined ? String(pick[1]) : `${path}.${pick[1]}`;
    if (pick[0].range.bitMask !== undefined) return path;
    level = pick[0].children;
  }
}

/** Fields touching a read: the innermost ones (`hits`) and every field enclosing one (`enclosing`). */
export interface ReadFields {
  hits: Set<FieldPath>;
  enclosing: Set<FieldPath>;
}

/** The fields holding bits of `span` (comparing bit masks, so `[14]&0xf` hits the IHL, not the version). */
export function fieldsTouching(fields: readonly Field[], span: ByteSpan | undefined): ReadFields {
  const result: ReadFields = { hits: new Set(), enclosing: new Set() };
  if (!span || span.length <= 0) return result;
  const visit = (level: readonly Field[], prefix: string): boolean => {
    let any = false;
    level.forEach((field, i) => {
      if (field.range.length === 0 || !spansOverlap(field.range, span)) return;
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      any = true;
      if (visit(field.children, path)) result.enclosing.add(path);
      else result.hits.add(path);
    });
    return any;
  };
  visit(fields, '');
  return result;
}

/** One visible row of the tree. */
export interface TreeRow {
  path: FieldPath;
  field: Field;
  /** 1 for a protocol layer. */
  level: number;
  /** Key under which the row's expansion is remembered across packets (`ip/ip.flags`). */
  key: string;
  expanded: boolean;
}

/** The rows a tree shows when `isExpanded` says which nodes are open. */
export function visibleRows(
  fields: readonly Field[],
  isExpanded: (key: string, path: FieldPath) => boolean,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (level: readonly Field[], prefix: string, keyPrefix: string, depth: number) => {
    level.forEach((field, i) => {
      const path = prefix === '' ? String(i) : `${prefix}.${i}`;
      const key = keyPrefix === '' ? field.name : `${keyPrefix}/${field.name}`;
      const expanded = field.children.length > 0 && isExpanded(key, path);
      rows.push({ path, field, level: depth, key, expanded });
      if (expanded) walk(field.children, path, key, depth + 1);
    });
  };
  walk(fields, '', '', 1);
  return rows;
}

/** The expansion key of the field at `path` (field names from the root, joined by `/`). */
export function keyOf(fields: readonly Field[], path: FieldPath): string {
  const names: string[] = [];
  let level: readonly Field[] = fields;
  for (const part of path.split('.')) {
    const field = level[Number(part)];
    if (!field) break;
    names.push(field.name);
    level = field.children;
  }
  return names.join('/');
}

/** The nearest of `path` and its ancestors that is among the shown rows (collapsed parents hide it). */
export function nearestShown(
  path: FieldPath | undefined,
  shown: ReadonlySet<FieldPath>,
): FieldPath | undefined {
  if (path === undefined) return undefined;
  if (shown.has(path)) return path;
  return ancestorsOf(path)
    .reverse()
    .find((p) => shown.has(p));
}

/** What a key press in the tree does: move to a row, open or close one, or select the current row. */
export type TreeKeyAction =
  | { kind: 'go'; path: FieldPath }
  | { kind: 'toggle'; path: FieldPath; open: boolean }
  | { kind: 'select'; path: FieldPath };

/** The action for `key` on the row at `path` of the shown `rows` (as in ARIA's tree pattern). */
export function treeKey(
  rows: readonly TreeRow[],
  path: FieldPath | undefined,
  key: string,
): TreeKeyAction | undefined {
  const at = rows.findIndex((r) => r.path === path);
  const row = rows[at];
  if (!row) return rows[0] && key.startsWith('Arrow') ? { kind: 'go', path: rows[0].path } : undefined;
  const go = (target: TreeRow | undefined): TreeKeyAction | undefined =>
    target ? { kind: 'go', path: target.path } : undefined;
  const expandable = row.field.children.length > 0;
  switch (key) {
    case 'ArrowDown':
      return go(rows[at + 1]);
    case 'ArrowUp':
      return go(rows[at - 1]);
    case 'Home':
      return go(rows[0]);
    case 'End':
      return go(rows.at(-1));
    case 'ArrowRight':
      if (row.expanded) return go(rows[at + 1]);
      return expandable ? { kind: 'toggle', path: row.path, open: true } : undefined;
    case 'ArrowLeft': {
      if (row.expanded) return { kind: 'toggle', path: row.path, open: false };
      const parent = ancestorsOf(row.path).at(-1);
      return go(rows.find((r) => r.path === parent));
    }
    case 'Enter':
      return expandable ? { kind: 'toggle', path: row.path, open: !row.expanded } : undefined;
    case ' ':
      return { kind: 'select', path: row.path };
    default:
      return undefined;
  }
}
