// SPDX-License-Identifier: MIT
/**
 * Export: the current program in every format the tools use, each with a Copy button and a
 * preview, plus the raw `struct sock_filter` bytes as a download.
 */
import { useEffect, useRef, useState } from 'react';
import type { ProgramFormat } from '../../../engine/index.ts';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';

const FORMATS: readonly { format: ProgramFormat; name: string; what: string }[] = [
  { format: 'asm', name: 'bpf_asm', what: 'source with labels' },
  { format: 'd', name: 'tcpdump -d', what: 'listing, absolute jump targets' },
  { format: 'dd', name: 'tcpdump -dd', what: 'C initialisers' },
  { format: 'ddd', name: 'tcpdump -ddd', what: 'decimal, count first' },
  { format: 'xtbpf', name: 'xt_bpf', what: 'one line for iptables -m bpf --bytecode' },
  { format: 'c', name: 'bpf_asm -c', what: 'C struct sock_filter array' },
];

type Texts = Partial<Record<ProgramFormat, string>>;

/** The Export button and its popover. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="export" ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export ▾
      </button>
      {open && <ExportPanel anchor={button.current} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** Where the panel goes: under its button, kept inside the window (panes clip their overflow). */
function placement(anchor: HTMLElement | null): { top: number; left: number; width: number } {
  const width = Math.min(460, window.innerWidth - 16);
  const rect = anchor?.getBoundingClientRect();
  if (!rect) return { top: 48, left: 8, width };
  return {
    top: rect.bottom + 4,
    left: Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)),
    width,
  };
}

/** Every format of the current program, fetched from the worker whenever the program changes. */
function useExports(assembled: boolean, analysis: unknown): Texts | undefined {
  const [texts, setTexts] = useState<Texts | undefined>();
  useEffect(() => {
    let live = true;
    if (!assembled || !analysis) return;
    const formats = [...FORMATS.map((f) => f.format), 'raw' as const];
    void Promise.all(formats.map((f) => engine().exportProgram(f))).then((results) => {
      if (!live) return;
      const next: Texts = {};
      formats.forEach((f, i) => {
        const text = results[i];
        if (text !== undefined) next[f] = text;
      });
      setTexts(next);
    });
    return () => {
      live = false;
    };
  }, [assembled, analysis]);
  return texts;
}

function ExportPanel({ anchor, onClose }: { anchor: HTMLElement | null; onClose: () => void }) {
  const analysis = useStore((s) => s.analysis);
  const texts = useExports(analysis?.assembled === true, analysis);
  const [shown, setShown] = useState<ProgramFormat>('dd');
  const [copied, setCopied] = useState<ProgramFormat | undefined>();

  const copy = async (format: ProgramFormat) => {
    const text = texts?.[format];
    if (text === undefined) return;
    setShown(format);
    await copyText(text);
    setCopied(format);
    setTimeout(() => setCopied((c) => (c === format ? undefined : c)), 1500);
  };

  return (
    <div
      className="export-panel"
      style={placement(anchor)}
      role="dialog"
      aria-label="Export the program"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      {!analysis?.assembled ? (
        <p className="export-empty">The program does not assemble yet: fix its errors first.</p>
      ) : (
        <>
          <FormatList
            texts={texts}
            shown={shown}
            copied={copied}
            onShow={setShown}
            onCopy={(f) => void copy(f)}
          />
          <textarea
            className="export-preview"
            readOnly
            rows={10}
            aria-label={`${FORMATS.find((f) => f.format === shown)?.name} text`}
            value={texts?.[shown] ?? 'exporting…'}
          />
          <div className="export-footer">
            <button
              type="button"
              disabled={texts?.raw === undefined}
              onClick={() => texts?.raw && downloadRaw(texts.raw)}
            >
              Download .bin
            </button>
            <span>raw little-endian struct sock_filter records (8 bytes each)</span>
          </div>
        </>
      )}
    </div>
  );
}

interface FormatListProps {
  texts: Texts | undefined;
  shown: ProgramFormat;
  copied: ProgramFormat | undefined;
  onShow: (format: ProgramFormat) => void;
  onCopy: (format: ProgramFormat) => void;
}

/** One row per format: its name (shows it below) and its Copy button. */
function FormatList({ texts, shown, copied, onShow, onCopy }: FormatListProps) {
  return (
    <ul className="export-formats">
      {FORMATS.map((f) => (
        <li key={f.format} className={shown === f.format ? 'selected' : undefined}>
          <button
            type="button"
            className="export-show"
            aria-pressed={shown === f.format}
            onClick={() => onShow(f.format)}
          >
            <strong>{f.name}</strong> <span>{f.what}</span>
          </button>
          <button
            type="button"
            aria-label={`Copy as ${f.name}`}
            disabled={texts?.[f.format] === undefined}
            onClick={() => onCopy(f.format)}
          >
            {copied === f.format ? 'Copied ✓' : 'Copy'}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Copy text, falling back to a hidden text area where the Clipboard API is refused. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** Save the raw records (the engine gives them as a hex dump, 8 bytes a line). */
function downloadRaw(hexDump: string): void {
  const pairs = hexDump.trim().split(/\s+/).filter(Boolean);
  const bytes = Uint8Array.from(pairs, (p) => Number.parseInt(p, 16));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'program.bin';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
