// SPDX-License-Identifier: MIT
/** Reading inputs and reporting results the same way in every command (DESIGN §7 contract). */
import { readFileSync } from 'node:fs';
import {
  type Diagnostic,
  formatDiagnostics,
  hasErrors,
  importProgram,
  type Program,
  type ProgramFormat,
} from '../engine/index.ts';
import { UsageError } from './args.ts';

/** A user error: diagnostics to print (exit 1). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    readonly source?: { name: string; text: string },
  ) {
    super(message);
  }
}

/** Read a file (or `-` for stdin) as bytes; a missing file is a user error. */
export function readInput(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path === '-' ? 0 : path));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new UserError(`cannot read ${path}: ${reason}`);
  }
}

/** True when the bytes are text (no NUL, decodes as UTF-8). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A program loaded from a file in any importable format, with its diagnostics. */
export interface LoadedProgram {
  program: Program;
  format: ProgramFormat | undefined;
  diagnostics: Diagnostic[];
  source?: { name: string; text: string };
}

/** Load PROGRAM: bpf_asm source or any importable format, detected by content. */
export function loadProgram(path: string): LoadedProgram {
  const bytes = readInput(path);
  const name = path === '-' ? '<stdin>' : path;
  if (!isText(bytes)) {
    const result = importProgram(bytes);
    if (!result.program) throw new UserError(`${name}: not a program`, result.diagnostics);
    return { program: result.program, format: result.format, diagnostics: result.diagnostics };
  }
  const text = new TextDecoder().decode(bytes);
  const source = { name, text };
  const result = importProgram(text);
  if (!result.program || hasErrors(result.diagnostics)) {
    throw new UserError(`${name}: the program has errors`, result.diagnostics, source);
  }
  return { program: result.program, format: result.format, diagnostics: result.diagnostics, source };
}

/** Print diagnostics (caret-formatted) to stderr. */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  source?: { name: string; text: string },
): void {
  if (diagnostics.length === 0) return;
  process.stderr.write(
    `${formatDiagnostics(diagnostics, source, { color: process.stderr.isTTY === true })}\n`,
  );
}

/** Write a JSON document to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Run a command body with the contract's error handling: a UserError prints its diagnostics (or a
 * JSON error document with `--json`) and exits 1; a UsageError propagates (exit 2).
 */
export async function withErrors(json: boolean, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError || !(err instanceof UserError)) throw err;
    if (json) {
      printJson({ error: { message: err.message, diagnostics: err.diagnostics } });
    } else {
      printDiagnostics(err.diagnostics, err.source);
      if (err.diagnostics.length === 0 || !err.source) process.stderr.write(`bpflab: ${err.message}\n`);
    }
    return 1;
  }
}

/** A positive integer option, or a usage error. */
export function positiveInt(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = value === true ? Number.NaN : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} needs a positive whole number`);
  return n;
}

/** Exactly `count` positional arguments, else a usage error naming them. */
export function positionals(args: { positionals: string[] }, names: readonly string[]): string[] {
  if (args.positionals.length !== names.length) {
    throw new UsageError(`expected ${names.join(' ')} but got ${args.positionals.length} argument(s)`);
  }
  return args.positionals;
}
