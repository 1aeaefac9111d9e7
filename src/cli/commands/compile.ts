// SPDX-License-Identifier: MIT
/** `bpflab compile EXPR`: a tcpdump (pcap-filter) expression compiled to classic BPF. */
import {
  compileFilter,
  exportProgram,
  hasErrors,
  LINKTYPE_EN10MB,
  linkTypeByName,
  linkTypeName,
  type ProgramFormat,
} from '../../engine/index.ts';
import { choice, type ParsedArgs, parseArgs, UsageError } from '../args.ts';
import { positiveInt, printDiagnostics, printJson, UserError, withErrors } from '../io.ts';
import type { Command } from './index.ts';

const FORMATS = ['d', 'dd', 'ddd', 'asm'] as const;

/** The name diagnostics use for the expression text (the CLI's caret snippets point into it). */
export const EXPRESSION_SOURCE = '<expression>';

/**
 * The expression from the positional arguments: tcpdump joins its trailing arguments with spaces,
 * so `bpflab compile udp port 53` and `bpflab compile 'udp port 53'` mean the same.
 */
export function expressionOf(words: readonly string[]): string {
  return words.join(' ');
}

/** The `--linktype` option as a LINKTYPE number (default EN10MB), or a usage error. */
export function linkTypeOption(args: ParsedArgs): number {
  const value = args.flags.get('linktype');
  if (value === undefined) return LINKTYPE_EN10MB;
  const linkType = value === true ? undefined : linkTypeByName(value);
  if (linkType === undefined) {
    throw new UsageError(`--linktype: unknown link type '${value}' (try EN10MB, RAW, LINUX_SLL, NULL)`);
  }
  return linkType;
}

export const compileCommand: Command = {
  name: 'compile',
  synopsis:
    'compile EXPR [--linktype EN10MB|RAW|LINUX_SLL|LINUX_SLL2|NULL|...] [--snaplen N] [--no-optimize] [--format d|dd|ddd|asm]',
  summary: 'compile a tcpdump filter expression to classic BPF, as tcpdump -d prints it',
  help: `Compiles EXPR (pcap-filter syntax, e.g. 'udp port 53'; several words are joined with spaces,
as tcpdump does) for a link type, with bpflab's own compiler (no libpcap, no name lookups).
  -y, --linktype NAME  the capture's link type: EN10MB (default), RAW, IPV4, IPV6, LINUX_SLL,
                   LINUX_SLL2, NULL, LOOP, or a LINKTYPE number
  -s, --snaplen N  the value an accepted packet returns (default 262144, as tcpdump)
  -O, --no-optimize  print the program before optimisation (as tcpdump -O)
  --format d       listing, exactly as tcpdump -d (default)
  --format dd      C array, as tcpdump -dd
  --format ddd     count line, then "code jt jf k" per line, as tcpdump -ddd
  --format asm     readable bpf_asm, each instruction commented with the primitive it implements
  --json           {"expression", "linkType", "format", "output", "insns", "diagnostics"} on stdout`,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['linktype', 'snaplen', 'format'],
      booleans: ['json', 'no-optimize'],
      // tcpdump's own letters for the same options, so its command lines carry over.
      aliases: { y: 'linktype', s: 'snaplen', O: 'no-optimize' },
    });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      if (args.positionals.length === 0) throw new UsageError('expected EXPR but got no expression');
      const expression = expressionOf(args.positionals);
      const format = choice<ProgramFormat & (typeof FORMATS)[number]>(args, 'format', FORMATS, 'd');
      const linkType = linkTypeOption(args);
      const snaplen = positiveInt(args.flags.get('snaplen'), 'snaplen');
      const source = { name: EXPRESSION_SOURCE, text: expression };
      const { program, diagnostics } = compileFilter(expression, {
        linkType,
        optimize: !args.flags.has('no-optimize'),
        ...(snaplen !== undefined ? { snaplen } : {}),
      });
      if (!program || hasErrors(diagnostics)) {
        throw new UserError('the expression does not compile', diagnostics, source);
      }
      const output = exportProgram(program, format);
      if (json) {
        printJson({
          expression,
          linkType: { value: linkType, name: linkTypeName(linkType) },
          format,
          output,
          insns: program.insns.length,
          diagnostics,
        });
      } else {
        printDiagnostics(diagnostics, source);
        process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      }
      return 0;
    });
  },
};
