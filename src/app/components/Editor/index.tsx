// SPDX-License-Identifier: MIT
/**
 * The BPF program editor: Monaco, loaded lazily (the program shows as plain text until it
 * arrives), with markers, hover docs, completion, gutter breakpoints with conditions, the
 * debugger's marks, and paste-to-import of other program formats.
 */
import { type RefObject, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useStore } from '../../../state/store.ts';
import { ConditionEditor } from './ConditionEditor.tsx';
import type { ProgramNote } from './program-import.ts';
import { useBreakpoints } from './use-breakpoints.ts';
import { type LoadedEditor, useDebugDecorations, useMarkers } from './use-debug-marks.ts';
import { type EditorApi, editorApi, useMonacoEditor } from './use-monaco-editor.ts';
import { usePasteImport } from './use-paste-import.ts';
import './editor.css';

export type { EditorApi } from './use-monaco-editor.ts';

interface EditorProps {
  apiRef?: RefObject<EditorApi | null>;
  /** Notes for the user (a paste was imported, or could not be). */
  onNote: (note: ProgramNote) => void;
}

/** The Monaco editor bound to the store's program. */
export function Editor({ apiRef, onNote }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const { loaded, sync } = useMonacoEditor(host);
  const [conditionLine, setConditionLine] = useState<number | undefined>();
  const programText = useStore((s) => s.programText);
  useImperativeHandle(apiRef, () => editorApi(loaded, sync), [loaded, sync]);

  const openCondition = useCallback((line: number) => setConditionLine(line), []);
  useMarkers(loaded);
  useDebugDecorations(loaded);
  useBreakpoints(loaded, sync, openCondition);
  usePasteImport(loaded, sync, onNote);

  return (
    <div className="editor" data-testid="editor" data-ready={loaded !== undefined}>
      {!loaded && (
        <div className="editor-fallback">
          <p className="editor-loading" role="status">
            Loading the editor…
          </p>
          <pre>{programText}</pre>
        </div>
      )}
      <div ref={host} className="editor-host" />
      {loaded && conditionLine !== undefined && (
        <ConditionPopover loaded={loaded} line={conditionLine} onClose={() => setConditionLine(undefined)} />
      )}
    </div>
  );
}

interface ConditionPopoverProps {
  loaded: LoadedEditor;
  line: number;
  onClose: () => void;
}

/** The condition editor placed under its line, following the editor's scrolling. */
function ConditionPopover({ loaded, line, onClose }: ConditionPopoverProps) {
  const { editor } = loaded;
  const [, setScrollTick] = useState(0);
  useEffect(() => {
    const sub = editor.onDidScrollChange(() => setScrollTick((t) => t + 1));
    return () => sub.dispose();
  }, [editor]);
  const initial = useStore.getState().breakpoints.find((b) => b.line === line)?.condition ?? '';
  const top = editor.getTopForLineNumber(line + 1) - editor.getScrollTop() + 2;
  const close = () => {
    onClose();
    editor.focus();
  };
  return (
    <ConditionEditor
      line={line}
      initial={initial}
      top={Math.max(0, top)}
      left={editor.getLayoutInfo().contentLeft}
      onSave={(condition) => {
        useStore.getState().setBreakpointCondition(line, condition);
        close();
      }}
      onRemove={() => {
        const state = useStore.getState();
        if (state.breakpoints.some((b) => b.line === line)) state.toggleBreakpoint(line);
        close();
      }}
      onCancel={close}
    />
  );
}
