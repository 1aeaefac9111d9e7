// SPDX-License-Identifier: MIT
/** The BPF assembly editor: a Monaco instance mounted into a div, loaded lazily. */
import { useEffect, useRef, useState } from 'react';
import { BPF_LANGUAGE_ID } from '../../monaco/language-id.ts';
import { loadMonaco } from '../../monaco/load-monaco.ts';

interface EditorProps {
  value: string;
  onChange: (text: string) => void;
  theme: 'light' | 'dark';
}

/** Monaco editor for BPF assembly; shows a plain loading note until Monaco has arrived. */
export function Editor({ value, onChange, theme }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const editor = monaco.editor.create(host.current, {
        value: latest.current.value,
        language: BPF_LANGUAGE_ID,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 14,
        glyphMargin: true,
        colorDecorators: false,
        scrollBeyondLastLine: false,
        ariaLabel: 'BPF program editor',
      });
      const sub = editor.onDidChangeModelContent(() => latest.current.onChange(editor.getValue()));
      dispose = () => {
        sub.dispose();
        editor.dispose();
      };
      setReady(true);
    });
    return () => {
      disposed = true;
      dispose?.();
    };
  }, []);

  useEffect(() => {
    void loadMonaco().then((monaco) => monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs'));
  }, [theme]);

  return (
    <div className="editor" data-testid="editor" data-ready={ready}>
      {!ready && <p className="editor-loading">Loading the editor…</p>}
      <div ref={host} className="editor-host" />
    </div>
  );
}
