// SPDX-License-Identifier: MIT
/**
 * Keeps the editor and the store's `programText` in step. Typing reaches the store debounced
 * (150 ms), so the worker assembles once per pause rather than per key; text set elsewhere (a
 * sample, an import, a share link) replaces the editor's content as one undoable edit.
 */
import type * as MonacoApi from 'monaco-editor/editor';
import { useStore } from '../../../state/store.ts';

/** Milliseconds of quiet after the last key before the program is re-analysed. */
export const EDIT_DEBOUNCE_MS = 150;

/** The link between one editor instance and the store. */
export class ProgramSync {
  /** True while the whole text is being replaced (listeners must not treat it as typing). */
  replacing = false;
  private lastSent: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private holds = 0;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly editor: MonacoApi.editor.IStandaloneCodeEditor) {
    this.lastSent = useStore.getState().programText;
    const sub = editor.onDidChangeModelContent(() => {
      if (!this.replacing) this.schedule();
    });
    this.disposers.push(() => sub.dispose());
    this.disposers.push(useStore.subscribe((s, prev) => this.onStore(s.programText, prev.programText)));
    // The store may have changed while Monaco was loading.
    const current = useStore.getState().programText;
    if (current !== this.model().getValue()) this.applyExternal(current);
  }

  /** Replace the whole program (sample, import, file) as one undoable edit and analyse it now. */
  replace(text: string): void {
    this.cancelTimer();
    this.setModelText(text);
    this.lastSent = text;
    void useStore.getState().setProgramText(text);
  }

  /** Hold back the debounced update (while a paste is being imported); returns the release. */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0 && this.model().getValue() !== this.lastSent) this.schedule();
    };
  }

  /** Send pending edits now (e.g. before the page hides). */
  flush(): void {
    this.cancelTimer();
    if (this.holds > 0) return;
    const text = this.model().getValue();
    if (text === this.lastSent) return;
    this.lastSent = text;
    void useStore.getState().setProgramText(text);
  }

  dispose(): void {
    this.flush();
    for (const dispose of this.disposers) dispose();
  }

  private schedule(): void {
    this.cancelTimer();
    this.timer = setTimeout(() => this.flush(), EDIT_DEBOUNCE_MS);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onStore(text: string, previous: string): void {
    if (text === previous || text === this.lastSent) return;
    if (text === this.model().getValue()) {
      this.lastSent = text;
      return;
    }
    this.applyExternal(text);
  }

  /** Text set outside the editor: show it, without sending it back. */
  private applyExternal(text: string): void {
    this.cancelTimer();
    this.lastSent = text;
    this.setModelText(text);
  }

  private setModelText(text: string): void {
    const model = this.model();
    this.replacing = true;
    try {
      this.editor.pushUndoStop();
      this.editor.executeEdits('bpflab', [{ range: model.getFullModelRange(), text }]);
      this.editor.pushUndoStop();
      this.editor.setPosition({ lineNumber: 1, column: 1 });
    } finally {
      this.replacing = false;
    }
  }

  private model(): MonacoApi.editor.ITextModel {
    const model = this.editor.getModel();
    if (!model) throw new Error('the BPF editor has no model');
    return model;
  }
}
