// SPDX-License-Identifier: MIT
/**
 * The program pane (left column): samples, checker mode, open and export in the header, then the
 * tcpdump-expression bar, the editor, then the problems list.
 */
import { useCallback, useRef, useState } from 'react';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import type { CheckMode } from '../../../worker/protocol.ts';
import { samplePrograms } from '../../samples.ts';
import { Editor, type EditorApi } from '../Editor/index.tsx';
import { importNote, type ProgramNote } from '../Editor/program-import.ts';
import { ExpressionBar } from '../ExpressionBar/index.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import './program-pane.css';

/** The left column of the debugger. */
export function ProgramPane() {
  const editor = useRef<EditorApi>(null);
  const [note, setNote] = useState<ProgramNote | undefined>();
  const checkMode = useStore((s) => s.checkMode);

  const replaceProgram = useCallback((text: string, next: ProgramNote | undefined) => {
    useStore.getState().clearBreakpoints();
    if (editor.current) editor.current.replaceProgram(text);
    else void useStore.getState().setProgramText(text);
    setNote(next);
  }, []);

  return (
    <section className="pane program-pane" aria-label="Program">
      <header className="program-header">
        <h2 className="program-title">Program</h2>
        <SampleMenu
          onPick={(name, text) => replaceProgram(text, { kind: 'info', text: `Opened the sample ${name}` })}
        />
        <label className="program-field">
          Checker
          <select
            value={checkMode}
            onChange={(e) => void useStore.getState().setCheckMode(e.target.value as CheckMode)}
            title="Which kernel's rules the checker applies"
          >
            <option value="socket">Linux socket filter</option>
            <option value="seccomp">seccomp</option>
          </select>
        </label>
        <OpenProgram onOpen={replaceProgram} onError={setNote} />
        <ExportMenu />
      </header>
      {note && (
        <div className={`program-note program-note-${note.kind}`}>
          <span role={note.kind === 'error' ? 'alert' : 'status'}>{note.text}</span>
          <button
            type="button"
            className="program-note-close"
            aria-label="Dismiss"
            onClick={() => setNote(undefined)}
          >
            ×
          </button>
        </div>
      )}
      <ExpressionBar
        onOpen={(text, expression) =>
          replaceProgram(text, { kind: 'info', text: `Opened the program of the expression '${expression}'` })
        }
      />
      <Editor apiRef={editor} onNote={setNote} />
      <Diagnostics onReveal={({ line, column }) => editor.current?.reveal(line, column)} />
    </section>
  );
}

function SampleMenu({ onPick }: { onPick: (name: string, text: string) => void }) {
  const samples = samplePrograms();
  return (
    <select
      className="program-samples"
      aria-label="Sample programs"
      value=""
      onChange={(e) => {
        const sample = samples.find((s) => s.name === e.target.value);
        if (sample) onPick(sample.name, sample.text);
      }}
    >
      <option value="" disabled>
        Samples…
      </option>
      {samples.map((s) => (
        <option key={s.name} value={s.name}>
          {s.name}
          {s.description ? ` — ${s.description}` : ''}
        </option>
      ))}
    </select>
  );
}

interface OpenProgramProps {
  onOpen: (text: string, note: ProgramNote) => void;
  onError: (note: ProgramNote) => void;
}

/** "Open…": a program file in any format, imported as bpf_asm source is kept as written. */
function OpenProgram({ onOpen, onError }: OpenProgramProps) {
  const input = useRef<HTMLInputElement>(null);
  const open = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await engine().importProgram(bytes);
    if (outcome.format === 'asm') {
      // bpf_asm source opens as written, comments and all (errors show as usual).
      onOpen(new TextDecoder().decode(bytes), { kind: 'info', text: `Opened ${file.name}` });
    } else if (outcome.text !== undefined) {
      onOpen(outcome.text, importNote(outcome, file.name));
    } else {
      onError(importNote(outcome, file.name));
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Open a program file: bpf_asm, tcpdump -d/-dd/-ddd, xt_bpf, a C array, or raw .bin records"
      >
        Open program file…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Program file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }}
      />
    </>
  );
}
