// SPDX-License-Identifier: MIT
/**
 * The data a capture reader produces (DESIGN §3 `Capture`): interfaces, sections and a packet index
 * held in typed arrays, so a million packets cost a few typed arrays rather than a million objects.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';

/** The container format of a capture file. */
export type CaptureFormat = 'pcap' | 'pcapng';

/** Counters from a pcapng Interface Statistics Block (the last one seen for the interface). */
export interface InterfaceStatistics {
  /** Packets the interface received (isb_ifrecv). */
  received?: number;
  /** Packets the interface dropped (isb_ifdrop). */
  droppedByInterface?: number;
  /** Packets the filter accepted (isb_filteraccept). */
  filterAccepted?: number;
  /** Packets the OS dropped (isb_osdrop). */
  droppedByOs?: number;
  /** Packets delivered to the user (isb_usrdeliv). */
  delivered?: number;
}

/** One capture interface: a pcapng IDB, or the single implied interface of a classic pcap file. */
export interface CaptureInterface {
  /** LINKTYPE_* number exactly as in the file (unknown numbers are kept, never dropped). */
  linkType: number;
  /** tcpdump name of the link type (`EN10MB`), or `LINKTYPE_<n>`. */
  linkTypeName: string;
  /** Snapshot length (0: no limit). */
  snaplen: number;
  /** if_name, when the file names the interface. */
  name?: string;
  /** if_description. */
  description?: string;
  /** The capture filter recorded in if_filter, when it is a filter string. */
  filter?: string;
  /** if_os. */
  os?: string;
  /**
   * Timestamp resolution in pcapng's if_tsresol encoding: bit 7 clear means 10^-n seconds, set
   * means 2^-n. Classic pcap files are 6 (µs) or 9 (ns).
   */
  tsresol: number;
  /** Seconds added to every timestamp (if_tsoffset; 0 when absent). */
  tsoffset: number;
  /** FCS bytes at the end of each frame, when the file says (if_fcslen or pcap's FCS bits). */
  fcsLength?: number;
  /** Which section (0-based) the interface belongs to. */
  section: number;
  /** The interface's id within its section (what the file's packet blocks refer to). */
  localId: number;
  /** if_comment options, joined by newlines. */
  comment?: string;
  /** Counters from the last Interface Statistics Block for this interface. */
  statistics?: InterfaceStatistics;
}

/** One pcapng section (classic pcap files have exactly one, with no metadata). */
export interface CaptureSection {
  /** Byte offset of the Section Header Block (0 for classic pcap). */
  offset: number;
  /** Byte order of the section. */
  bigEndian: boolean;
  /** Format version, e.g. `1.0` for pcapng or `2.4` for pcap. */
  version: string;
  /** Index into `Capture.interfaces` of this section's first interface. */
  firstInterface: number;
  /** shb_hardware. */
  hardware?: string;
  /** shb_os. */
  os?: string;
  /** shb_userappl: the application that wrote the section. */
  application?: string;
  /** opt_comment options of the SHB, joined by newlines. */
  comment?: string;
}

/** A name from a pcapng Name Resolution Block. */
export interface NameRecord {
  /** The address in its usual text form (`192.0.2.1`, `2001:db8::1`, or hex for other kinds). */
  address: string;
  /** Names for it. */
  names: string[];
}

/** A Decryption Secrets Block: kept as a reference, its secrets are not read. */
export interface SecretsRecord {
  /** Secrets type (e.g. 0x544c534b for TLS key logs). */
  type: number;
  /** Size of the secrets data. */
  length: number;
  /** Byte offset of the secrets data in the file. */
  offset: number;
}

/**
 * The per-packet index: entry `i` of every array describes packet `i` (0-based). Plain typed arrays
 * and maps, so the index can be transferred between threads.
 */
export interface PacketIndex {
  /** File offset of each packet's captured bytes. */
  offsets: Float64Array;
  /** Captured length. */
  caplens: Uint32Array;
  /** Length on the wire. */
  wireLengths: Uint32Array;
  /** Timestamp seconds since the epoch (doubles hold 64-bit pcapng seconds exactly up to 2^53). */
  tsSec: Float64Array;
  /** Timestamp nanoseconds within the second. */
  tsNsec: Uint32Array;
  /** Index into `Capture.interfaces`. */
  interfaceIds: Uint32Array;
  /** Packet comments (opt_comment), sparse by packet index. */
  comments: Map<number, string>;
  /** epb_flags / pack_flags words, sparse by packet index. */
  flags: Map<number, number>;
}

/** One packet read from a capture. */
export interface CapturePacket {
  /** 0-based position in the capture. */
  index: number;
  /** Captured bytes (a view into the capture's bytes when they are in memory: do not mutate). */
  bytes: Uint8Array;
  /** Captured length (`bytes.length`). */
  caplen: number;
  /** Length on the wire. */
  wireLength: number;
  /** Timestamp: seconds since the epoch. */
  tsSec: number;
  /** Timestamp: nanoseconds within the second. */
  tsNsec: number;
  /** Index into `Capture.interfaces`. */
  interfaceId: number;
  /** The interface's LINKTYPE_* number. */
  linkType: number;
  /** opt_comment of the packet block. */
  comment?: string;
  /** epb_flags (bits 0-1: direction, 1 inbound, 2 outbound), when the block has them. */
  flags?: number;
}

/** An indexed capture: metadata, the packet index, and on-demand access to packets. */
export interface Capture {
  format: CaptureFormat;
  /** Every interface, across all sections, in file order. */
  interfaces: CaptureInterface[];
  /** Sections in file order (one for classic pcap). */
  sections: CaptureSection[];
  /** Names from Name Resolution Blocks. */
  names: NameRecord[];
  /** Decryption Secrets Blocks found (not read). */
  secrets: SecretsRecord[];
  /** Number of packets indexed. */
  packetCount: number;
  /** Size of the capture file in bytes. */
  byteLength: number;
  /** The typed-array packet index. */
  index: PacketIndex;
  /** Captured length of packet `i`. */
  caplen(i: number): number;
  /** Wire length of packet `i`. */
  wireLength(i: number): number;
  /** Timestamp seconds of packet `i`. */
  tsSec(i: number): number;
  /** Timestamp nanoseconds of packet `i`. */
  tsNsec(i: number): number;
  /** Interface index of packet `i`. */
  interfaceId(i: number): number;
  /** Link type of packet `i`'s interface. */
  linkType(i: number): number;
  /** Comment of packet `i`, if any. */
  comment(i: number): string | undefined;
  /** Read packet `i` (undefined when out of range). */
  readPacket(i: number): Promise<CapturePacket | undefined>;
  /** Read packets `from` (inclusive) to `to` (exclusive), with few reads of the source. */
  readPackets(from: number, to: number): Promise<CapturePacket[]>;
  /** Packet `i` synchronously; only for captures over in-memory bytes (else it throws). */
  packetAt(i: number): CapturePacket | undefined;
  /** True when `packetAt` works (the bytes are in memory). */
  readonly synchronous: boolean;
}

/** What indexing a capture returns: the capture (absent when nothing was readable) and diagnostics. */
export interface CaptureIndexResult {
  capture?: Capture;
  diagnostics: Diagnostic[];
}

/** Options of `indexCapture`. */
export interface IndexOptions {
  /** Called now and then while indexing (throttled), and once at the end. */
  onProgress?: (bytesDone: number, total: number) => void;
  /** Checked between reads; when it becomes true indexing stops and keeps what it has. */
  signal?: { readonly aborted: boolean };
  /**
   * Awaited between reads, to give the host a turn (a worker passes a `setTimeout(0)` promise so a
   * cancel message can arrive while indexing in-memory bytes).
   */
  yieldControl?: () => Promise<void>;
}
