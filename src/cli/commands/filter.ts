// SPDX-License-Identifier: MIT
/** `bpflab filter EXPR CAPTURE`: which packets of a capture a tcpdump expression matches. */
import { writeFileSync } from 'node:fs';
import {
  type Capture,
  compileFast,
  compileFilter,
  type Diagnostic,
  dissect,
  exportPackets,
  type FastFilter,
  hasErrors,
  linkTypeName,
  packetLinkTypes,
  savefileOptions,
} from '../../engine/index.ts';
import { parseArgs, UsageError } from '../args.ts';
import { loadCapture } from '../capture-input.ts';
import { printDiagnostics, printJson, UserError, withErrors } from '../io.ts';
import { EXPRESSION_SOURCE, expressionOf } from './compile.ts';
import type { Command } from './index.ts';

/** One packet's outcome. */
export interface FilterRow {
  /** 1-based packet number. */
  index: number;
  match: boolean;
  /** The filter's return value (0 = no match; otherwise how many bytes tcpdump would keep). */
  ret: number;
}

export const filterCommand: Command = {
  name: 'filter',
  synopsis: 'filter EXPR CAPTURE [--json] [--count] [-w OUT.pcap]',
  summary: 'apply a tcpdump filter expression to a capture, as tcpdump -r CAPTURE EXPR does',
  help: `Compiles EXPR for CAPTURE's link type (in a pcapng with several link types: for each
interface's own) and runs it over every packet as libpcap does when tcpdump reads a file. The last
argument is the capture; the words before it are joined into the expression.
  (default)        one summary line per matching packet: number, time, addresses, protocol, info
  --count          only the number of matching packets
  --json           one object per packet: [{"index" (1-based), "match", "ret"}]; an accepted
                   packet's ret is the file's snapshot length, as tcpdump's program returns
  -w, --write OUT  write the matching packets to OUT (pcap; pcapng when OUT ends in .pcapng;
                   - for stdout), keeping link types and timestamps`,
  async run(argv) {
    const args = parseArgs(argv, {
      values: ['write'],
      booleans: ['json', 'count'],
      aliases: { w: 'write' },
    });
    const json = args.flags.has('json');
    return withErrors(json, async () => {
      if (args.positionals.length < 2) {
        throw new UsageError(`expected EXPR CAPTURE but got ${args.positionals.length} argument(s)`);
      }
      const capturePath = args.positionals.at(-1) as string;
      const expression = expressionOf(args.positionals.slice(0, -1));
      const out = args.flags.get('write');
      if (out === true) throw new UsageError('option --write needs a value');
      if (out === '-' && (json || args.flags.has('count'))) {
        throw new UsageError(
          '-w - writes the capture to stdout: it cannot be combined with --json or --count',
        );
      }
      const { capture, warnings } = loadCapture(capturePath);
      const filters = compileForCapture(expression, capture);
      const rows = applyFilters(capture, filters.byLinkType);
      const matches = rows.filter((r) => r.match);
      if (!json) printDiagnostics([...filters.diagnostics, ...warnings], filters.source);
      if (out !== undefined) await writeMatches(capture, matches, out);
      if (json) printJson(rows);
      else if (args.flags.has('count')) process.stdout.write(`${matches.length}\n`);
      else if (out === undefined) process.stdout.write(summaryLines(capture, matches));
      return 0;
    });
  },
};

interface CaptureFilters {
  byLinkType: Map<number, FastFilter>;
  /** Warnings and notes from compiling (errors throw). */
  diagnostics: Diagnostic[];
  source: { name: string; text: string };
}

/**
 * Compile once per link type in the capture, as libpcap compiles with the file open (the file's
 * byte order and snapshot length, its savefile rules). The programs run with libpcap's semantics:
 * tcpdump reading a file applies the filter in userland, with libpcap's own interpreter
 * (bpf_filter.c).
 */
function compileForCapture(expression: string, capture: Capture): CaptureFilters {
  const source = { name: EXPRESSION_SOURCE, text: expression };
  const byLinkType = new Map<number, FastFilter>();
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const linkType of packetLinkTypes(capture)) {
    const result = compileFilter(expression, savefileOptions(capture, linkType));
    if (!result.program || hasErrors(result.diagnostics)) {
      throw new UserError(
        `the expression does not compile for the capture's link type ${linkTypeName(linkType)}`,
        result.diagnostics,
        source,
      );
    }
    for (const d of result.diagnostics) {
      // The same warning for every link type would only repeat itself.
      const key = `${d.code} ${d.message}`;
      if (!seen.has(key)) diagnostics.push(d);
      seen.add(key);
    }
    byLinkType.set(linkType, compileFast(result.program.insns, 'libpcap'));
  }
  return { byLinkType, diagnostics, source };
}

/** Every packet's verdict under the filter compiled for its link type. */
export function applyFilters(capture: Capture, byLinkType: ReadonlyMap<number, FastFilter>): FilterRow[] {
  const rows: FilterRow[] = [];
  for (let i = 0; i < capture.packetCount; i++) {
    const packet = capture.packetAt(i);
    const filter = byLinkType.get(capture.linkType(i));
    if (!packet || !filter) break;
    // Bytes as they are in the file: tcpdump -r sees no VLAN offload and no socket metadata.
    const ret = filter.filter({ bytes: packet.bytes, wireLength: packet.wireLength });
    rows.push({ index: i + 1, match: ret !== 0, ret });
  }
  return rows;
}

async function writeMatches(capture: Capture, matches: readonly FilterRow[], out: string): Promise<void> {
  const format = out.toLowerCase().endsWith('.pcapng') ? 'pcapng' : 'pcap';
  const { bytes, diagnostics } = await exportPackets(
    capture,
    matches.map((r) => r.index - 1),
    { format },
  );
  if (!bytes) throw new UserError(`cannot write ${out}`, diagnostics);
  if (out === '-') {
    process.stdout.write(bytes);
    return;
  }
  try {
    writeFileSync(out, bytes);
  } catch (err) {
    throw new UserError(`cannot write ${out}: ${(err as Error).message}`);
  }
}

/** tcpdump's clock: local time of day with microseconds. */
function timeOfDay(tsSec: number, tsNsec: number): string {
  const d = new Date(tsSec * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(Math.floor(tsNsec / 1000)).padStart(6, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${micros}`;
}

/** One line per matching packet, like tcpdump's (with the packet number first, as `tcpdump -#`). */
function summaryLines(capture: Capture, matches: readonly FilterRow[]): string {
  return matches
    .map((row) => {
      const p = capture.packetAt(row.index - 1);
      if (!p) return '';
      const s = dissect(p.bytes, p.linkType, { wireLength: p.wireLength }).summary;
      const info = s.info ? `: ${s.info}` : '';
      return `${String(row.index).padStart(6)}  ${timeOfDay(p.tsSec, p.tsNsec)} ${s.protocol} ${s.source} > ${s.destination}${info}, length ${p.wireLength}\n`;
    })
    .join('');
}
