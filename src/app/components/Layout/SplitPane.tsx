// SPDX-License-Identifier: MIT
/** A resizable split whose sizes are remembered across visits (react-resizable-panels). */
import { Children, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

interface SplitPaneProps {
  /** Storage key and group id. */
  id: string;
  orientation: 'horizontal' | 'vertical';
  /** Default sizes in percent, one per child. */
  sizes: readonly number[];
  children: ReactNode;
}

/** Children laid out side by side (horizontal) or stacked (vertical) with draggable separators. */
export function SplitPane({ id, orientation, sizes, children }: SplitPaneProps) {
  const panes = Children.toArray(children);
  const panelIds = panes.map((_, i) => `${id}-${i}`);
  const layout = useDefaultLayout({ id, panelIds, storage: localStorage });
  return (
    <Group
      id={id}
      orientation={orientation}
      className={`split split-${orientation}`}
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      {panes.flatMap((pane, i) => {
        const panelId = panelIds[i] as string;
        const panel = (
          <Panel key={panelId} id={panelId} defaultSize={`${sizes[i] ?? 100 / panes.length}%`} minSize="10%">
            {pane}
          </Panel>
        );
        return i === 0 ? [panel] : [<Separator key={`${panelId}-sep`} className="separator" />, panel];
      })}
    </Group>
  );
}
