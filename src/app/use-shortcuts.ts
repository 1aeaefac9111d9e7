// SPDX-License-Identifier: MIT
/** Debugger keys, as in VS Code: F5 run, F10/F11 step, Shift+F11 step back, Ctrl+Shift+F5 restart. */
import { useEffect } from 'react';
import { useStore } from '../state/store.ts';

/** Install the page-wide debugger shortcuts. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

/** The action a key press stands for, if any. */
function shortcutFor(event: KeyboardEvent): (() => void) | undefined {
  const s = useStore.getState();
  if (event.key === 'F5' && event.ctrlKey && event.shiftKey) return s.restart;
  if (event.key === 'F5' && !event.ctrlKey) return s.continueRun;
  if (event.key === 'F11' && event.shiftKey) return s.stepBack;
  if (event.key === 'F10' || event.key === 'F11') return s.stepInto;
  if (event.key === '?' && !isTyping(event.target)) return () => s.setHelpOpen(!s.helpOpen);
  if (event.key === 'Escape' && s.helpOpen) return () => s.setHelpOpen(false);
  return undefined;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    !!target.closest('.monaco-editor')
  );
}
