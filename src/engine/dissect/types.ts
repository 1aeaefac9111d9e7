// SPDX-License-Identifier: MIT
/**
 * The dissection tree: every field tied to the bytes (and bits) it was read from, so the hex view
 * can light up exactly what a BPF load reads. Plain, structured-cloneable data.
 */
import type { PacketMeta } from '../vm/types.ts';
import type { ByteView } from './byte-view.ts';

/** Where a field sits in the packet: a byte span, and for sub-byte fields the bits it uses. */
export interface FieldRange {
  /** First byte, relative to the start of the dissected bytes. */
  offset: number;
  /** Number of bytes (0 for a position marker such as a teaching note about a missing header). */
  length: number;
  /** The bits of the span the field uses, big-endian over `length` bytes (e.g. 0x1fff for ip.frag_offset). */
  bitMask?: number;
}

/** One node of the dissection tree. */
export interface Field {
  /** A tshark-like filter name, e.g. `ip.src` (teaching notes use `teach.*`). */
  name: string;
  /** What the tree shows, e.g. `Source Address: 192.0.2.1`. */
  label: string;
  /** The decoded value (number for integers, text for addresses and names); absent when cut short. */
  value?: string | number;
  range: FieldRange;
  children: Field[];
  /** `teaching`: an annotation that explains; `warning`: something malformed or cut short. */
  note?: 'teaching' | 'warning';
}

/** One line of the packet list, as a tshark-style packet list would show it. */
export interface PacketSummary {
  source: string;
  destination: string;
  /** The highest protocol dissected, as tshark's Protocol column names it (`DNS`, `TCP`, `ARP`…). */
  protocol: string;
  /** Bytes on the wire. */
  length: number;
  info: string;
}

/** Options for {@link dissect}. */
export interface DissectOptions {
  /** Length on the wire (defaults to the number of captured bytes). */
  wireLength?: number | undefined;
  /** Present the frame as Linux does after hardware VLAN stripping (outer tag moved to metadata). */
  vlanOffload?: boolean | undefined;
  /** Per-capture TCP state for relative sequence numbers in summaries (see `createTcpConversations`). */
  tcpConversations?: TcpConversations | undefined;
}

/** TCP state per direction (`addr:port>addr:port`): lets summaries say `Seq=0` and scale windows. */
export interface TcpConversations {
  /** The sequence number each direction counts from. */
  bases: Map<string, number>;
  /** The window-scale shift each direction's SYN announced (-1: none). */
  scales: Map<string, number>;
}

/** The result of dissecting one frame. */
export interface Dissection {
  fields: Field[];
  summary: PacketSummary;
  /** What a capture can tell about the Linux socket-buffer metadata (PacketContext.meta). */
  meta: Partial<PacketMeta>;
  /** The bytes the filter sees (differs from the input when `vlanOffload` stripped a tag). */
  bytes: Uint8Array;
  /** The wire length that goes with `bytes` (4 less than the input's when a tag was stripped). */
  wireLength: number;
}

/** Summary pieces each layer may fill in; the highest layer wins. */
export interface SummaryState {
  source: string;
  destination: string;
  protocol: string;
  info: string;
}

/** Where dissection continues after a header: looked up in a registry or named directly. */
export type Next =
  | { table: 'ethertype' | 'ipproto'; key: number; offset: number; end: number }
  | { table: 'udp' | 'tcp'; ports: readonly [number, number]; offset: number; end: number }
  | { dissector: Dissector; offset: number; end: number }
  /** Undecoded payload: shown as a Data field. */
  | { table: 'data'; offset: number; end: number; label?: string };

/** What one protocol dissector returns: its subtree, and where the payload goes. */
export interface LayerResult {
  field: Field;
  next?: Next;
}

/** State shared by the dissectors of one frame. */
export interface DissectContext {
  summary: SummaryState;
  meta: Partial<PacketMeta>;
  /** Inside an ICMP error's quoted packet: dissect, but leave summary and metadata alone. */
  embedded: boolean;
  /** Nesting depth (tunnels, quoted packets): bounds recursion on hostile input. */
  depth: number;
  /** Addresses of the innermost IP header, for pseudo-header checksums. */
  ip?: { version: 4 | 6; src: Uint8Array; dst: Uint8Array; ttl: number };
  /** A transport header (or a header the flow dissector stops at) was seen: `poff` is settled. */
  transportDone: boolean;
  /** VLAN tags met so far in this frame (each shifts later offsets by 4). */
  vlanTags: number;
  /** Set by a fragment's IP layer: the summary tshark gives fragments, whatever follows inside. */
  fragmentSummary?: { protocol: string; info: string };
  tcpConversations?: TcpConversations;
  /** Dissect a nested packet (a tunnel payload or a quoted packet) and return its fields. */
  nested: (next: Next, embedded: boolean) => Field[];
}

/** A protocol dissector: reads the header at `offset` and says where its payload goes. */
export type Dissector = (view: ByteView, offset: number, ctx: DissectContext) => LayerResult;
