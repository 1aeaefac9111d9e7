// SPDX-License-Identifier: MIT
/**
 * Above the packet list: open a capture (button, drag-and-drop, samples), indexing progress, what
 * went wrong with a damaged file, "Run all packets" with progress, cancel and counts, and the
 * all/accepted/dropped filter.
 */
import { type ChangeEvent, useCallback, useRef } from 'react';
import { useStore } from '../../../state/store.ts';
import { sampleCaptures } from '../../samples.ts';
import { DropZone } from './DropZone.tsx';
import { captureSummary, failureText, progressText, warningLines } from './describe.ts';
import { RunAllControls } from './RunAllControls.tsx';
import './capture-bar.css';

/** File types the chooser offers. */
const ACCEPT = '.pcap,.pcapng,.cap';

/** Open a bundled sample capture by name. */
async function openSample(name: string): Promise<void> {
  const sample = sampleCaptures().find((c) => c.name === name);
  if (!sample) return;
  const response = await fetch(sample.url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await useStore.getState().openCapture(bytes, sample.name);
}

/** The capture bar. */
export function CaptureBar() {
  const progress = useStore((state) => state.openProgress);
  const failure = useStore((state) => state.openFailure);
  const openFile = useCallback((file: File) => void useStore.getState().openCapture(file, file.name), []);
  return (
    <div className="capture-bar">
      <DropZone onFile={openFile} />
      <div className="cb-line">
        <OpenControls busy={progress !== undefined} onFile={openFile} />
        <CaptureInfo />
        <span className="cb-spacer" />
        <RunAllControls />
      </div>
      {progress && (
        <div className="cb-progress" role="status">
          <progress max={progress.total || 1} value={progress.done} aria-label="indexing progress" />
          <span>{progressText(progress)}</span>
        </div>
      )}
      {failure && <FailureBanner />}
    </div>
  );
}

/** "Open capture…" (a file chooser) and the samples menu. */
function OpenControls({ busy, onFile }: { busy: boolean; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const onChoose = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again must fire again
    if (file) onFile(file);
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={busy}>
        Open capture…
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="cb-file"
        aria-label="capture file"
        tabIndex={-1}
        onChange={onChoose}
      />
      <select
        aria-label="open a sample capture"
        className="cb-samples"
        value=""
        disabled={busy}
        onChange={(e) => void openSample(e.target.value)}
      >
        <option value="" disabled>
          Samples…
        </option>
        {sampleCaptures().map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** The open capture's name, format, link types and packet count, and its reader warnings. */
function CaptureInfo() {
  const capture = useStore((state) => state.capture);
  if (!capture) {
    return (
      <span className="cb-info cb-muted">
        No capture open — or drop a pcap/pcapng file anywhere on the page.
      </span>
    );
  }
  const warnings = warningLines(capture);
  return (
    <>
      <span className="cb-info" data-testid="capture-info">
        <strong className="cb-name" title={capture.name}>
          {capture.name}
        </strong>
        <span className="cb-summary">{captureSummary(capture)}</span>
      </span>
      {warnings.length > 0 && (
        <details className="cb-warnings">
          <summary>
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** A damaged or unreadable file, in plain words, with what was kept. */
function FailureBanner() {
  const failure = useStore((state) => state.openFailure);
  const capture = useStore((state) => state.capture);
  if (!failure) return null;
  const text = failureText(failure, capture);
  const fatal = failure.packetCount === 0;
  return (
    <div className={`cb-failure${fatal ? ' fatal' : ''}`} role="alert" data-testid="capture-error">
      <div className="cb-failure-text">
        <strong className="cb-headline">{text.headline}</strong> <span>{text.kept}</span>
        {text.hint && <span className="cb-hint"> Hint: {text.hint}.</span>}
      </div>
      <button type="button" onClick={() => useStore.getState().dismissOpenFailure()}>
        Dismiss
      </button>
    </div>
  );
}
