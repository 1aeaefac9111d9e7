// SPDX-License-Identifier: MIT
/** The capture folder's public surface: reading, indexing and writing pcap/pcapng, and link types. */
export type { BlobLike, ByteSource } from './byte-source.ts';
export { blobSource, bytesSource } from './byte-source.ts';
export { CAP } from './capture-diagnostics.ts';
export type {
  Capture,
  CaptureFormat,
  CaptureIndexResult,
  CaptureInterface,
  CapturePacket,
  CaptureSection,
  IndexOptions,
  InterfaceStatistics,
  NameRecord,
  PacketIndex,
  SecretsRecord,
} from './capture-types.ts';
export type { ExportOptions, ExportResult } from './export-packets.ts';
export { exportPackets } from './export-packets.ts';
export { indexCapture, openCapture } from './index-capture.ts';
export * from './link-types.ts';
export { packetLinkTypes } from './packet-link-types.ts';
export type { PacketToWrite, WritePcapOptions } from './pcap-writer.ts';
export { writePcap } from './pcap-writer.ts';
export type { PcapngOption, PcapngPacketFields } from './pcapng-builder.ts';
export { PcapngBuilder } from './pcapng-builder.ts';
export type { PcapngInterfaceToWrite, PcapngPacketToWrite, WritePcapngOptions } from './pcapng-writer.ts';
export { writePcapng } from './pcapng-writer.ts';
