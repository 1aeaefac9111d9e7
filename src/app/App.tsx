// SPDX-License-Identifier: MIT
/** The application shell: toolbar, the four work areas in resizable panes, status bar. */
import { useEffect } from 'react';
import { useStore } from '../state/store.ts';
import { BranchPath } from './components/BranchPath/index.tsx';
import { CaptureBar } from './components/CaptureBar/index.tsx';
import { FieldTree } from './components/FieldTree/index.tsx';
import { HelpOverlay } from './components/HelpOverlay/index.tsx';
import { HexView } from './components/HexView/index.tsx';
import { SplitPane } from './components/Layout/SplitPane.tsx';
import { Machine } from './components/Machine/index.tsx';
import { PacketContextPanel } from './components/PacketContext/index.tsx';
import { PacketList } from './components/PacketList/index.tsx';
import { ProgramPane } from './components/ProgramPane/index.tsx';
import { StatusBar } from './components/StatusBar/index.tsx';
import { Toolbar } from './components/Toolbar/index.tsx';
import { useShortcuts } from './use-shortcuts.ts';

/** The bpflab page. */
export function App() {
  const theme = useStore((s) => s.theme);
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <Toolbar />
      <main className="workspace">
        <SplitPane id="bpflab-main" orientation="horizontal" sizes={[38, 62]}>
          <ProgramPane />
          <SplitPane id="bpflab-right" orientation="vertical" sizes={[30, 38, 32]}>
            <div className="packets">
              <CaptureBar />
              <PacketList />
            </div>
            <SplitPane id="bpflab-machine" orientation="horizontal" sizes={[45, 55]}>
              <div className="machine-column">
                <Machine />
                <PacketContextPanel />
              </div>
              <BranchPath />
            </SplitPane>
            <SplitPane id="bpflab-bytes" orientation="horizontal" sizes={[55, 45]}>
              <HexView />
              <FieldTree />
            </SplitPane>
          </SplitPane>
        </SplitPane>
      </main>
      <StatusBar />
      <HelpOverlay />
    </div>
  );
}
