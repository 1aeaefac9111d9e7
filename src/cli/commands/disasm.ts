// SPDX-License-Identifier: MIT
/** `bpflab disasm FILE`: any importable program format to readable bpf_asm or a tcpdump -d listing. */
import { exportProgram } from '../../engine/index.ts';
import { choice, parseArgs } from '../args.ts';
import { loadProgram, positionals, printDiagnostics, printJson, withErrors } from '../io.ts';
import type { Command } from './index.ts';

export const disasmCommand: Command = {
  name: 'disasm',
  synopsis: 'disasm FILE [--format asm|d]',
  summary: 'disassemble a program in any format (tcpdump -d/-dd/-ddd, xt_bpf, C array, raw bytes)',
  help: `Reads FILE in any importable format (detected by content: tcpdump -d/-dd/-ddd, bpf_asm /
xt_bpf "N,c t f k,...", C struct sock_filter arrays, raw little-endian 8-byte records) and prints:
  --format asm   readable bpf_asm with labels (default); re-assembles to the same bytes
  --format d     a tcpdump -d listing
  --json         {"format", "detected", "output", "diagnostics"} on stdout`,
  async run(argv) {
    const args = parseArgs(argv, { values: ['format'], booleans: ['json'] });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      const [file] = positionals(args, ['FILE']);
      const format = choice(args, 'format', ['asm', 'd'] as const, 'asm');
      const loaded = loadProgram(file as string);
      const output = exportProgram(loaded.program, format);
      if (json) {
        printJson({ format, detected: loaded.format ?? null, output, diagnostics: loaded.diagnostics });
      } else {
        printDiagnostics(loaded.diagnostics, loaded.source);
        process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      }
      return 0;
    });
  },
};
