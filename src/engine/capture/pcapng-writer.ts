// SPDX-License-Identifier: MIT
/**
 * Writing pcapng: one section with its interfaces (link type, snaplen, name, description,
 * timestamp resolution) and an Enhanced Packet Block per packet, with comments and flags. Several
 * sections are simply several outputs concatenated.
 */
import type { PacketToWrite } from './pcap-writer.ts';
import { PcapngBuilder, type PcapngOption } from './pcapng-builder.ts';
import {
  DEFAULT_TSRESOL,
  OPT_COMMENT,
  OPT_EPB_FLAGS,
  OPT_IF_DESCRIPTION,
  OPT_IF_FILTER,
  OPT_IF_NAME,
  OPT_IF_TSRESOL,
  OPT_SHB_HARDWARE,
  OPT_SHB_OS,
  OPT_SHB_USERAPPL,
} from './pcapng-format.ts';
import { encodeUtf8 } from './utf8.ts';

/** An interface to describe in the section. */
export interface PcapngInterfaceToWrite {
  linkType: number;
  /** Snapshot length (default 262144). */
  snaplen?: number;
  name?: string;
  description?: string;
  /** A capture-filter string recorded as if_filter. */
  filter?: string;
  /** if_tsresol: 6 µs (default), 9 ns, 0x80|n for 2^-n seconds. */
  tsresol?: number;
  comment?: string;
}

/** A packet for an Enhanced Packet Block. */
export interface PcapngPacketToWrite extends PacketToWrite {
  /** Index into the section's interfaces (default 0). */
  interfaceId?: number;
  comment?: string;
  /** epb_flags word (bits 0-1 direction: 1 inbound, 2 outbound). */
  flags?: number;
}

/** Options of {@link writePcapng}. */
export interface WritePcapngOptions {
  interfaces: readonly PcapngInterfaceToWrite[];
  /** Write the section big-endian (default little-endian). */
  bigEndian?: boolean;
  /** Section comment. */
  comment?: string;
  /** shb_userappl (default `bpflab`). */
  application?: string;
  hardware?: string;
  os?: string;
}

/** Serialize one pcapng section: header, interfaces, then one EPB per packet. */
export function writePcapng(
  packets: readonly PcapngPacketToWrite[],
  options: WritePcapngOptions,
): Uint8Array {
  const b = new PcapngBuilder();
  const shb: PcapngOption[] = [];
  if (options.comment !== undefined) shb.push({ code: OPT_COMMENT, value: options.comment });
  if (options.hardware !== undefined) shb.push({ code: OPT_SHB_HARDWARE, value: options.hardware });
  if (options.os !== undefined) shb.push({ code: OPT_SHB_OS, value: options.os });
  shb.push({ code: OPT_SHB_USERAPPL, value: options.application ?? 'bpflab' });
  b.sectionHeader(shb, options.bigEndian === true);
  for (const iface of options.interfaces)
    b.interfaceDescription(iface.linkType, iface.snaplen ?? 262144, idbOptions(iface));
  for (const p of packets) {
    const interfaceId = p.interfaceId ?? 0;
    const iface = options.interfaces[interfaceId];
    const snaplen = iface?.snaplen ?? 262144;
    const bytes = snaplen > 0 && p.bytes.length > snaplen ? p.bytes.subarray(0, snaplen) : p.bytes;
    const opts: PcapngOption[] = [];
    if (p.comment !== undefined) opts.push({ code: OPT_COMMENT, value: p.comment });
    if (p.flags !== undefined)
      opts.push({ code: OPT_EPB_FLAGS, value: b32(p.flags, options.bigEndian === true) });
    b.enhancedPacket({
      interfaceId,
      bytes,
      wireLength: Math.max(p.wireLength ?? p.bytes.length, bytes.length),
      tsSec: p.tsSec ?? 0,
      tsNsec: p.tsNsec ?? 0,
      tsresol: iface?.tsresol ?? DEFAULT_TSRESOL,
      options: opts,
    });
  }
  return b.bytes();
}

/** The IDB options for an interface (if_tsresol only when not the default µs). */
function idbOptions(iface: PcapngInterfaceToWrite): PcapngOption[] {
  const opts: PcapngOption[] = [];
  if (iface.comment !== undefined) opts.push({ code: OPT_COMMENT, value: iface.comment });
  if (iface.name !== undefined) opts.push({ code: OPT_IF_NAME, value: iface.name });
  if (iface.description !== undefined) opts.push({ code: OPT_IF_DESCRIPTION, value: iface.description });
  if (iface.tsresol !== undefined && iface.tsresol !== DEFAULT_TSRESOL) {
    opts.push({ code: OPT_IF_TSRESOL, value: Uint8Array.of(iface.tsresol) });
  }
  if (iface.filter !== undefined) {
    const text = encodeUtf8(iface.filter);
    const value = new Uint8Array(text.length + 1); // leading 0: a libpcap filter string
    value.set(text, 1);
    opts.push({ code: OPT_IF_FILTER, value });
  }
  return opts;
}

/** A 32-bit word in the section's byte order. */
function b32(value: number, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, !bigEndian);
  return out;
}
