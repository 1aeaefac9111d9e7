// SPDX-License-Identifier: MIT
/** The CLI's command table. Each command is a thin call into src/engine/index.ts. */
import { asmCommand } from './asm.ts';
import { checkCommand } from './check.ts';
import { compileCommand } from './compile.ts';
import { disasmCommand } from './disasm.ts';
import { dissectCommand } from './dissect.ts';
import { filterCommand } from './filter.ts';
import { runCommand } from './run.ts';

/** One `bpflab` subcommand. */
export interface Command {
  name: string;
  /** `asm FILE [--format ...]`: shown in the usage text. */
  synopsis: string;
  /** One line: what it does. */
  summary: string;
  /** Longer help for `bpflab NAME --help`. */
  help: string;
  /** Run with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[]): Promise<number>;
}

/** Every command, in the order the usage text lists them. */
export const COMMANDS: readonly Command[] = [
  asmCommand,
  disasmCommand,
  checkCommand,
  runCommand,
  compileCommand,
  filterCommand,
  dissectCommand,
];
