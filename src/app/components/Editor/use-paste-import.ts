// SPDX-License-Identifier: MIT
/**
 * Paste any program format: when pasted text may be a whole program in another format (tcpdump
 * -d/-dd/-ddd, xt_bpf, a C array), the engine imports it and, if it was one, the editor's text
 * becomes readable bpf_asm with labels (Ctrl+Z brings the paste back).
 */
import { useEffect } from 'react';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import { importNote, maybeForeignProgram, type ProgramNote } from './program-import.ts';
import type { ProgramSync } from './program-sync.ts';
import type { LoadedEditor } from './use-debug-marks.ts';

/** Watch pastes into `loaded` and import foreign programs; `onNote` reports what happened. */
export function usePasteImport(
  loaded: LoadedEditor | undefined,
  sync: ProgramSync | undefined,
  onNote: (note: ProgramNote) => void,
): void {
  useEffect(() => {
    if (!loaded || !sync) return;
    const { editor } = loaded;
    const sub = editor.onDidPaste((e) => {
      const model = editor.getModel();
      if (!model) return;
      const text = model.getValueInRange(e.range);
      if (!maybeForeignProgram(text)) return;
      const release = sync.hold();
      const version = model.getAlternativeVersionId();
      void engine()
        .importProgram(text)
        .then((outcome) => {
          // Typing after the paste wins over a late answer.
          if (model.isDisposed() || model.getAlternativeVersionId() !== version) return;
          if (!outcome.format || outcome.format === 'asm') return;
          if (outcome.text !== undefined) {
            useStore.getState().clearBreakpoints();
            sync.replace(outcome.text);
          }
          onNote(importNote(outcome));
        })
        .finally(release);
    });
    return () => sub.dispose();
  }, [loaded, sync, onNote]);
}
