// SPDX-License-Identifier: MIT
/**
 * The engine's public surface: the only import path for the worker, the CLI and the app.
 * Pure TypeScript: bytes and strings in, plain structured-cloneable data out.
 */
export type { Diagnostic, DiagnosticNote, Severity, SourceRange } from './diag/diagnostic.ts';
export { hasErrors } from './diag/diagnostic.ts';
export type { AluOp, Insn, JumpCond, RawInsn, Size, Src } from './isa/insn.ts';
export type { ExtensionName } from './isa/opcodes.ts';
export type { Program } from './program.ts';
export { ENGINE_VERSION } from './version.ts';
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
