// SPDX-License-Identifier: MIT
/**
 * The worker's state and the work it does for the UI: the current program, the open capture, and
 * every request over them. Kept free of worker globals so it runs (and is tested) under node too.
 */
import {
  assemble,
  blobSource,
  bytesSource,
  type Capture,
  type FastFilter as CompiledFilter,
  check,
  compileFast,
  createTcpConversations,
  dissect,
  exportProgram,
  filterView,
  hasErrors,
  importProgram,
  indexCapture,
  linkTypeName,
  type PacketContext,
  type Program,
  type ProgramFormat,
  run,
  type TcpConversations,
} from '../engine/index.ts';
import { compareWithEditor, compileExpression } from './expression.ts';
import { buildListing } from './listing.ts';
import type {
  CaptureInfo,
  CheckMode,
  CompareOutcome,
  ExpressionOptions,
  ExpressionOutcome,
  ImportOutcome,
  PacketOptions,
  PacketRow,
  PacketView,
  ProgramAnalysis,
  ProgressCallback,
  RunAllOutcome,
  TraceOutcome,
} from './protocol.ts';
import { runAllPackets } from './run-all.ts';

/** Everything the worker holds between requests. */
export class EngineSession {
  private program: Program | undefined;
  private capture: Capture | undefined;
  private captureName = '';
  private conversations: TcpConversations = createTcpConversations();
  private runToken = { cancelled: false };
  private fast: { key: string; filter: CompiledFilter } | undefined;

  /** Assemble and check `text`; keep the program when it assembled. */
  setProgram(text: string, mode: CheckMode): ProgramAnalysis {
    const { program, diagnostics } = assemble(text);
    this.program = program;
    this.fast = undefined;
    if (!program) return { assembled: false, runnable: false, diagnostics, listing: [] };
    const checks = check(program.insns, { mode });
    const all = [...diagnostics, ...checks];
    return {
      assembled: true,
      runnable: !hasErrors(checks),
      diagnostics: all,
      listing: buildListing(program),
    };
  }

  /** Turn pasted text or a file's bytes in any importable format into readable bpf_asm. */
  importProgram(source: string | Uint8Array): ImportOutcome {
    const { program, format, diagnostics } = importProgram(source);
    if (!program) return { diagnostics, ...(format ? { format } : {}) };
    return { text: exportProgram(program, 'asm'), diagnostics, ...(format ? { format } : {}) };
  }

  /** The current program in another format (undefined when it does not assemble). */
  exportProgram(format: ProgramFormat): string | undefined {
    return this.program ? exportProgram(this.program, format) : undefined;
  }

  /** Index a capture from a File/Blob or bytes; the previous one stays if nothing was readable. */
  async openCapture(
    source: Blob | Uint8Array,
    name: string,
    onProgress?: ProgressCallback,
  ): Promise<CaptureInfo> {
    const byteSource = source instanceof Uint8Array ? bytesSource(source) : blobSource(source);
    const { capture, diagnostics } = await indexCapture(byteSource, {
      ...(onProgress ? { onProgress } : {}),
      yieldControl: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    const info: CaptureInfo = {
      name,
      format: capture?.format ?? 'pcap',
      byteLength: byteSource.size,
      packetCount: capture?.packetCount ?? 0,
      interfaces: (capture?.interfaces ?? []).map((i) => ({
        linkType: i.linkType,
        linkTypeName: linkTypeName(i.linkType),
        ...(i.name ? { name: i.name } : {}),
      })),
      diagnostics,
    };
    if (capture) {
      this.capture = capture;
      this.captureName = name;
      this.conversations = createTcpConversations();
    }
    return info;
  }

  /** Packet-list rows `start` .. `start + count` (clamped to the capture). */
  async packetRows(start: number, count: number): Promise<PacketRow[]> {
    const capture = this.capture;
    if (!capture) return [];
    const end = Math.min(capture.packetCount, start + count);
    const packets = await capture.readPackets(Math.max(0, start), end);
    return packets.map((p) => {
      const { summary } = dissect(p.bytes, p.linkType, {
        wireLength: p.wireLength,
        tcpConversations: this.conversations,
      });
      return { ...summary, index: p.index, tsSec: p.tsSec, tsNsec: p.tsNsec, caplen: p.caplen };
    });
  }

  /** One packet with its fields and the metadata the filter will see. */
  async packetView(index: number, options: PacketOptions): Promise<PacketView | undefined> {
    const packet = await this.capture?.readPacket(index);
    if (!packet) return undefined;
    const { context, dissection } = filterView(packet, { ...options, tcpConversations: this.conversations });
    return {
      index,
      bytes: context.bytes,
      wireLength: context.wireLength,
      caplen: packet.caplen,
      linkType: packet.linkType,
      linkTypeName: linkTypeName(packet.linkType),
      fields: dissection.fields,
      summary: dissection.summary,
      meta: context.meta,
      tsSec: packet.tsSec,
      tsNsec: packet.tsNsec,
      ...(packet.comment ? { comment: packet.comment } : {}),
    };
  }

  /** Run the current program on one packet with the whole trace. */
  async trace(index: number, options: PacketOptions): Promise<TraceOutcome | undefined> {
    const program = this.program;
    const packet = await this.packetView(index, options);
    if (!program || !packet) return undefined;
    const context: PacketContext = { bytes: packet.bytes, wireLength: packet.wireLength, meta: packet.meta };
    return { packet, run: run(program.insns, context, options.semantics) };
  }

  /** Verdicts for every packet, through the fast path, in cancellable chunks. */
  async runAll(options: PacketOptions, onProgress?: ProgressCallback): Promise<RunAllOutcome | undefined> {
    const { program, capture } = this;
    if (!program || !capture) return undefined;
    this.runToken.cancelled = true;
    const token = { cancelled: false };
    this.runToken = token;
    const key = `${options.semantics}`;
    if (this.fast?.key !== key) this.fast = { key, filter: compileFast(program.insns, options.semantics) };
    return runAllPackets(capture, program.insns, this.fast.filter, options, token, onProgress);
  }

  /** Stop a running `runAll` after its current chunk. */
  cancelRunAll(): void {
    this.runToken.cancelled = true;
  }

  /** Compile a tcpdump expression for the expression bar (the editor's program is untouched). */
  compileExpression(expression: string, options: ExpressionOptions): ExpressionOutcome {
    return compileExpression(expression, options, this.capture);
  }

  /** The editor's program against `expression` over the whole capture: where the verdicts differ. */
  compareWithEditor(
    expression: string,
    options: PacketOptions & { optimize: boolean },
  ): Promise<CompareOutcome> {
    return compareWithEditor(this.capture, this.program, expression, options);
  }

  /** Name of the open capture ('' when none). */
  get openCaptureName(): string {
    return this.captureName;
  }
}
