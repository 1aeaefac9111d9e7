// SPDX-License-Identifier: MIT
/** Theme, overlays and remembered pane sizes. */
import type { StateCreator } from 'zustand';
import type { AppState } from './store.ts';

export type Theme = 'light' | 'dark';

export interface LayoutSlice {
  theme: Theme;
  helpOpen: boolean;
  setTheme(theme: Theme): void;
  setHelpOpen(open: boolean): void;
}

const THEME_KEY = 'bpflab.theme';

function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set) => ({
  theme: initialTheme(),
  helpOpen: false,
  setTheme(theme) {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
    set({ theme });
  },
  setHelpOpen(open) {
    set({ helpOpen: open });
  },
});
