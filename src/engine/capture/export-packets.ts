// SPDX-License-Identifier: MIT
/**
 * Exporting chosen packets of a capture as a new file, keeping each packet's link type,
 * timestamps, wire length, and (in pcapng) interface names, comments and flags.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import { CAP } from './capture-diagnostics.ts';
import type { Capture, CaptureInterface, CapturePacket } from './capture-types.ts';
import { linkTypeName } from './link-types.ts';
import { DEFAULT_SNAPLEN } from './pcap-format.ts';
import { writePcap } from './pcap-writer.ts';
import { type PcapngInterfaceToWrite, writePcapng } from './pcapng-writer.ts';

/** Options of {@link exportPackets}. */
export interface ExportOptions {
  format: 'pcap' | 'pcapng';
  bigEndian?: boolean;
  /** pcap only: nanosecond timestamps (default: when any source interface is finer than µs). */
  nanosecond?: boolean;
}

/** The exported file, or diagnostics saying why there is none. */
export interface ExportResult {
  bytes?: Uint8Array;
  diagnostics: Diagnostic[];
}

/** Write the packets at `indices` (0-based; out-of-range ones are ignored) as pcap or pcapng. */
export async function exportPackets(
  capture: Capture,
  indices: readonly number[],
  options: ExportOptions,
): Promise<ExportResult> {
  const packets = await readChosen(capture, indices);
  const used = [...new Set(packets.map((p) => p.interfaceId))].sort((a, b) => a - b);
  const ifaces = used.map((id) => capture.interfaces[id]!);
  if (options.format === 'pcapng')
    return { bytes: toPcapng(packets, used, ifaces, options), diagnostics: [] };
  const linkTypes = [...new Set(ifaces.map((i) => i.linkType))];
  if (linkTypes.length > 1) {
    const names = linkTypes.map(linkTypeName).join(', ');
    const message = `the chosen packets have link types ${names}, but a pcap file holds one link type`;
    return {
      diagnostics: [error(CAP.exportMixedLinkTypes, message, { hint: 'export them as pcapng instead' })],
    };
  }
  const linkType = linkTypes[0] ?? capture.interfaces[0]?.linkType ?? 1;
  const snaplen =
    ifaces.length > 0 ? Math.max(...ifaces.map((i) => i.snaplen || DEFAULT_SNAPLEN)) : DEFAULT_SNAPLEN;
  const nanosecond = options.nanosecond ?? ifaces.some(finerThanMicroseconds);
  const bigEndian = options.bigEndian === true;
  return { bytes: writePcap(packets, { linkType, snaplen, nanosecond, bigEndian }), diagnostics: [] };
}

/** Read the chosen packets, one source read per run of consecutive indices. */
async function readChosen(capture: Capture, indices: readonly number[]): Promise<CapturePacket[]> {
  const valid = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < capture.packetCount);
  const out: CapturePacket[] = [];
  let k = 0;
  while (k < valid.length) {
    let end = k + 1;
    while (end < valid.length && valid[end] === valid[end - 1]! + 1) end++;
    out.push(...(await capture.readPackets(valid[k]!, valid[end - 1]! + 1)));
    k = end;
  }
  return out;
}

/** One pcapng section holding the used interfaces, renumbered from 0. */
function toPcapng(
  packets: readonly CapturePacket[],
  used: readonly number[],
  ifaces: readonly CaptureInterface[],
  options: ExportOptions,
): Uint8Array {
  const renumber = new Map(used.map((id, i) => [id, i]));
  const interfaces = ifaces.map((i): PcapngInterfaceToWrite => {
    const out: PcapngInterfaceToWrite = { linkType: i.linkType, snaplen: i.snaplen, tsresol: i.tsresol };
    if (i.name !== undefined) out.name = i.name;
    if (i.description !== undefined) out.description = i.description;
    if (i.filter !== undefined) out.filter = i.filter;
    return out;
  });
  const rows = packets.map((p) => {
    const row = { ...p, interfaceId: renumber.get(p.interfaceId) ?? 0 };
    return row;
  });
  return writePcapng(rows, { interfaces, bigEndian: options.bigEndian === true });
}

/** True when an interface's timestamps carry more than microseconds. */
function finerThanMicroseconds(i: CaptureInterface): boolean {
  const exp = i.tsresol & 0x7f;
  return i.tsresol & 0x80 ? exp > 19 : exp > 6;
}
