// SPDX-License-Identifier: MIT
/**
 * A block-level pcapng writer: each method appends one block in the section's byte order. The
 * high-level `writePcapng` uses it; tests and the sample generator use it for the rarer blocks
 * (simple, obsolete, name resolution, statistics, secrets, custom).
 */
import {
  BT_DSB,
  BT_EPB,
  BT_IDB,
  BT_ISB,
  BT_NRB,
  BT_OPB,
  BT_SHB,
  BT_SPB,
  BYTE_ORDER_MAGIC,
  pad4,
} from './pcapng-format.ts';
import { unitsFromTimestamp } from './timestamps.ts';
import { encodeUtf8 } from './utf8.ts';

/** One option: a code and its value (text is written as UTF-8). */
export interface PcapngOption {
  code: number;
  value: Uint8Array | string;
}

/** Fixed fields and options of a packet block. */
export interface PcapngPacketFields {
  interfaceId: number;
  bytes: Uint8Array;
  wireLength?: number;
  tsSec?: number;
  tsNsec?: number;
  /** The interface's if_tsresol, to encode the timestamp (default 6, microseconds). */
  tsresol?: number;
  options?: readonly PcapngOption[];
}

/** Appends pcapng blocks; call {@link PcapngBuilder.bytes} for the file. */
export class PcapngBuilder {
  private readonly parts: Uint8Array[] = [];
  private littleEndian = true;

  /** Start a section (byte order applies until the next one). */
  sectionHeader(options: readonly PcapngOption[] = [], bigEndian = false): this {
    this.littleEndian = !bigEndian;
    const fixed = this.fields([
      [BYTE_ORDER_MAGIC, 4],
      [1, 2],
      [0, 2],
      [0xffffffff, 4],
      [0xffffffff, 4],
    ]);
    return this.block(BT_SHB, fixed, options);
  }

  /** Describe an interface (ids count from 0 in each section). */
  interfaceDescription(linkType: number, snaplen: number, options: readonly PcapngOption[] = []): this {
    return this.block(
      BT_IDB,
      this.fields([
        [linkType, 2],
        [0, 2],
        [snaplen, 4],
      ]),
      options,
    );
  }

  /** An Enhanced Packet Block. */
  enhancedPacket(p: PcapngPacketFields): this {
    const [hi, lo] = unitsFromTimestamp(p.tsSec ?? 0, p.tsNsec ?? 0, p.tsresol ?? 6);
    const wire = Math.max(p.wireLength ?? p.bytes.length, p.bytes.length);
    const fixed = this.fields([
      [p.interfaceId, 4],
      [hi, 4],
      [lo, 4],
      [p.bytes.length, 4],
      [wire, 4],
    ]);
    return this.block(BT_EPB, concat([fixed, padded(p.bytes)]), p.options ?? []);
  }

  /** An Obsolete Packet Block (16-bit interface id, drop count 0). */
  obsoletePacket(p: PcapngPacketFields): this {
    const [hi, lo] = unitsFromTimestamp(p.tsSec ?? 0, p.tsNsec ?? 0, p.tsresol ?? 6);
    const wire = Math.max(p.wireLength ?? p.bytes.length, p.bytes.length);
    const fixed = this.fields([
      [p.interfaceId, 2],
      [0, 2],
      [hi, 4],
      [lo, 4],
      [p.bytes.length, 4],
      [wire, 4],
    ]);
    return this.block(BT_OPB, concat([fixed, padded(p.bytes)]), p.options ?? []);
  }

  /** A Simple Packet Block (interface 0, no timestamp). */
  simplePacket(bytes: Uint8Array, wireLength = bytes.length): this {
    return this.block(BT_SPB, concat([this.fields([[wireLength, 4]]), padded(bytes)]), []);
  }

  /** A Name Resolution Block with IPv4 (4-byte) or IPv6 (16-byte) addresses and their names. */
  nameResolution(records: readonly { address: Uint8Array; names: readonly string[] }[]): this {
    const body: Uint8Array[] = [];
    for (const r of records) {
      const value = concat([r.address, ...r.names.map((n) => concat([encodeUtf8(n), new Uint8Array(1)]))]);
      body.push(
        this.fields([
          [r.address.length === 4 ? 1 : 2, 2],
          [value.length, 2],
        ]),
        padded(value),
      );
    }
    body.push(new Uint8Array(4)); // nrb_record_end
    return this.block(BT_NRB, concat(body), []);
  }

  /** An Interface Statistics Block with 64-bit counter options (code → value). */
  interfaceStatistics(interfaceId: number, counters: ReadonlyMap<number, number>): this {
    const options: PcapngOption[] = [];
    for (const [code, value] of counters) options.push({ code, value: this.u64(value) });
    return this.block(
      BT_ISB,
      this.fields([
        [interfaceId, 4],
        [0, 4],
        [0, 4],
      ]),
      options,
    );
  }

  /** A Decryption Secrets Block. */
  decryptionSecrets(secretsType: number, data: Uint8Array): this {
    return this.block(
      BT_DSB,
      concat([
        this.fields([
          [secretsType, 4],
          [data.length, 4],
        ]),
        padded(data),
      ]),
      [],
    );
  }

  /** Any block: type, body (padded here) and options. */
  block(type: number, body: Uint8Array, options: readonly PcapngOption[]): this {
    const opts = this.options(options);
    const length = 12 + pad4(body.length) + opts.length;
    const head = this.fields([
      [type, 4],
      [length, 4],
    ]);
    this.parts.push(head, padded(body), opts, this.fields([[length, 4]]));
    return this;
  }

  /** The file so far. */
  bytes(): Uint8Array {
    return concat(this.parts);
  }

  /** Serialize options followed by opt_endofopt (nothing at all when there are none). */
  private options(options: readonly PcapngOption[]): Uint8Array {
    if (options.length === 0) return new Uint8Array(0);
    const parts: Uint8Array[] = [];
    for (const o of options) {
      const value = typeof o.value === 'string' ? encodeUtf8(o.value) : o.value;
      parts.push(
        this.fields([
          [o.code, 2],
          [value.length, 2],
        ]),
        padded(value),
      );
    }
    parts.push(new Uint8Array(4));
    return concat(parts);
  }

  /** Unsigned fields of 1, 2 or 4 bytes in the section's byte order. */
  private fields(values: readonly (readonly [number, 1 | 2 | 4])[]): Uint8Array {
    const size = values.reduce((n, [, w]) => n + w, 0);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    let at = 0;
    for (const [v, w] of values) {
      if (w === 1) view.setUint8(at, v);
      else if (w === 2) view.setUint16(at, v, this.littleEndian);
      else view.setUint32(at, v >>> 0, this.littleEndian);
      at += w;
    }
    return out;
  }

  /** A 64-bit unsigned value in the section's byte order. */
  u64(value: number): Uint8Array {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(Math.max(0, Math.floor(value))), this.littleEndian);
    return out;
  }
}

/** Bytes padded with zeros to a multiple of 4. */
function padded(bytes: Uint8Array): Uint8Array {
  const n = pad4(bytes.length);
  if (n === bytes.length) return bytes;
  const out = new Uint8Array(n);
  out.set(bytes);
  return out;
}

/** Concatenate byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
