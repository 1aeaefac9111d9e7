// SPDX-License-Identifier: MIT
/**
 * The {@link Capture} built from an index: metadata and typed arrays in memory, packet bytes read
 * on demand from the byte source.
 */
import type { ByteSource } from './byte-source.ts';
import type {
  Capture,
  CaptureFormat,
  CaptureInterface,
  CapturePacket,
  CaptureSection,
  NameRecord,
  PacketIndex,
  SecretsRecord,
} from './capture-types.ts';

/** Everything an indexing run found. */
export interface CaptureParts {
  format: CaptureFormat;
  interfaces: CaptureInterface[];
  sections: CaptureSection[];
  names: NameRecord[];
  secrets: SecretsRecord[];
  index: PacketIndex;
}

/** Largest single read `readPackets` makes; longer runs are split. */
const MAX_SPAN = 8 << 20;

/** A capture over an index and a byte source. */
export class IndexedCapture implements Capture {
  readonly format: CaptureFormat;
  readonly interfaces: CaptureInterface[];
  readonly sections: CaptureSection[];
  readonly names: NameRecord[];
  readonly secrets: SecretsRecord[];
  readonly index: PacketIndex;
  readonly packetCount: number;
  readonly byteLength: number;
  private readonly source: ByteSource;

  constructor(parts: CaptureParts, source: ByteSource) {
    this.format = parts.format;
    this.interfaces = parts.interfaces;
    this.sections = parts.sections;
    this.names = parts.names;
    this.secrets = parts.secrets;
    this.index = parts.index;
    this.packetCount = parts.index.offsets.length;
    this.byteLength = source.size;
    this.source = source;
  }

  /** True when the bytes are in memory and `packetAt` works. */
  get synchronous(): boolean {
    return this.source.readSync !== undefined;
  }

  caplen(i: number): number {
    return this.index.caplens[i] ?? 0;
  }

  wireLength(i: number): number {
    return this.index.wireLengths[i] ?? 0;
  }

  tsSec(i: number): number {
    return this.index.tsSec[i] ?? 0;
  }

  tsNsec(i: number): number {
    return this.index.tsNsec[i] ?? 0;
  }

  interfaceId(i: number): number {
    return this.index.interfaceIds[i] ?? 0;
  }

  linkType(i: number): number {
    return this.interfaces[this.interfaceId(i)]?.linkType ?? 0;
  }

  comment(i: number): string | undefined {
    return this.index.comments.get(i);
  }

  async readPacket(i: number): Promise<CapturePacket | undefined> {
    if (!this.inRange(i)) return undefined;
    return this.packet(i, await this.source.read(this.index.offsets[i]!, this.caplen(i)));
  }

  async readPackets(from: number, to: number): Promise<CapturePacket[]> {
    const start = Math.max(0, Math.floor(from));
    const end = Math.min(this.packetCount, Math.floor(to));
    const out: CapturePacket[] = [];
    let i = start;
    while (i < end) {
      // Gather the packets whose bytes fit in one read, then slice them out of it.
      const base = this.index.offsets[i]!;
      let spanEnd = base + this.caplen(i);
      let j = i + 1;
      for (; j < end; j++) {
        const e = this.index.offsets[j]! + this.caplen(j);
        if (this.index.offsets[j]! < base || e - base > MAX_SPAN) break;
        spanEnd = Math.max(spanEnd, e);
      }
      const chunk = await this.source.read(base, spanEnd - base);
      for (let k = i; k < j; k++) {
        const at = this.index.offsets[k]! - base;
        out.push(this.packet(k, chunk.subarray(at, at + this.caplen(k))));
      }
      i = j;
    }
    return out;
  }

  packetAt(i: number): CapturePacket | undefined {
    const readSync = this.source.readSync;
    if (!readSync) throw new Error('packetAt needs a capture over in-memory bytes; use readPacket');
    if (!this.inRange(i)) return undefined;
    return this.packet(i, readSync(this.index.offsets[i]!, this.caplen(i)));
  }

  private inRange(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < this.packetCount;
  }

  /** Assemble the packet object for index `i` around its bytes. */
  private packet(i: number, bytes: Uint8Array): CapturePacket {
    const interfaceId = this.interfaceId(i);
    const p: CapturePacket = {
      index: i,
      bytes,
      caplen: bytes.length,
      wireLength: this.wireLength(i),
      tsSec: this.tsSec(i),
      tsNsec: this.tsNsec(i),
      interfaceId,
      linkType: this.interfaces[interfaceId]?.linkType ?? 0,
    };
    const comment = this.index.comments.get(i);
    if (comment !== undefined) p.comment = comment;
    const flags = this.index.flags.get(i);
    if (flags !== undefined) p.flags = flags;
    return p;
  }
}
