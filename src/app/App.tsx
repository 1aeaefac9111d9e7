// SPDX-License-Identifier: MIT
/** The application shell: toolbar, editor and status bar. */
import { useEffect, useState } from 'react';
import defaultProgram from '../../samples/programs/default.bpf?raw';
import { engineWorker } from '../worker/client.ts';
import type { WorkerHello } from '../worker/protocol.ts';
import { Editor } from './components/Editor/index.tsx';
import { StatusBar } from './components/StatusBar/index.tsx';

/** The bpflab page. */
export function App() {
  const [program, setProgram] = useState(defaultProgram);
  const [hello, setHello] = useState<WorkerHello | undefined>();
  const [theme, setTheme] = useState<'light' | 'dark'>(() =>
    window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  );

  useEffect(() => {
    void engineWorker().ping().then(setHello);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">bpflab</h1>
        <span className="tagline">classic BPF playground — runs entirely in your browser</span>
        <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </header>
      <main className="workspace">
        <Editor value={program} onChange={setProgram} theme={theme} />
      </main>
      <StatusBar hello={hello} lines={program.split('\n').length} />
    </div>
  );
}
