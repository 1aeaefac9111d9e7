// SPDX-License-Identifier: MIT
/**
 * The dissection tree of the shown packet. Fields holding the bytes the current step read are
 * expanded and marked, those the next step will read are outlined; hovering a field lights its
 * bytes in the hex view, clicking selects them. Teaching notes and warnings stand out as such.
 */
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pathFor, usePacketFocus, useReadFocus, useShownPacket } from '../HexView/packet-focus.ts';
import { type FieldPath, fieldsTouching, nearestShown, treeKey } from './field-paths.ts';
import { TreeItem } from './TreeItem.tsx';
import { useTreeRows } from './use-tree-rows.ts';
import './field-tree.css';

/** The field tree pane. */
export function FieldTree() {
  const { packet, key } = useShownPacket();
  const focus = usePacketFocus(
    useShallow((f) => ({ hovered: f.hovered, selected: f.selected, reveal: f.reveal })),
  );
  const [active, setActive] = useState<FieldPath | undefined>(undefined);
  const list = useRef<HTMLDivElement>(null);
  const fields = packet?.fields ?? [];
  const lit = useReadFocus(packet);
  const read = useMemo(() => fieldsTouching(fields, lit.current), [fields, lit.current]);
  const next = useMemo(() => fieldsTouching(fields, lit.next), [fields, lit.next]);
  const selected = pathFor(focus.selected, key);
  const tree = useTreeRows(fields, read.enclosing, selected);
  const hoverShown = nearestShown(pathFor(focus.hovered, key), tree.shown);
  const activePath =
    active !== undefined && tree.shown.has(active) ? active : (selected ?? tree.rows[0]?.path);

  const scrollTo = (path: FieldPath | undefined) =>
    path !== undefined &&
    list.current?.querySelector(`[data-path="${path}"]`)?.scrollIntoView({ block: 'nearest' });
  // A field selected in the hex view scrolls into view here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reveal is the trigger
  useEffect(() => void scrollTo(selected), [focus.reveal]);

  if (!packet) {
    return (
      <section className="pane field-tree" aria-label="packet fields">
        <p className="empty">No packet to show: open a capture, then pick a packet to see its fields.</p>
      </section>
    );
  }
  const select = (path: FieldPath) => {
    setActive(path);
    usePacketFocus.getState().select({ packet: key, path }, true);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const action = treeKey(tree.rows, activePath, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'toggle') tree.toggle(action.path, action.open);
    else select(action.path);
    if (action.kind === 'go') scrollTo(action.path);
  };
  const pathAt = (event: MouseEvent) =>
    (event.target as HTMLElement).closest<HTMLElement>('[data-path]')?.dataset.path;
  const onClick = (event: MouseEvent) => {
    const path = pathAt(event);
    const row = tree.rows.find((r) => r.path === path);
    if (!row) return;
    const onTwisty = (event.target as HTMLElement).closest('.tree-twisty') !== null;
    if (onTwisty && row.field.children.length) tree.toggle(row.path, !row.expanded);
    else select(row.path);
  };
  const onMouseOver = (event: MouseEvent) => {
    const path = pathAt(event);
    usePacketFocus.getState().hover(path === undefined ? undefined : { packet: key, path });
  };

  return (
    <section className="pane field-tree" aria-label="packet fields">
      <header className="tree-head">
        <h2 className="pane-title">Fields</h2>
        <span className="tree-meta">{packet.summary.protocol}</span>
        <span className="tree-spacer" />
        <button type="button" className="tree-button" onClick={tree.expandAll}>
          Expand all
        </button>
        <button type="button" className="tree-button" onClick={tree.collapseAll}>
          Collapse
        </button>
      </header>
      {/* biome-ignore lint/a11y/useKeyWithMouseEvents: hovering only previews; the keyboard selects (arrows, Space) */}
      <div
        ref={list}
        className="tree"
        role="tree"
        aria-label="dissection tree"
        tabIndex={0}
        aria-activedescendant={activePath !== undefined ? `field-${activePath}` : undefined}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onMouseOver={onMouseOver}
        onMouseLeave={() => usePacketFocus.getState().hover(undefined)}
      >
        {tree.rows.map((row) => (
          <TreeItem
            key={row.path}
            row={row}
            read={read.hits.has(row.path) ? 'hit' : read.enclosing.has(row.path) ? 'enclosing' : undefined}
            next={next.hits.has(row.path)}
            selected={row.path === selected}
            hovered={row.path === hoverShown}
            active={row.path === activePath}
          />
        ))}
      </div>
    </section>
  );
}
