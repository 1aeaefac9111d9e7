// SPDX-License-Identifier: MIT
/** One row of the field tree: disclosure triangle, label, byte range, and the read markers. */
import { hex } from '../../format.ts';
import type { TreeRow } from './field-paths.ts';

interface TreeItemProps {
  row: TreeRow;
  /** `hit`: the current step read bytes of this field; `enclosing`: of a field inside it. */
  read: 'hit' | 'enclosing' | undefined;
  /** The next step will read bytes of this field. */
  next: boolean;
  selected: boolean;
  hovered: boolean;
  active: boolean;
}

/** Where the field sits: `bytes 14–33`, `byte 14, bits 0x0f`. */
export function rangeText(range: TreeRow['field']['range']): string {
  if (range.length === 0) return `at byte ${range.offset}`;
  const span =
    range.length === 1 ? `byte ${range.offset}` : `bytes ${range.offset}–${range.offset + range.length - 1}`;
  return range.bitMask === undefined ? span : `${span}, bits ${hex(range.bitMask, 2 * range.length)}`;
}

/** A treeitem (a flat list with aria-level, as ARIA allows for trees); the tree handles events. */
export function TreeItem(props: TreeItemProps) {
  const { row, read, next, selected, hovered, active } = props;
  const { field } = row;
  const expandable = field.children.length > 0;
  const classes = [
    'tree-item',
    field.note ? `note-${field.note}` : '',
    read ? `read-${read}` : '',
    next ? 'read-next' : '',
    selected ? 'selected' : '',
    hovered ? 'hovered' : '',
    active ? 'active' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree (aria-activedescendant)
    <div
      id={`field-${row.path}`}
      role="treeitem"
      aria-level={row.level}
      aria-expanded={expandable ? row.expanded : undefined}
      aria-selected={selected}
      className={classes}
      data-path={row.path}
      data-field={field.name}
      style={{ paddingLeft: `${(row.level - 1) * 14 + 4}px` }}
      title={`${field.name} · ${rangeText(field.range)}`}
    >
      <span className={`tree-twisty${expandable ? '' : ' leaf'}`} aria-hidden="true">
        {expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      {field.note === 'teaching' && <span className="tree-badge badge-teach">note</span>}
      {field.note === 'warning' && <span className="tree-badge badge-warn">warning</span>}
      <span className="tree-label">{field.label}</span>
      {read === 'hit' && <span className="tree-badge badge-read">read</span>}
      {next && read !== 'hit' && <span className="tree-badge badge-next">next</span>}
      <span className="tree-range">{rangeText(field.range)}</span>
    </div>
  );
}
