// SPDX-License-Identifier: MIT
/** The capture bar's sentences: sizes, progress, what went wrong with a file, run-all results. */
import type { Diagnostic } from '../../../engine/index.ts';
import type { CaptureInfo, RunAllOutcome } from '../../../worker/protocol.ts';

const count = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** A byte count for people: `740 B`, `1.2 KB`, `58.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** `Indexing big.pcap… 12.0 MB of 58.0 MB (20%)`. */
export function progressText(progress: { name: string; done: number; total: number }): string {
  const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 100;
  return `Indexing ${progress.name}… ${formatBytes(progress.done)} of ${formatBytes(progress.total)} (${percent}%)`;
}

/** `pcapng · EN10MB, RAW · 24 packets`. */
export function captureSummary(info: CaptureInfo): string {
  const links = [...new Set(info.interfaces.map((i) => i.linkTypeName))];
  return [info.format, links.join(', ') || 'no interfaces', plural(info.packetCount, 'packet')].join(' · ');
}

/** The first error of an open attempt, if any. */
function firstError(info: CaptureInfo): Diagnostic | undefined {
  return info.diagnostics.find((d) => d.severity === 'error');
}

/** The reader's sentence without its trailing "kept N packets" clause (said separately here). */
function withoutKept(message: string): string {
  return message.replace(/; kept (the )?\d+ packets? before the damage$/, '');
}

/** What went wrong with a file, in plain words: a headline, what was kept, and a hint. */
export interface FailureText {
  headline: string;
  kept: string;
  hint?: string;
}

/**
 * Describe a failed or damaged open. `failed` is the attempt; `open` the capture that is open now
 * (the previous one when nothing of `failed` was readable, else `failed` itself).
 */
export function failureText(failed: CaptureInfo, open: CaptureInfo | undefined): FailureText {
  const error = firstError(failed);
  const where = error?.offset !== undefined ? ` at byte ${count(error.offset)}` : '';
  const what = error ? withoutKept(error.message) : 'it holds no packets';
  const hint = error?.hint;
  if (failed.packetCount === 0) {
    const stays = open && open !== failed ? `${open.name} stays open.` : 'no capture is open.';
    return {
      headline: `Could not open ${failed.name}${where}: ${what}.`,
      kept: `Nothing in it was readable; ${stays}`,
      ...(hint ? { hint } : {}),
    };
  }
  return {
    headline: `${failed.name} is damaged${where}: ${what}`,
    kept: `Kept the ${plural(failed.packetCount, 'packet')} before it.`,
    ...(hint ? { hint } : {}),
  };
}

/** Warnings and notes of an open capture (reading went on past them), one line each. */
export function warningLines(info: CaptureInfo): string[] {
  return info.diagnostics
    .filter((d) => d.severity !== 'error')
    .map((d) => {
      const where = d.offset !== undefined ? `byte ${count(d.offset)}: ` : '';
      const more = d.notes.map((n) => ` (${n.message})`).join('');
      return `${where}${d.message}${more}`;
    });
}

/** `12 accepted · 12 dropped`, how it ran in short (`WebAssembly · 2.3 ms`), and in a sentence. */
export function runSummary(
  outcome: RunAllOutcome,
  total: number,
): { counts: string; how: string; long: string } {
  const counts = `${count(outcome.accepted)} accepted · ${count(outcome.dropped)} dropped`;
  const engine = outcome.engine === 'wasm' ? 'WebAssembly' : 'interpreter';
  const reason = outcome.reason ? ` (${outcome.reason})` : '';
  const ms = outcome.milliseconds;
  const time = `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const cancelled = outcome.cancelled ? `cancelled at ${count(outcome.done)} of ${count(total)} · ` : '';
  const scope = outcome.cancelled
    ? `Cancelled after ${count(outcome.done)} of ${plural(total, 'packet')}`
    : `Ran over ${plural(outcome.done, 'packet')}`;
  const on = outcome.engine === 'wasm' ? 'the program translated to WebAssembly' : 'the interpreter';
  return {
    counts,
    how: `${cancelled}${engine}${reason} · ${time}`,
    long: `${scope} with ${on}${reason} in ${time}.`,
  };
}
