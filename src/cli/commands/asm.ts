// SPDX-License-Identifier: MIT
/** `bpflab asm FILE`: assemble and check, print the bytecode in a chosen format. */
import { check, exportProgram, hasErrors, type ProgramFormat } from '../../engine/index.ts';
import { choice, parseArgs } from '../args.ts';
import { loadProgram, positionals, printDiagnostics, printJson, UserError, withErrors } from '../io.ts';
import type { Command } from './index.ts';

const FORMATS = ['ddd', 'dd', 'd', 'asm', 'xtbpf', 'c'] as const;

export const asmCommand: Command = {
  name: 'asm',
  synopsis: 'asm FILE [--format ddd|dd|d|asm|xtbpf|c] [--seccomp] [--no-check]',
  summary: 'assemble bpf_asm source (or any program format) and print its bytecode',
  help: `Assembles FILE (bpf_asm syntax with bpfc aliases and tcpdump -d listings, or any importable
format), runs the Linux checker, and prints the program:
  --format ddd    count line, then "code jt jf k" per line, exactly as tcpdump -ddd (default)
  --format dd     C array, as tcpdump -dd
  --format d      listing, as tcpdump -d
  --format asm    readable bpf_asm with labels
  --format xtbpf  "N,code jt jf k,..." as bpf_asm prints it for iptables -m bpf / tc
  --format c      struct sock_filter lines, as bpf_asm -c
  --seccomp       check against the seccomp rules instead of socket-filter rules
  --no-check      print even when the Linux checker rejects the program
  --json          {"format", "output", "insns", "diagnostics"} on stdout`,
  async run(argv) {
    const args = parseArgs(argv, { values: ['format'], booleans: ['json', 'seccomp', 'no-check'] });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      const [file] = positionals(args, ['FILE']);
      const format = choice<ProgramFormat & (typeof FORMATS)[number]>(args, 'format', FORMATS, 'ddd');
      const loaded = loadProgram(file as string);
      const checks = check(loaded.program.insns, { mode: args.flags.has('seccomp') ? 'seccomp' : 'socket' });
      const diagnostics = [...loaded.diagnostics, ...checks];
      if (hasErrors(checks) && !args.flags.has('no-check')) {
        throw new UserError('the Linux checker rejects this program', diagnostics, loaded.source);
      }
      const output = exportProgram(loaded.program, format);
      if (json) {
        printJson({ format, output, insns: loaded.program.insns.length, diagnostics });
      } else {
        printDiagnostics(diagnostics, loaded.source);
        process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      }
      return 0;
    });
  },
};
