// SPDX-License-Identifier: MIT
/**
 * Reference test: for every sample capture, tshark (run at test time) and our reader agree on the
 * packet count and, per packet, captured length, wire length, timestamp (to the nanosecond),
 * interface and link type.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, requireTool } from '../../testkit/reference-tools.ts';
import { openCapture } from './index-capture.ts';
import { canonicalLinkType } from './link-types.ts';

const tshark = requireTool('tshark', 'the Debian package tshark');
const SAMPLES = join(REPO_ROOT, 'samples', 'captures');
const files = readdirSync(SAMPLES).filter((f) => /\.(pcap|pcapng)$/.test(f));

/**
 * Wireshark reports frame.encap_type as its own WTAP_ENCAP_* number; these are the numbers tshark
 * 4.0 prints for each LINKTYPE (observed by running it on files of each link type).
 */
const WTAP_ENCAP_BY_LINKTYPE: Record<number, number> = {
  0: 15, // NULL
  1: 1, // EN10MB
  101: 7, // RAW (also 12 and 14, after canonicalLinkType)
  108: 174, // LOOP
  113: 25, // LINUX_SLL
  147: 45, // USER0
  228: 129, // IPV4
  229: 130, // IPV6
  276: 210, // LINUX_SLL2
};

interface TsharkRow {
  number: number;
  caplen: number;
  len: number;
  /** Empty when the record has no timestamp (pcapng Simple Packet Blocks). */
  time: string;
  interfaceId: string;
  encap: number;
  section: string;
}

/** Run tshark over a file; damaged files make it exit non-zero after printing the good packets. */
function tsharkRows(file: string): Promise<{ rows: TsharkRow[]; stderr: string }> {
  const fields = [
    'frame.number',
    'frame.cap_len',
    'frame.len',
    'frame.time_epoch',
    'frame.interface_id',
    'frame.encap_type',
    'frame.section_number',
  ];
  const args = ['-n', '-r', file, '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])];
  return new Promise((resolve) => {
    execFile(tshark!, args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (_error, stdout, stderr) => {
      resolve({ rows: parseRows(stdout), stderr });
    });
  });
}

/** One row per frame from tshark's tab-separated field output. */
function parseRows(stdout: string): TsharkRow[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [number, caplen, len, time, interfaceId, encap, section] = line.split('\t');
      return {
        number: Number(number),
        caplen: Number(caplen),
        len: Number(len),
        time: time ?? '',
        interfaceId: interfaceId ?? '',
        encap: Number(encap),
        section: section ?? '',
      };
    });
}

/** tshark's output for every sample, gathered a few processes at a time (its start-up dominates). */
async function runAll(
  names: readonly string[],
  parallel: number,
): Promise<Map<string, { rows: TsharkRow[]; stderr: string }>> {
  const out = new Map<string, { rows: TsharkRow[]; stderr: string }>();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      out.set(name, await tsharkRows(join(SAMPLES, name)));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

/** `1700000000.001250267` → [seconds, nanoseconds] (tshark prints nine fraction digits). */
function parseEpoch(text: string): [number, number] {
  const [sec, frac = ''] = text.split('.');
  return [Number(sec), Number(frac.padEnd(9, '0').slice(0, 9))];
}

describe.skipIf(!tshark)('sample captures agree with tshark', () => {
  let reference = new Map<string, { rows: TsharkRow[]; stderr: string }>();
  beforeAll(async () => {
    reference = await runAll(files, 4);
  });

  it('has samples to compare', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('%s', (name) => {
    const path = join(SAMPLES, name);
    const { capture, diagnostics } = openCapture(new Uint8Array(readFileSync(path)));
    const { rows, stderr } = reference.get(name)!;
    expect(capture).toBeDefined();
    const damaged = /cut short|appears to be damaged/.test(stderr);
    // Our reader reports damage exactly when tshark does.
    expect(diagnostics.some((d) => d.severity === 'error')).toBe(damaged);
    expect(capture!.packetCount).toBe(rows.length);
    rows.forEach((row, i) => {
      const iface = capture!.interfaces[capture!.interfaceId(i)]!;
      const ours = {
        number: i + 1,
        caplen: capture!.caplen(i),
        len: capture!.wireLength(i),
        ts: [capture!.tsSec(i), capture!.tsNsec(i)],
        encap: WTAP_ENCAP_BY_LINKTYPE[canonicalLinkType(iface.linkType)],
        // tshark 4.0 prints the section-local interface id plus a 1-based section number
        // (and nothing for classic pcap); ours are global ids mapped back the same way.
        interfaceId: capture!.format === 'pcapng' ? String(iface.localId) : '',
        section: capture!.format === 'pcapng' ? String(iface.section + 1) : '',
      };
      const theirs = {
        number: row.number,
        caplen: row.caplen,
        len: row.len,
        ts: row.time === '' ? [0, 0] : parseEpoch(row.time),
        encap: row.encap,
        interfaceId: row.interfaceId,
        section: row.section,
      };
      expect(ours, `${name} packet ${i + 1}`).toEqual(theirs);
    });
  });
});
