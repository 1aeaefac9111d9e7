// SPDX-License-Identifier: MIT
/** The status bar: program size, checker state, capture name, packet count, engine. */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import type { WorkerHello } from '../../../worker/protocol.ts';

/** One line at the bottom of the page. */
export function StatusBar() {
  const [hello, setHello] = useState<WorkerHello | undefined>();
  useEffect(() => {
    void engine().ping().then(setHello);
  }, []);
  const s = useStore(
    useShallow((state) => ({
      analysis: state.analysis,
      checkMode: state.checkMode,
      capture: state.capture,
      runAll: state.runAll,
    })),
  );
  const errors = s.analysis?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
  const warnings = s.analysis?.diagnostics.filter((d) => d.severity === 'warning').length ?? 0;
  const checker = !s.analysis
    ? 'assembling…'
    : !s.analysis.assembled
      ? `${errors} assembler error${errors === 1 ? '' : 's'}`
      : s.analysis.runnable
        ? `accepted by the ${s.checkMode === 'seccomp' ? 'seccomp' : 'Linux'} checker${warnings ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
        : `rejected by the ${s.checkMode === 'seccomp' ? 'seccomp' : 'Linux'} checker (${errors} error${errors === 1 ? '' : 's'})`;
  return (
    <footer className="status-bar">
      <span data-testid="program-status">
        {s.analysis?.listing.length ?? 0} instructions · {checker}
      </span>
      <span data-testid="capture-status">
        {s.capture
          ? `${s.capture.name} · ${s.capture.packetCount.toLocaleString('en')} packets`
          : 'no capture'}
      </span>
      {s.runAll && (
        <span>
          ran all in {s.runAll.milliseconds.toFixed(0)} ms (
          {s.runAll.engine === 'wasm' ? 'WebAssembly' : 'interpreter'})
        </span>
      )}
      <span className="status-spacer" />
      <span data-testid="engine-status">
        {hello
          ? `engine ${hello.engineVersion} ready${hello.webAssembly ? ' · WebAssembly' : ''}`
          : 'engine starting…'}
      </span>
      <span title="Captures and programs are processed in this page only; share links carry the program, never the capture.">
        nothing leaves this browser
      </span>
    </footer>
  );
}
