// SPDX-License-Identifier: MIT
/**
 * `bpflab`: the command line over the same engine as the web app (DESIGN §7). Every command exits
 * 0 on success, 1 on a user error (diagnostics on stderr, caret-formatted) and 2 on a usage error.
 */
import { ENGINE_VERSION } from '../engine/index.ts';
import { UsageError } from './args.ts';
import { COMMANDS } from './commands/index.ts';

const USAGE = `bpflab ${ENGINE_VERSION}: classic BPF playground and debugger

usage: bpflab <command> [options]

commands:
${COMMANDS.map((c) => `  ${c.synopsis}\n      ${c.summary}`).join('\n')}

options for every command:
  --json       print one JSON document on stdout (also for errors)
  --help, -h   show this help
  --version    print the version
`;

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${ENGINE_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`bpflab: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: bpflab ${command.synopsis}\n\n${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`bpflab ${name}: ${err.message}\nusage: bpflab ${command.synopsis}\n`);
      return 2;
    }
    throw err;
  }
}
