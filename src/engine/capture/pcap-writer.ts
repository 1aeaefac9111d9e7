// SPDX-License-Identifier: MIT
/**
 * Writing classic pcap files: one link type for the whole file, microsecond or nanosecond
 * timestamps, either byte order.
 */
import {
  DEFAULT_SNAPLEN,
  PCAP_FILE_HEADER_LENGTH,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  PCAP_RECORD_HEADER_LENGTH,
  PCAP_VERSION_MAJOR,
  PCAP_VERSION_MINOR,
} from './pcap-format.ts';

/** A packet to write: captured bytes, optional wire length (default: captured) and timestamp. */
export interface PacketToWrite {
  bytes: Uint8Array;
  /** Length on the wire; defaults to `bytes.length`, never below it. */
  wireLength?: number;
  /** Seconds since the epoch (default 0). */
  tsSec?: number;
  /** Nanoseconds within the second (default 0); written as µs unless `nanosecond` is set. */
  tsNsec?: number;
}

/** Options of {@link writePcap}. */
export interface WritePcapOptions {
  /** LINKTYPE_* number for the whole file. */
  linkType: number;
  /** Snapshot length in the header (default 262144); packets longer are truncated to it. */
  snaplen?: number;
  /** Write the nanosecond magic and nanosecond timestamps (default: microseconds). */
  nanosecond?: boolean;
  /** Write big-endian (default: little-endian, as x86 tcpdump does). */
  bigEndian?: boolean;
}

/** Serialize packets as a classic pcap file. */
export function writePcap(packets: readonly PacketToWrite[], options: WritePcapOptions): Uint8Array {
  const snaplen = options.snaplen ?? DEFAULT_SNAPLEN;
  const le = !options.bigEndian;
  const ns = options.nanosecond === true;
  let total = PCAP_FILE_HEADER_LENGTH;
  for (const p of packets) total += PCAP_RECORD_HEADER_LENGTH + capturedLength(p, snaplen);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, ns ? PCAP_MAGIC_NS : PCAP_MAGIC_US, le);
  view.setUint16(4, PCAP_VERSION_MAJOR, le);
  view.setUint16(6, PCAP_VERSION_MINOR, le);
  view.setInt32(8, 0, le); // thiszone: always 0 in practice
  view.setUint32(12, 0, le); // sigfigs: always 0 in practice
  view.setUint32(16, snaplen >>> 0, le);
  view.setUint32(20, options.linkType >>> 0, le);
  let at = PCAP_FILE_HEADER_LENGTH;
  for (const p of packets) {
    const caplen = capturedLength(p, snaplen);
    const nsec = p.tsNsec ?? 0;
    view.setUint32(at, (p.tsSec ?? 0) >>> 0, le);
    view.setUint32(at + 4, ns ? nsec : Math.floor(nsec / 1000), le);
    view.setUint32(at + 8, caplen, le);
    view.setUint32(at + 12, Math.max(p.wireLength ?? p.bytes.length, caplen) >>> 0, le);
    out.set(p.bytes.subarray(0, caplen), at + PCAP_RECORD_HEADER_LENGTH);
    at += PCAP_RECORD_HEADER_LENGTH + caplen;
  }
  return out;
}

/** Bytes of a packet that fit the snapshot length (0 means no limit, as some writers use). */
function capturedLength(p: PacketToWrite, snaplen: number): number {
  return snaplen > 0 ? Math.min(p.bytes.length, snaplen) : p.bytes.length;
}
