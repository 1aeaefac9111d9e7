// SPDX-License-Identifier: MIT
/**
 * Creating the Monaco editor once its lazily loaded chunk has arrived, bound to the store's
 * program and theme; and the small API the program pane drives it with.
 */
import { type RefObject, useEffect, useState } from 'react';
import { useStore } from '../../../state/store.ts';
import { BPF_LANGUAGE_ID, EDITOR_THEMES } from '../../monaco/language-id.ts';
import { loadMonaco } from '../../monaco/load-monaco.ts';
import { ProgramSync } from './program-sync.ts';
import type { LoadedEditor } from './use-debug-marks.ts';

/** What the program pane may ask of the editor. */
export interface EditorApi {
  /** Put the cursor at a 1-based line and column, scroll it into view and focus the editor. */
  reveal(line: number, column: number): void;
  /** Replace the whole program as one undoable edit and analyse it at once. */
  replaceProgram(text: string): void;
}

/** The editor in `host` once Monaco has loaded (undefined until then) and its link to the store. */
export function useMonacoEditor(host: RefObject<HTMLDivElement | null>): {
  loaded: LoadedEditor | undefined;
  sync: ProgramSync | undefined;
} {
  const [state, setState] = useState<{ loaded: LoadedEditor; sync: ProgramSync } | undefined>();
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const editor = monaco.editor.create(host.current, {
        value: useStore.getState().programText,
        language: BPF_LANGUAGE_ID,
        theme: EDITOR_THEMES[useStore.getState().theme],
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        glyphMargin: true,
        lineDecorationsWidth: 14,
        colorDecorators: false,
        scrollBeyondLastLine: false,
        // Hovers and suggestions may leave the pane, which clips its overflow.
        fixedOverflowWidgets: true,
        wordBasedSuggestions: 'off',
        quickSuggestions: { other: true, comments: false, strings: false },
        // Enter after a fully typed label or mnemonic starts a new line instead of re-inserting it.
        acceptSuggestionOnEnter: 'smart',
        hover: { delay: 250 },
        ariaLabel: 'BPF program editor',
      });
      const sync = new ProgramSync(editor);
      cleanup = () => {
        sync.dispose();
        editor.dispose();
      };
      setState({ loaded: { monaco, editor }, sync });
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [host]);
  useEffect(() => {
    state?.loaded.monaco.editor.setTheme(EDITOR_THEMES[theme]);
  }, [state, theme]);
  return { loaded: state?.loaded, sync: state?.sync };
}

/** The pane's API over an editor that may not have loaded yet. */
export function editorApi(loaded: LoadedEditor | undefined, sync: ProgramSync | undefined): EditorApi {
  return {
    reveal(line, column) {
      const model = loaded?.editor.getModel();
      if (!loaded || !model || line > model.getLineCount()) return;
      // Never leave the cursor in an instruction's indentation.
      const first = model.getLineFirstNonWhitespaceColumn(line);
      const position = { lineNumber: line, column: Math.max(column, first) };
      loaded.editor.setPosition(position);
      loaded.editor.revealPositionInCenterIfOutsideViewport(position);
      loaded.editor.focus();
    },
    replaceProgram(text) {
      if (sync) sync.replace(text);
      else void useStore.getState().setProgramText(text);
    },
  };
}
