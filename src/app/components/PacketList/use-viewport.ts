// SPDX-License-Identifier: MIT
/** The scroll position and height of a scrolling element, kept current on scroll and resize. */
import { type RefObject, type UIEvent, useLayoutEffect, useRef, useState } from 'react';

/** What a virtualized list needs to know about its viewport. */
export interface Viewport {
  top: number;
  height: number;
}

/**
 * Track a scroller's viewport; when `resetKey` changes (a new capture) go back to the top.
 * Returns the ref to attach, the viewport, and the scroll handler.
 */
export function useViewport(resetKey: unknown): {
  ref: RefObject<HTMLDivElement | null>;
  view: Viewport;
  onScroll: (event: UIEvent<HTMLElement>) => void;
} {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<Viewport>({ top: 0, height: 300 });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    setView((v) => ({ ...v, top: 0 }));
  }, [resetKey]);

  const onScroll = (event: UIEvent<HTMLElement>) =>
    setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight });
  return { ref, view, onScroll };
}
