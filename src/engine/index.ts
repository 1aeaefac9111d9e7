// SPDX-License-Identifier: MIT
/**
 * The engine's public surface: the only import path for the worker, the CLI and the app.
 * Pure TypeScript: bytes and strings in, plain structured-cloneable data out.
 */

// Program text and binary formats
export type { AssembleOptions, AssembleResult } from './asm/assemble.ts';
export { assemble } from './asm/assemble.ts';
// Captures
export type {
  BlobLike,
  ByteSource,
  Capture,
  CaptureIndexResult,
  CaptureInterface,
  CapturePacket,
  ExportOptions,
  ExportResult,
} from './capture/index.ts';
export {
  blobSource,
  bytesSource,
  exportPackets,
  indexCapture,
  LINKTYPE_EN10MB,
  linkTypeByName,
  linkTypeName,
  openCapture,
  packetLinkTypes,
  writePcap,
  writePcapng,
} from './capture/index.ts';
// Checker
export { check } from './check/check.ts';
// Diagnostics
export type { Diagnostic, DiagnosticNote, Severity, SourceRange } from './diag/diagnostic.ts';
export { hasErrors } from './diag/diagnostic.ts';
export type { DiagnosticSource, FormatOptions } from './diag/format.ts';
export { formatDiagnostic, formatDiagnostics } from './diag/format.ts';
// Dissection and the filter's view of a packet
export type {
  Dissection,
  DissectOptions,
  Field,
  FieldRange,
  PacketSummary,
  TcpConversations,
} from './dissect/index.ts';
export { createTcpConversations, dissect } from './dissect/index.ts';
// Filter expressions (tcpdump / pcap-filter syntax)
export type { CompileFilterOptions, CompileFilterResult } from './filter/compile-filter.ts';
export { compileFilter, FILTER_LINK_TYPES } from './filter/compile-filter.ts';
export { savefileOptions } from './filter/savefile-options.ts';
export { exportProgram, exportProgramBytes } from './formats/export-program.ts';
export type { ImportProgramResult } from './formats/import-program.ts';
export { importProgram } from './formats/import-program.ts';
export type { ProgramFormat } from './formats/program-format.ts';
export { PROGRAM_FORMATS } from './formats/program-format.ts';
export { decode, decodeProgram, encode, encodeProgram } from './isa/codec.ts';
export { assignLabels, formatAsmInsn, formatAsmListing, jumpTargets } from './isa/format-asm.ts';
export { formatTcpdumpInsn, formatTcpdumpListing } from './isa/format-tcpdump.ts';
// Instructions, encoding and listings
export type { AluOp, Insn, JumpCond, RawInsn, Size, Src } from './isa/insn.ts';
export type { ListingStyle } from './isa/listing.ts';
export { disassemble, formatInsn } from './isa/listing.ts';
export type { ExtensionName } from './isa/opcodes.ts';
export {
  EXTENSION_OFFSETS,
  extensionK,
  extensionOf,
  SKF_AD_OFF,
  SKF_LL_OFF,
  SKF_NET_OFF,
} from './isa/opcodes.ts';
export type { FilterView, FilterViewOptions } from './packet-view.ts';
export { filterView } from './packet-view.ts';
export type { Program } from './program.ts';
export { ENGINE_VERSION } from './version.ts';
export { explainStep } from './vm/explain.ts';
export type { FastFilter, PacketBatch } from './vm/fast/index.ts';
export { compileFast } from './vm/fast/index.ts';
export { defaultMeta, resolveMeta } from './vm/meta.ts';
export type { RunOptions } from './vm/run.ts';
export { run } from './vm/run.ts';
// Interpreter and fast path
export type {
  BranchEvent,
  PacketContext,
  PacketMeta,
  ReadEvent,
  RunEnd,
  RunResult,
  Semantics,
  TraceStep,
} from './vm/types.ts';
