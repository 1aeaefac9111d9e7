// SPDX-License-Identifier: MIT
/**
 * The line protocol of the libpcap reference harness (scripts/harness/libpcap-compile.c), for the
 * filter compiler's tests: build its command lines and read its answers. Pure text in, data out.
 */
import type { RawInsn } from '../../isa/insn.ts';

/** One compile request: link type (as a DLT), snaplen, optimizer flag, netmask, expression. */
export interface CompileJob {
  dlt: number;
  snaplen: number;
  optimize: boolean;
  netmask: number;
  expr: string;
}

/** libpcap's answer to a compile request. */
export type CompileAnswer =
  | { ok: false; error: string }
  | { ok: true; insns: RawInsn[]; verdicts: Map<number, number[]> };

/** The command line for a compile job (`savefile`: compile on that capture's own pcap_t instead). */
export function compileCommand(job: CompileJob & { savefile?: number }): string {
  const rest = `${job.snaplen} ${job.optimize ? 1 : 0} ${job.netmask >>> 0} ${job.expr}`;
  return job.savefile === undefined ? `compile ${job.dlt} ${rest}` : `compilefile ${job.savefile} ${rest}`;
}

/** Split harness output into answers, one per command (each ends with a line `end`). */
export function splitAnswers(output: string): string[][] {
  const answers: string[][] = [];
  let current: string[] = [];
  for (const line of output.split('\n')) {
    if (line === 'end') {
      answers.push(current);
      current = [];
    } else if (line !== '') current.push(line);
  }
  return answers;
}

/** Parse the answer to a `capture` command: [capture number, DLT, packet count]. */
export function parseCaptureAnswer(lines: readonly string[]): { index: number; dlt: number; count: number } {
  const m = /^capture (\d+) (\d+) (\d+)$/.exec(lines[0] ?? '');
  if (!m) throw new Error(`harness: bad capture answer ${lines.join(' | ')}`);
  return { index: Number(m[1]), dlt: Number(m[2]), count: Number(m[3]) };
}

/** Parse the answer to a `compile` command. */
export function parseCompileAnswer(lines: readonly string[]): CompileAnswer {
  const head = lines[0] ?? '';
  if (head.startsWith('error ')) return { ok: false, error: head.slice(6) };
  const m = /^program (\d+)$/.exec(head);
  if (!m) throw new Error(`harness: bad compile answer ${lines.join(' | ')}`);
  const n = Number(m[1]);
  const insns: RawInsn[] = [];
  for (let i = 1; i <= n; i++) {
    const [code, jt, jf, k] = lines[i]!.split(' ').map(Number) as [number, number, number, number];
    insns.push({ code, jt, jf, k });
  }
  const verdicts = new Map<number, number[]>();
  for (const line of lines.slice(n + 1)) {
    const parts = line.split(' ');
    if (parts[0] !== 'verdicts') throw new Error(`harness: unexpected line ${line}`);
    verdicts.set(Number(parts[1]), parts.slice(2).map(Number));
  }
  return { ok: true, insns, verdicts };
}

/** Read the packets of a classic pcap file (either byte order, µs or ns), stopping at damage. */
export function readPcap(bytes: Uint8Array): {
  linkType: number;
  snaplen: number;
  bigEndian: boolean;
  packets: { bytes: Uint8Array; wireLength: number }[];
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && magic !== 0xd4c3b2a1 && magic !== 0x4d3cb2a1) throw new Error('not a classic pcap file');
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const snaplen = view.getUint32(16, little);
  const packets: { bytes: Uint8Array; wireLength: number }[] = [];
  let at = 24;
  while (at + 16 <= bytes.length) {
    const caplen = view.getUint32(at + 8, little);
    const wireLength = view.getUint32(at + 12, little);
    if (at + 16 + caplen > bytes.length) break;
    packets.push({ bytes: bytes.subarray(at + 16, at + 16 + caplen), wireLength });
    at += 16 + caplen;
  }
  return { linkType, snaplen, bigEndian: !little, packets };
}

/** Expressions from a corpus file: one per line; blank lines and `#` comments skipped. */
export function readCorpus(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
