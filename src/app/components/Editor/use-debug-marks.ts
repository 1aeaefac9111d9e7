// SPDX-License-Identifier: MIT
/**
 * The worker's findings and the debugger's position drawn in the editor: diagnostics as markers,
 * the current instruction, the executed path, unreached lines and the verdict as decorations.
 */
import type * as MonacoApi from 'monaco-editor/editor';
import { useEffect, useRef } from 'react';
import { useStore } from '../../../state/store.ts';
import { debugLines } from '../../monaco/debug-lines.ts';
import { debugDecorations } from '../../monaco/decorations.ts';
import type { Monaco } from '../../monaco/load-monaco.ts';
import { diagnosticMarkers } from '../../monaco/markers.ts';

/** The editor instance the hooks work on, once Monaco has loaded. */
export interface LoadedEditor {
  monaco: Monaco;
  editor: MonacoApi.editor.IStandaloneCodeEditor;
}

const MARKER_OWNER = 'bpflab';

/** Keep markers in step with `analysis.diagnostics`. */
export function useMarkers(loaded: LoadedEditor | undefined): void {
  const analysis = useStore((s) => s.analysis);
  useEffect(() => {
    if (!loaded) return;
    const { monaco, editor } = loaded;
    const model = editor.getModel();
    if (!model) return;
    const severity = {
      error: monaco.MarkerSeverity.Error,
      warning: monaco.MarkerSeverity.Warning,
      info: monaco.MarkerSeverity.Info,
    };
    const lines = { count: model.getLineCount(), text: (line: number) => model.getLineContent(line) };
    const markers = diagnosticMarkers(analysis?.diagnostics ?? [], analysis?.listing ?? [], lines).map(
      (m) => ({
        ...m,
        severity: severity[m.severity],
        source: m.code.startsWith('CHK') ? 'checker' : 'assembler',
        relatedInformation: m.related.map((r) => ({
          resource: model.uri,
          message: r.message,
          startLineNumber: r.line,
          startColumn: r.column,
          endLineNumber: r.line,
          endColumn: r.column + 1,
        })),
      }),
    );
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  }, [loaded, analysis]);
}

/** Keep the debugger decorations in step with the trace and cursor; keep the current line in view. */
export function useDebugDecorations(loaded: LoadedEditor | undefined): void {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const listing = useStore((s) => s.analysis?.listing);
  const collection = useRef<MonacoApi.editor.IEditorDecorationsCollection | undefined>(undefined);
  useEffect(() => {
    if (!loaded) return;
    collection.current = loaded.editor.createDecorationsCollection();
    return () => collection.current?.clear();
  }, [loaded]);
  useEffect(() => {
    const model = loaded?.editor.getModel();
    if (!loaded || !model || !collection.current) return;
    if (!trace || !listing) {
      collection.current.clear();
      return;
    }
    const marks = debugLines(trace.run, cursor, listing, trace.packet.wireLength);
    const lineEnd = (line: number) => model.getLineMaxColumn(line);
    collection.current.set(debugDecorations(marks, model.getLineCount(), lineEnd));
    const focus = marks.current ?? marks.verdict?.line;
    if (focus !== undefined && focus <= model.getLineCount() && cursor > 0) {
      loaded.editor.revealLineInCenterIfOutsideViewport(focus);
    }
  }, [loaded, trace, cursor, listing]);
}
