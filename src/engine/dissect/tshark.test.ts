// SPDX-License-Identifier: MIT
/**
 * The tshark reference test: every sample capture (and captures built here from the sample
 * scenes, including truncated frames) is dissected by tshark at test time, and our fields must sit
 * at the same byte offsets with the same sizes, bit masks and values.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkTypeSamples } from '../../../scripts/lib/sample-linktypes.ts';
import * as scenes from '../../../scripts/lib/sample-scenes.ts';
import { REPO_ROOT, requireTool, runTool } from '../../testkit/reference-tools.ts';
import { openCapture, writePcapng } from '../capture/index.ts';
import { dissect } from './dissect.ts';
import { type PdmlField, parsePdml, pictureMask } from './testdata/pdml.ts';
import { flatten } from './testdata/tree.ts';
import { COMPARED, NO_VALUE, normalise, THEIR_NAME } from './testdata/tshark-fields.ts';
import type { Field } from './types.ts';

const tshark = requireTool('tshark', 'the Debian package tshark');

/** One frame as this test uses it. */
interface TestPacket {
  linkType: number;
  bytes: Uint8Array;
  wireLength: number;
}

/** How many tshark field occurrences were checked against ours (the suite asserts it is large). */
let comparedFields = 0;

interface Where {
  file: string;
  packet: number;
}

interface Mismatch extends Where {
  field: string;
  tshark: unknown;
  ours: unknown;
}

/**
 * Compare one packet. A complete packet must match exactly, name by name; in a truncated one tshark
 * stops a layer at its first missing byte while we keep every captured field, so there each field
 * tshark shows must be among ours.
 */
function compareFields(
  ours: Field[],
  theirs: PdmlField[],
  where: Where & TestPacket,
  truncated: boolean,
): Mismatch[] {
  const out: Mismatch[] = [];
  const mine = flatten(ours).filter((f) => f.note !== 'warning');
  for (const name of COMPARED) {
    const noValue = NO_VALUE.has(name);
    const left = theirs
      .filter((f) => f.name === (THEIR_NAME[name] ?? name) && !f.hidden && f.size > 0)
      .map((f) => ({
        pos: f.pos,
        size: f.size,
        mask: pictureMask(f.showname, f.size),
        value: noValue ? '' : normalise(name, f.show),
      }));
    comparedFields += left.length;
    const right = mine
      .filter((f) => f.name === name)
      .map((f) => ({
        pos: f.range.offset,
        size: f.range.length,
        mask: f.range.bitMask ?? 2 ** (8 * f.range.length) - 1,
        value: noValue ? '' : f.value,
      }));
    // tshark draws no bit picture for whole-byte fields: compare masks only where it does.
    const key = (f: { pos: number; size: number; value: unknown }, mask: number | undefined) =>
      JSON.stringify({ ...f, mask });
    const theirKeys = left.map((f) => key(f, f.mask));
    const ourKeys = right.map((f, i) => key(f, left[i]?.mask === undefined ? undefined : f.mask));
    const ok = truncated
      ? left.every((f) =>
          right.some((g) => key(g, f.mask === undefined ? undefined : g.mask) === key(f, f.mask)),
        )
      : JSON.stringify(theirKeys) === JSON.stringify(ourKeys);
    if (!ok)
      out.push({ file: where.file, packet: where.packet, field: name, tshark: theirKeys, ours: ourKeys });
  }
  return out;
}

/** One packet to compare, and where it came from. */
interface Source extends TestPacket {
  file: string;
  packet: number;
}

/** Packets built here: every sample scene as EN10MB, truncated copies, and each other link type. */
function builtPackets(): Source[] {
  const stories = Object.entries(scenes).filter(([name]) => name.endsWith('Scene'));
  const frames = stories.flatMap(([, build]) => (build as () => Uint8Array[])());
  const out: Source[] = [];
  const add = (file: string, list: TestPacket[]) => {
    for (const [i, p] of list.entries()) out.push({ ...p, file, packet: i + 1 });
  };
  add(
    'built:scenes',
    frames.map((f) => ({ linkType: 1, bytes: f, wireLength: f.length })),
  );
  for (const snap of [64, 30]) {
    add(
      `built:scenes-snap${snap}`,
      frames.map((f) => ({ linkType: 1, bytes: f.subarray(0, snap), wireLength: f.length })),
    );
  }
  for (const [stem, sample] of Object.entries(linkTypeSamples())) {
    add(
      `built:${stem}`,
      sample.packets.map((f) => ({ linkType: sample.linkType, bytes: f, wireLength: f.length })),
    );
  }
  return out;
}

/** Every packet of a pcap or pcapng file. */
function readPackets(data: Uint8Array): TestPacket[] {
  const { capture } = openCapture(data);
  const out: TestPacket[] = [];
  for (let i = 0; i < (capture?.packetCount ?? 0); i++) {
    const { linkType, bytes, wireLength } = capture!.packetAt(i)!;
    out.push({ linkType, bytes, wireLength });
  }
  return out;
}

/**
 * One pcapng holding packets of any link types (an interface per link type), so a single tshark
 * run can dissect packets gathered from many files.
 */
function pcapngOf(packets: readonly TestPacket[]): Uint8Array {
  const linkTypes = [...new Set(packets.map((p) => p.linkType))];
  return writePcapng(
    packets.map((p) => ({ ...p, interfaceId: linkTypes.indexOf(p.linkType) })),
    { interfaces: linkTypes.map((linkType) => ({ linkType })) },
  );
}

/** Packets of every file in samples/captures. */
function samplePackets(): Source[] {
  const dir = join(REPO_ROOT, 'samples', 'captures');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));
  } catch {
    return [];
  }
  return names.flatMap((file) =>
    readPackets(readFileSync(join(dir, file))).map((p, i) => ({ ...p, file, packet: i + 1 })),
  );
}

/** No reassembly, and no sequence analysis or relative numbers: the same conversations appear in
 * several files, and tshark would take the repeats for retransmissions and skip their payload. */
const PREFS = [
  'ip.defragment:FALSE',
  'ipv6.defragment:FALSE',
  'tcp.desegment_tcp_streams:FALSE',
  'tcp.analyze_sequence_numbers:FALSE',
  'tcp.relative_sequence_numbers:FALSE',
  'sctp.relative_tsns:FALSE',
].flatMap((p) => ['-o', p]);

/** tshark's Protocol and Info columns, without what only a whole-capture pass can know. */
function tsharkColumns(path: string): { protocol: string; info: string }[] {
  const out = runTool(tshark!, [
    '-n',
    '-r',
    path,
    ...PREFS,
    '-T',
    'fields',
    '-E',
    'separator=/t',
    '-e',
    '_ws.col.Protocol',
    '-e',
    '_ws.col.Info',
  ]);
  return out
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const [protocol = '', info = ''] = line.split('\t');
      return { protocol, info: normaliseInfo(info) };
    });
}

/** Strip request/response links and analysis marks; TCP numbers depend on conversation state, so
 * they are compared in the unit tests instead. */
function normaliseInfo(info: string): string {
  return info
    .replace(/\s*\((request|reply|response) in \d+\)/g, '')
    .replace(/\[TCP [^\]]*\]\s*/g, '')
    .replace(/ \(retransmission\)/g, '')
    .replace(/ (Seq|Ack|Win)=\d+/g, '')
    .replace(/\s*\[Packet size limited during capture\]/, ' [Packet size limited during capture]')
    .trim();
}

/** Protocols tshark decodes and we leave as payload (their packets' columns are not compared).
 * DEC DNA: decnet.pcap exists for the `decnet host` filters; its Ethernet fields are still compared. */
const NOT_OURS = new Set(['HTTP', 'DEC DNA', '']);

describe.skipIf(!tshark)('dissection agrees with tshark on field offsets, sizes, masks and values', () => {
  const sources = [...builtPackets(), ...samplePackets()];
  const files = [...new Set(sources.map((s) => s.file))];
  let pdml: PdmlField[][] = [];
  let columns: { protocol: string; info: string }[] = [];
  const mismatches = new Map<string, Mismatch[]>();
  const summaries = new Map<string, unknown[]>();

  beforeAll(() => {
    // Everything goes into one pcapng (an interface per link type): two tshark runs in all keep
    // the suite fast on a shared machine.
    const path = join(mkdtempSync(join(tmpdir(), 'bpflab-dissect-')), 'all.pcapng');
    writeFileSync(path, pcapngOf(sources));
    pdml = parsePdml(runTool(tshark!, ['-n', '-r', path, ...PREFS, '-T', 'pdml']));
    columns = tsharkColumns(path);
    sources.forEach((p, i) => {
      const d = dissect(p.bytes, p.linkType, { wireLength: p.wireLength });
      const found = compareFields(d.fields, pdml[i] ?? [], p, p.bytes.length < p.wireLength);
      mismatches.set(p.file, [...(mismatches.get(p.file) ?? []), ...found]);
      const theirs = columns[i] ?? { protocol: '?', info: '' };
      // tshark replaces the Info of a layer it could not finish with its truncation mark, so for
      // truncated packets only the protocol is compared.
      const truncated = p.bytes.length < p.wireLength;
      const ours = {
        protocol: d.summary.protocol,
        info: truncated ? theirs.info : normaliseInfo(d.summary.info),
      };
      if (!NOT_OURS.has(theirs.protocol) && JSON.stringify(theirs) !== JSON.stringify(ours)) {
        summaries.set(p.file, [...(summaries.get(p.file) ?? []), { packet: p.packet, tshark: theirs, ours }]);
      }
    });
  });

  it('tshark dissects every packet', () => {
    expect(pdml.length).toBe(sources.length);
    expect(comparedFields).toBeGreaterThan(20 * sources.length);
    console.log(`tshark reference: ${sources.length} packets, ${comparedFields} field occurrences compared`);
    expect(columns.length).toBe(sources.length);
    expect(files.some((f) => !f.startsWith('built:'))).toBe(
      existsSync(join(REPO_ROOT, 'samples', 'captures')) && samplePackets().length > 0,
    );
  });

  it.each(files)('fields of %s', (file) => {
    expect(mismatches.get(file) ?? []).toEqual([]);
  });

  it.each(files)('summary lines of %s', (file) => {
    expect(summaries.get(file) ?? []).toEqual([]);
  });
});
