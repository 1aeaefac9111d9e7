// SPDX-License-Identifier: MIT
/**
 * Moving around the listing: the keyboard's active row (arrows, pages, Home/End) and picking a
 * row (click, Enter), which puts the debugger's cursor on that instruction's step.
 */
import { type KeyboardEvent, type RefObject, useEffect, useState } from 'react';
import type { RunResult } from '../../../engine/index.ts';
import { useStore } from '../../../state/store.ts';
import { ROW_H } from './geometry.ts';
import type { PathState } from './path-state.ts';
import { revealBand, type Viewport } from './use-viewport.ts';

interface NavOptions {
  rows: number;
  path: PathState;
  run: RunResult | undefined;
  scroller: RefObject<HTMLElement | null>;
  viewport: Viewport;
}

/** The listing's navigation state and handlers. */
export function useListingNav({ rows, path, run, scroller, viewport }: NavOptions) {
  const selectedPacket = useStore((s) => s.selectedPacket);
  const [active, setActive] = useState<number>();
  const [note, setNote] = useState('');
  // A note about one packet and program goes when they change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose when they change
  useEffect(() => setNote(''), [selectedPacket, rows, run]);

  const pick = (pc: number) => {
    setActive(pc);
    const at = path.stepOfPc.get(pc);
    if (at === undefined) {
      setNote(
        run
          ? `pc ${pc} is not reached by packet ${selectedPacket + 1}.`
          : 'Open a capture to run the program.',
      );
      return;
    }
    setNote('');
    useStore.getState().setCursor(at);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport.height / ROW_H) - 1);
    const from = active ?? path.currentPc ?? 0;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') pick(from);
    else if (event.key in moves) {
      const next = Math.max(0, Math.min(rows - 1, moves[event.key] as number));
      setActive(next);
      if (scroller.current) revealBand(scroller.current, viewport, next * ROW_H, ROW_H);
    } else return;
    event.preventDefault();
  };

  return { active, clearActive: () => setActive(undefined), note, pick, onKeyDown };
}
