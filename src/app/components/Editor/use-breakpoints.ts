// SPDX-License-Identifier: MIT
/**
 * Breakpoints in the editor: a click in the glyph margin or F9 toggles one, a right-click (or the
 * context-menu action) opens its condition; glyphs show plain, conditional, broken and
 * instruction-less breakpoints; edits above a breakpoint carry it along with its line.
 */
import type * as MonacoApi from 'monaco-editor/editor';
import { useEffect } from 'react';
import type { LineBreakpoint } from '../../../state/program-slice.ts';
import { useStore } from '../../../state/store.ts';
import { breakpointGlyphs, instructionLineFrom } from '../../monaco/debug-lines.ts';
import { breakpointDecorations, breakpointHint } from '../../monaco/decorations.ts';
import type { ProgramSync } from './program-sync.ts';
import type { LoadedEditor } from './use-debug-marks.ts';

/** Toggle the breakpoint of `line`; a new one snaps to the next line holding an instruction. */
export function toggleBreakpointAt(line: number): void {
  const state = useStore.getState();
  if (state.breakpoints.some((b) => b.line === line)) {
    state.toggleBreakpoint(line);
    return;
  }
  const listing = state.analysis?.assembled ? state.analysis.listing : undefined;
  const target = (listing && instructionLineFrom(line, listing)) ?? line;
  if (!state.breakpoints.some((b) => b.line === target)) state.toggleBreakpoint(target);
}

/** Wire breakpoints into `loaded`; `openCondition(line)` shows the condition editor. */
export function useBreakpoints(
  loaded: LoadedEditor | undefined,
  sync: ProgramSync | undefined,
  openCondition: (line: number) => void,
): void {
  useEffect(() => {
    if (!loaded || !sync) return;
    const disposers = [
      drawBreakpoints(loaded, sync),
      wireGutter(loaded, openCondition),
      addActions(loaded, openCondition),
    ];
    return () => {
      for (const dispose of disposers) dispose();
    };
  }, [loaded, sync, openCondition]);
}

/** Keep the glyphs in step with the store, and the store in step with edits; returns the undo. */
function drawBreakpoints({ editor }: LoadedEditor, sync: ProgramSync): () => void {
  const glyphs = editor.createDecorationsCollection();
  let drawn: LineBreakpoint[] = [];
  const draw = () => {
    const state = useStore.getState();
    drawn = state.breakpoints;
    const listing = state.analysis?.assembled ? state.analysis.listing : undefined;
    const lineCount = editor.getModel()?.getLineCount() ?? 0;
    glyphs.set(breakpointDecorations(breakpointGlyphs(drawn, listing), lineCount));
  };
  draw();
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.breakpoints !== prev.breakpoints || s.analysis !== prev.analysis) draw();
  });
  const onEdit = editor.onDidChangeModelContent(() => {
    // A whole-program replacement says nothing about where breakpoints went.
    if (sync.replacing) draw();
    else carryAlong(glyphs.getRanges(), drawn);
  });
  return () => {
    unsubscribe();
    onEdit.dispose();
    glyphs.clear();
  };
}

/** Clicks in the glyph margin: left toggles, right edits the condition; a faint dot on hover. */
function wireGutter({ monaco, editor }: LoadedEditor, openCondition: (line: number) => void): () => void {
  const hint = editor.createDecorationsCollection();
  const isGlyph = (e: MonacoApi.editor.IEditorMouseEvent) =>
    e.target.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN;
  const subscriptions = [
    editor.onMouseDown((e) => {
      const line = e.target.position?.lineNumber;
      if (!isGlyph(e) || line === undefined) return;
      if (e.event.rightButton) openCondition(line);
      else if (e.event.leftButton) toggleBreakpointAt(line);
    }),
    editor.onContextMenu((e) => {
      if (isGlyph(e)) e.event.preventDefault();
    }),
    editor.onMouseMove((e) => {
      const line = e.target.position?.lineNumber;
      const free = line !== undefined && !useStore.getState().breakpoints.some((b) => b.line === line);
      hint.set(isGlyph(e) && free ? [breakpointHint(line)] : []);
    }),
    editor.onMouseLeave(() => hint.clear()),
  ];
  return () => {
    for (const s of subscriptions) s.dispose();
    hint.clear();
  };
}

/** F9 and the context-menu entries. */
function addActions({ monaco, editor }: LoadedEditor, openCondition: (line: number) => void): () => void {
  const actions = [
    editor.addAction({
      id: 'bpflab.toggleBreakpoint',
      label: 'Toggle breakpoint',
      keybindings: [monaco.KeyCode.F9],
      contextMenuGroupId: '9_bpflab',
      contextMenuOrder: 1,
      run: (ed) => toggleBreakpointAt(ed.getPosition()?.lineNumber ?? 1),
    }),
    editor.addAction({
      id: 'bpflab.editBreakpointCondition',
      label: 'Edit breakpoint condition…',
      contextMenuGroupId: '9_bpflab',
      contextMenuOrder: 2,
      run: (ed) => openCondition(ed.getPosition()?.lineNumber ?? 1),
    }),
  ];
  return () => {
    for (const a of actions) a.dispose();
  };
}

/** After an edit, move each breakpoint to where its (tracked) glyph went. */
function carryAlong(ranges: readonly MonacoApi.IRange[], drawn: readonly LineBreakpoint[]): void {
  if (ranges.length !== drawn.length) return;
  let moved = false;
  const seen = new Set<number>();
  const next: LineBreakpoint[] = [];
  drawn.forEach((bp, i) => {
    const line = ranges[i]?.startLineNumber ?? bp.line;
    if (line !== bp.line) moved = true;
    // Two breakpoints whose lines merged (a deleted line) become one.
    if (seen.has(line)) {
      moved = true;
      return;
    }
    seen.add(line);
    next.push({ ...bp, line });
  });
  if (moved) useStore.getState().setBreakpoints(next);
}
