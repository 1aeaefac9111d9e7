// SPDX-License-Identifier: MIT
/** `bpflab dissect CAPTURE`: packets and their fields with byte offsets, as the debugger shows them. */
import { dissect, type Field, linkTypeName } from '../../engine/index.ts';
import { parseArgs } from '../args.ts';
import { loadCapture } from '../capture-input.ts';
import { positionals, positiveInt, printDiagnostics, printJson, UserError, withErrors } from '../io.ts';
import type { Command } from './index.ts';

export const dissectCommand: Command = {
  name: 'dissect',
  synopsis: 'dissect CAPTURE [--json] [--packet N]',
  summary: 'list the packets of a capture, or one packet field by field with byte offsets',
  help: `Reads CAPTURE (pcap or pcapng; a damaged file keeps the packets before the damage and warns).
  --packet N   only packet N (1-based), with its dissection tree
  --json       {"format", "linkTypes", "packets": [{"index", "caplen", "len", "ts", "interface",
               "summary", "fields"?}], "warnings": []}; fields are included with --packet`,
  async run(argv) {
    const args = parseArgs(argv, { values: ['packet'], booleans: ['json'] });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      const [path] = positionals(args, ['CAPTURE']);
      const only = positiveInt(args.flags.get('packet'), 'packet');
      const { capture, warnings } = loadCapture(path as string);
      if (only !== undefined && only > capture.packetCount) {
        throw new UserError(`--packet ${only}: the capture has ${capture.packetCount} packets`);
      }
      const indices =
        only !== undefined ? [only - 1] : Array.from({ length: capture.packetCount }, (_, i) => i);
      const packets = indices.map((i) => {
        const p = capture.packetAt(i);
        if (!p) throw new UserError(`packet ${i + 1} cannot be read`);
        const d = dissect(p.bytes, p.linkType, { wireLength: p.wireLength });
        return {
          index: i + 1,
          caplen: p.caplen,
          len: p.wireLength,
          ts: `${p.tsSec}.${String(p.tsNsec).padStart(9, '0')}`,
          interface: p.interfaceId,
          linkType: p.linkType,
          summary: d.summary,
          ...(only !== undefined ? { fields: d.fields } : {}),
        };
      });
      if (json) {
        printJson({
          format: capture.format,
          linkTypes: capture.interfaces.map((i) => ({
            linkType: i.linkType,
            name: linkTypeName(i.linkType),
          })),
          packets,
          warnings,
        });
        return 0;
      }
      printDiagnostics(warnings);
      for (const p of packets) {
        const s = p.summary;
        process.stdout.write(
          `${String(p.index).padStart(6)} ${p.ts} ${s.source} → ${s.destination} ${s.protocol} ${s.length} ${s.info}\n`,
        );
        if (p.fields) process.stdout.write(formatFields(p.fields, 1));
      }
      return 0;
    });
  },
};

function formatFields(fields: readonly Field[], depth: number): string {
  return fields
    .map((f) => {
      const at = `[${f.range.offset}:${f.range.length}${f.range.bitMask !== undefined ? ` mask 0x${f.range.bitMask.toString(16)}` : ''}]`;
      return `${'  '.repeat(depth)}${f.label}  ${at}\n${formatFields(f.children, depth + 1)}`;
    })
    .join('');
}
