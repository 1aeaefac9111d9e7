// SPDX-License-Identifier: MIT
/** The scroll position and height of a scrolling element, for drawing only what is visible. */
import { type RefObject, useLayoutEffect, useState } from 'react';

/** Visible window of a scroller, in pixels. */
export interface Viewport {
  top: number;
  height: number;
}

/** Track `ref`'s scrollTop and clientHeight (on scroll and on resize). */
export function useViewport(ref: RefObject<HTMLElement | null>): Viewport {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 600 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () =>
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [ref]);
  return viewport;
}

/**
 * Scroll `el` so that the band [y, y + h) is visible, leaving some context above it. Decides from
 * the tracked `viewport` rather than reading the element's geometry, which would force a layout
 * in the middle of every step.
 */
export function revealBand(el: HTMLElement, viewport: Viewport, y: number, h: number): void {
  if (y >= viewport.top && y + h <= viewport.top + viewport.height) return;
  el.scrollTop = Math.max(0, y - Math.round(viewport.height / 3));
}
