// SPDX-License-Identifier: MIT
/**
 * The typed surface the engine worker exposes through comlink. Everything crossing it is plain,
 * structured-cloneable data; large buffers are transferred, not copied.
 */
import type {
  Diagnostic,
  Field,
  PacketMeta,
  PacketSummary,
  ProgramFormat,
  RunResult,
  Semantics,
  SourceRange,
} from '../engine/index.ts';

/** What the worker answers to a ping: proof that it loaded and which engine it runs. */
export interface WorkerHello {
  engineVersion: string;
  /** Whether WebAssembly can be instantiated here (the fast path needs it). */
  webAssembly: boolean;
}

/** Which kernel hook's rules the checker applies. */
export type CheckMode = 'socket' | 'seccomp';

/** One instruction of the assembled program, as the listing and branch-path views show it. */
export interface ListingRow {
  pc: number;
  /** bpf_asm text with label names (`jeq #0x800, L4, drop`). */
  asm: string;
  /** tcpdump -d text (`(001) jeq #0x800 jt 2 jf 12`). */
  d: string;
  /** Opcode and fields as numbers (`code jt jf k`). */
  code: number;
  jt: number;
  jf: number;
  k: number;
  /** 1-based editor line the instruction came from. */
  line?: number;
  /** Label of this pc, when it has one. */
  label?: string;
  /** Jump targets (absolute pcs): [target] for ja, [true, false] for conditional jumps. */
  targets?: number[];
}

/** The assembled and checked program. */
export interface ProgramAnalysis {
  /** True when the text assembled (the checker may still have found errors). */
  assembled: boolean;
  /** True when it assembled and the checker found no error for the chosen mode. */
  runnable: boolean;
  diagnostics: Diagnostic[];
  listing: ListingRow[];
}

/** The result of turning pasted text (any importable format) into bpf_asm source. */
export interface ImportOutcome {
  /** Readable bpf_asm source with labels, when the text was a program. */
  text?: string;
  /** The detected input format. */
  format?: ProgramFormat;
  diagnostics: Diagnostic[];
}

/** An opened capture, as the UI needs it. */
export interface CaptureInfo {
  name: string;
  format: 'pcap' | 'pcapng';
  byteLength: number;
  packetCount: number;
  /** One entry per interface: its link type number and name. */
  interfaces: { linkType: number; linkTypeName: string; name?: string }[];
  /** Problems found while reading (a damaged file keeps the packets before the damage). */
  diagnostics: Diagnostic[];
}

/** One row of the packet list. */
export interface PacketRow extends PacketSummary {
  index: number;
  tsSec: number;
  tsNsec: number;
  caplen: number;
}

/** How the selected packet is presented to the filter. */
export interface PacketOptions {
  semantics: Semantics;
  /** Present the frame as after hardware VLAN stripping (outer tag moved into metadata). */
  vlanOffload: boolean;
  /** User overrides of the Linux extension metadata. */
  metaOverrides: Partial<PacketMeta>;
}

/** One packet as the debugger shows it: the bytes the filter sees, fields, metadata. */
export interface PacketView {
  index: number;
  /** Bytes the filter sees (after VLAN offload when on). */
  bytes: Uint8Array;
  /** Wire length that goes with `bytes`. */
  wireLength: number;
  /** Captured length in the file (before any offload). */
  caplen: number;
  linkType: number;
  linkTypeName: string;
  fields: Field[];
  summary: PacketSummary;
  /** The metadata the Linux extensions read: derived from the frame, then the user's overrides. */
  meta: PacketMeta;
  tsSec: number;
  tsNsec: number;
  comment?: string;
}

/** A packet's full trace through the current program. */
export interface TraceOutcome {
  packet: PacketView;
  run: RunResult;
}

/** Verdicts of the program over the whole capture. */
export interface RunAllOutcome {
  /** Verdict per packet (index = packet index). */
  verdicts: Uint32Array;
  accepted: number;
  dropped: number;
  /** What ran: the WebAssembly translation or the interpreter, and why it fell back. */
  engine: 'wasm' | 'interpreter';
  reason?: string;
  milliseconds: number;
  /** True when the user cancelled; verdicts then cover only the packets done. */
  cancelled: boolean;
  done: number;
}

/** Progress callback (proxied through comlink). */
export type ProgressCallback = (done: number, total: number) => void;

/** How to compile a tcpdump (pcap-filter) expression. */
export interface ExpressionOptions {
  /** LINKTYPE_* number the program is for (the open capture's). */
  linkType: number;
  /** What an accepted packet returns (default 262144, as tcpdump). */
  snaplen?: number;
  optimize: boolean;
}

/** One instruction of a compiled expression, tied to the primitive it implements. */
export interface ExpressionRow extends ListingRow {
  /** Where the primitive is in the expression (line 1; columns 1-based, end exclusive). */
  range?: SourceRange;
  /** What the primitive is, in words (`udp port 53`). */
  primitive?: string;
}

/** A compiled expression: the program as bpf_asm, its listing, and diagnostics. */
export interface ExpressionOutcome {
  expression: string;
  linkType: number;
  linkTypeName: string;
  optimize: boolean;
  /** bpf_asm with a comment per instruction naming its primitive (absent when it does not compile). */
  text?: string;
  listing: ExpressionRow[];
  diagnostics: Diagnostic[];
}

/** One packet on which the editor's program and the expression disagree. */
export interface VerdictDifference {
  /** 0-based packet index. */
  index: number;
  editor: number;
  expression: number;
  /** One accepts and the other drops, or both accept but keep different lengths. */
  kind: 'accept-drop' | 'length';
}

/** The editor's program and an expression run over the whole capture. */
export interface CompareOutcome {
  expression: string;
  /** Packets compared. */
  total: number;
  editorAccepted: number;
  expressionAccepted: number;
  /** Packets whose verdicts differ, by kind. */
  acceptDrop: number;
  lengths: number;
  /** The first differing packets, in capture order (at most a few thousand). */
  differences: VerdictDifference[];
  /** Why nothing was compared (no capture, the program does not assemble, the expression has errors). */
  problem?: string;
  diagnostics: Diagnostic[];
  milliseconds: number;
}

/** The engine worker's API. */
export interface EngineWorkerApi {
  ping(): Promise<WorkerHello>;
  setProgram(text: string, mode: CheckMode): Promise<ProgramAnalysis>;
  /** Text, or a file's bytes (raw `struct sock_filter` records are detected by their NUL bytes). */
  importProgram(source: string | Uint8Array): Promise<ImportOutcome>;
  exportProgram(format: ProgramFormat): Promise<string | undefined>;
  openCapture(source: Blob | Uint8Array, name: string, onProgress?: ProgressCallback): Promise<CaptureInfo>;
  packetRows(start: number, count: number): Promise<PacketRow[]>;
  packetView(index: number, options: PacketOptions): Promise<PacketView | undefined>;
  trace(index: number, options: PacketOptions): Promise<TraceOutcome | undefined>;
  runAll(options: PacketOptions, onProgress?: ProgressCallback): Promise<RunAllOutcome | undefined>;
  cancelRunAll(): Promise<void>;
  /** Compile a tcpdump expression (the program stays the editor's: nothing is replaced). */
  compileExpression(expression: string, options: ExpressionOptions): Promise<ExpressionOutcome>;
  /** Run the editor's program and the expression (compiled per link type) over the whole capture. */
  compareWithEditor(
    expression: string,
    options: PacketOptions & { optimize: boolean },
  ): Promise<CompareOutcome>;
}
