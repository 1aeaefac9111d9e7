// SPDX-License-Identifier: MIT
/** The share link of the current state: what goes into the URL hash (never the capture). */
import type { AppState } from '../../../state/store.ts';
import { encodeSharedState, type SharedState } from '../../../state/url-state.ts';

/** The shareable part of the application state. */
export function sharedStateOf(state: AppState): SharedState {
  return {
    program: state.programText,
    packet: state.selectedPacket,
    breakpoints: state.breakpoints,
    semantics: state.semantics,
    checkMode: state.checkMode,
    vlanOffload: state.vlanOffload,
    ...(state.expression.trim() !== ''
      ? { expression: { text: state.expression, optimize: state.expressionOptimize } }
      : {}),
  };
}

/** `href` with its hash replaced by the share hash of `state`. */
export function shareUrl(href: string, state: AppState): string {
  const url = new URL(href);
  url.hash = encodeSharedState(sharedStateOf(state));
  return url.toString();
}
