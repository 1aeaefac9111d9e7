// SPDX-License-Identifier: MIT
/**
 * Opening a capture: recognise the format by its magic, then run its parser over the bytes, either
 * synchronously over a `Uint8Array` (`openCapture`) or window by window over any `ByteSource`
 * with progress and cancellation (`indexCapture`).
 */
import { error, warning } from '../diag/diagnostic.ts';
import { type ByteSource, bytesSource } from './byte-source.ts';
import { CAP, keptPhrase, magicHint, stopError } from './capture-diagnostics.ts';
import type { CaptureIndexResult, IndexOptions } from './capture-types.ts';
import { IndexedCapture } from './indexed-capture.ts';
import { ParseContext, type Parser } from './parse-context.ts';
import { pcapMagic, readPcap } from './pcap-reader.ts';
import { BT_SHB } from './pcapng-format.ts';
import { readPcapng } from './pcapng-reader.ts';

/** How much of the source one read brings into the window of the file in memory. */
const WINDOW_BYTES = 4 << 20;

/** Index a capture held in memory, synchronously. Packets are views into `bytes`. */
export function openCapture(bytes: Uint8Array): CaptureIndexResult {
  const ctx = new ParseContext(bytes.length);
  ctx.setWindow(0, bytes);
  const parser = startParser(ctx, bytes.subarray(0, 8));
  // The window is the whole file, so a parser never has to ask for more.
  if (parser && !parser.next().done)
    throw new Error('capture parser asked for bytes outside a whole-file window');
  return finish(ctx, bytesSource(bytes));
}

/**
 * Index a capture from any byte source (a `Uint8Array` via `bytesSource`, a Blob or File via
 * `blobSource`), reading it in windows, reporting progress and honouring cancellation.
 */
export async function indexCapture(
  source: ByteSource,
  options: IndexOptions = {},
): Promise<CaptureIndexResult> {
  const ctx = new ParseContext(source.size);
  let head: Uint8Array;
  try {
    head = await source.read(0, 8);
  } catch (e) {
    ctx.sink.push(error(CAP.readFailed, `could not read the capture: ${errorText(e)}`, { offset: 0 }));
    return finish(ctx, source);
  }
  const parser = startParser(ctx, head);
  if (parser) await drive(ctx, parser, source, options);
  options.onProgress?.(source.size, source.size);
  return finish(ctx, source);
}

/** Pick the parser from the first bytes, or report why there is none. */
function startParser(ctx: ParseContext, head: Uint8Array): Parser | undefined {
  if (ctx.size === 0) {
    ctx.sink.push(
      error(CAP.emptyFile, 'the file is empty: a capture starts with a pcap or pcapng header', { offset: 0 }),
    );
    return undefined;
  }
  if (ctx.size < 4) {
    const what = `the file is only ${ctx.size} bytes, too short for a pcap or pcapng header`;
    ctx.sink.push(stopError(CAP.truncatedHeader, 0, what, 0));
    return undefined;
  }
  const word =
    (((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0)) >>> 0;
  if (pcapMagic(word)) {
    ctx.format = 'pcap';
    return readPcap(ctx);
  }
  if (word === BT_SHB) {
    ctx.format = 'pcapng';
    return readPcapng(ctx);
  }
  const hex = word.toString(16).padStart(8, '0');
  const what = `the file starts with 0x${hex}, which is neither a pcap magic (0xa1b2c3d4, 0xa1b23c4d, either byte order) nor a pcapng section header (0x0a0d0d0a)`;
  ctx.sink.push(stopError(CAP.badMagic, 0, what, 0, magicHint(head)));
  return undefined;
}

/** Feed the parser windows of the source until it is done, cancelled, or the source fails. */
async function drive(
  ctx: ParseContext,
  parser: Parser,
  source: ByteSource,
  options: IndexOptions,
): Promise<void> {
  const step = Math.max(WINDOW_BYTES, Math.floor(ctx.size / 100));
  let reported = 0;
  let next = parser.next();
  while (!next.done) {
    if (options.signal?.aborted) {
      parser.return();
      const what = `indexing was cancelled at byte ${ctx.position} of ${ctx.size}; ${keptPhrase(ctx.kept).replace(' before the damage', ' read so far')}`;
      ctx.sink.push(warning(CAP.cancelled, what, { offset: ctx.position }));
      return;
    }
    const need = next.value;
    const length = Math.min(Math.max(need.length, WINDOW_BYTES), ctx.size - need.offset);
    try {
      const bytes = source.readSync
        ? source.readSync(need.offset, length)
        : await source.read(need.offset, length);
      ctx.setWindow(need.offset, bytes);
    } catch (e) {
      parser.return();
      const what = `could not read the capture at byte ${need.offset}: ${errorText(e)}`;
      ctx.sink.push(stopError(CAP.readFailed, need.offset, what, ctx.kept));
      return;
    }
    if (!ctx.has(need.offset, need.length)) {
      parser.return();
      const what = `the source returned too few bytes at byte ${need.offset} (did the file change while it was read?)`;
      ctx.sink.push(stopError(CAP.readFailed, need.offset, what, ctx.kept));
      return;
    }
    if (ctx.position - reported >= step) {
      reported = ctx.position;
      options.onProgress?.(reported, ctx.size);
    }
    if (options.yieldControl) await options.yieldControl();
    next = parser.next();
  }
}

/** Package what the run found; no capture when not even the header could be read. */
function finish(ctx: ParseContext, source: ByteSource): CaptureIndexResult {
  const diagnostics = ctx.sink.finish();
  if (!ctx.format || ctx.sections.length === 0) return { diagnostics };
  const capture = new IndexedCapture(
    {
      format: ctx.format,
      interfaces: ctx.interfaces,
      sections: ctx.sections,
      names: ctx.names,
      secrets: ctx.secrets,
      index: ctx.table.finish(),
    },
    source,
  );
  return { capture, diagnostics };
}

/** A thrown value as text, for a diagnostic. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
