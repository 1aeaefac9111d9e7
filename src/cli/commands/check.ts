// SPDX-License-Identifier: MIT
/** `bpflab check FILE`: the Linux classic-BPF checker's verdict, with the rule and the fix. */
import { check, hasErrors } from '../../engine/index.ts';
import { parseArgs } from '../args.ts';
import { loadProgram, positionals, printDiagnostics, printJson, withErrors } from '../io.ts';
import type { Command } from './index.ts';

export const checkCommand: Command = {
  name: 'check',
  synopsis: 'check FILE [--seccomp]',
  summary: 'run the Linux checker: which kernel rule a program breaks, at which pc, and how to fix it',
  help: `Checks FILE (any program format) against every rule of the Linux classic-BPF checker (the
kernel only answers EINVAL; this says which rule, where, and how to fix it).
  --seccomp   add the seccomp filter rules (seccomp_check_filter)
  --json      {"ok", "diagnostics"} on stdout
Exit status: 0 when the kernel would accept the program, 1 when it would reject it.`,
  async run(argv) {
    const args = parseArgs(argv, { booleans: ['json', 'seccomp'] });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      const [file] = positionals(args, ['FILE']);
      const loaded = loadProgram(file as string);
      const diagnostics = [
        ...loaded.diagnostics,
        ...check(loaded.program.insns, { mode: args.flags.has('seccomp') ? 'seccomp' : 'socket' }),
      ];
      const ok = !hasErrors(diagnostics);
      if (json) {
        printJson({ ok, diagnostics });
      } else {
        printDiagnostics(diagnostics, loaded.source);
        const errors = diagnostics.filter((d) => d.severity === 'error').length;
        if (ok)
          process.stdout.write(
            `ok: the ${args.flags.has('seccomp') ? 'seccomp' : 'Linux'} checker accepts this program\n`,
          );
        else process.stderr.write(`rejected: ${errors} error${errors === 1 ? '' : 's'}\n`);
      }
      return ok ? 0 : 1;
    });
  },
};
