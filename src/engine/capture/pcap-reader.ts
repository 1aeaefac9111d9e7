// SPDX-License-Identifier: MIT
/**
 * Indexing classic pcap files: the four magics (µs or ns, either byte order), any snaplen. Records
 * are indexed, not read: only the 16-byte record headers are looked at.
 */
import { CAP, stopError } from './capture-diagnostics.ts';
import { linkTypeName } from './link-types.ts';
import type { ParseContext, Parser } from './parse-context.ts';
import {
  MAX_SANE_CAPLEN,
  PCAP_FILE_HEADER_LENGTH,
  PCAP_LINKTYPE_MASK,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  PCAP_RECORD_HEADER_LENGTH,
  PCAP_VERSION_MAJOR,
} from './pcap-format.ts';

/** The byte order and resolution a classic pcap magic stands for, or undefined. */
export function pcapMagic(bigEndianWord: number): { littleEndian: boolean; nanosecond: boolean } | undefined {
  switch (bigEndianWord >>> 0) {
    case PCAP_MAGIC_US:
      return { littleEndian: false, nanosecond: false };
    case PCAP_MAGIC_NS:
      return { littleEndian: false, nanosecond: true };
    case 0xd4c3b2a1:
      return { littleEndian: true, nanosecond: false };
    case 0x4d3cb2a1:
      return { littleEndian: true, nanosecond: true };
    default:
      return undefined;
  }
}

/** Index a classic pcap file (the caller has checked the magic). */
export function* readPcap(ctx: ParseContext): Parser {
  if (!ctx.fits(0, PCAP_FILE_HEADER_LENGTH)) {
    ctx.sink.push(
      stopError(
        CAP.truncatedHeader,
        ctx.size,
        `the file ends after ${ctx.size} bytes, inside the ${PCAP_FILE_HEADER_LENGTH}-byte pcap file header`,
        0,
      ),
    );
    return;
  }
  if (!ctx.has(0, PCAP_FILE_HEADER_LENGTH)) yield { offset: 0, length: PCAP_FILE_HEADER_LENGTH };
  const magic = pcapMagic(ctx.u32As(0, false))!;
  ctx.littleEndian = magic.littleEndian;
  const major = ctx.u16(4);
  const minor = ctx.u16(6);
  if (major !== PCAP_VERSION_MAJOR) {
    const what = `pcap version ${major}.${minor} is not supported (expected 2.x)`;
    ctx.sink.push(stopError(CAP.unsupportedVersion, 4, what, 0));
    return;
  }
  const snaplen = ctx.u32(16);
  readHeaderInterface(ctx, snaplen, ctx.u32(20), magic.nanosecond, `${major}.${minor}`);
  yield* readRecords(ctx, snaplen, magic.nanosecond);
}

/** Record the single interface and section a classic pcap file implies. */
function readHeaderInterface(
  ctx: ParseContext,
  snaplen: number,
  linkField: number,
  nanosecond: boolean,
  version: string,
): void {
  const linkType = linkField & PCAP_LINKTYPE_MASK;
  const iface = {
    linkType,
    linkTypeName: linkTypeName(linkType),
    snaplen,
    tsresol: nanosecond ? 9 : 6,
    tsoffset: 0,
    section: 0,
    localId: 0,
  };
  // pcap-savefile(5): bit 26 says the top 4 bits count the FCS length in 16-bit words.
  const fcsLength = linkField & 0x04000000 ? (linkField >>> 28) * 2 : undefined;
  ctx.interfaces.push(fcsLength === undefined ? iface : { ...iface, fcsLength });
  ctx.sections.push({ offset: 0, bigEndian: !ctx.littleEndian, version, firstInterface: 0 });
}

/** Walk the record headers until the end of the file or the first damage. */
function* readRecords(ctx: ParseContext, snaplen: number, nanosecond: boolean): Parser {
  // libpcap and Wireshark reject a record above 256 KiB unless the snaplen allows it.
  const limit = Math.max(MAX_SANE_CAPLEN, snaplen);
  let offset = PCAP_FILE_HEADER_LENGTH;
  while (offset < ctx.size) {
    const n = ctx.kept + 1;
    if (!ctx.fits(offset, PCAP_RECORD_HEADER_LENGTH)) {
      const what = `the file ends ${ctx.size - offset} bytes into packet ${n}'s ${PCAP_RECORD_HEADER_LENGTH}-byte record header at byte ${offset}`;
      ctx.sink.push(stopError(CAP.truncatedRecordHeader, offset, what, ctx.kept));
      return;
    }
    if (!ctx.has(offset, PCAP_RECORD_HEADER_LENGTH)) yield { offset, length: PCAP_RECORD_HEADER_LENGTH };
    const caplen = ctx.u32(offset + 8);
    const data = offset + PCAP_RECORD_HEADER_LENGTH;
    if (caplen > limit) {
      const what = `packet ${n} at byte ${offset} claims ${caplen} captured bytes, more than the ${limit}-byte limit`;
      ctx.sink.push(stopError(CAP.caplenTooLarge, offset + 8, what, ctx.kept, 'the file is damaged here'));
      return;
    }
    if (!ctx.fits(data, caplen)) {
      const what = `the file ends inside packet ${n}: its record at byte ${offset} needs ${caplen} captured bytes but only ${ctx.size - data} remain`;
      ctx.sink.push(stopError(CAP.truncatedRecord, offset, what, ctx.kept, 'the capture was cut short'));
      return;
    }
    if (snaplen > 0 && caplen > snaplen) {
      const what = `packet ${n} at byte ${offset} has ${caplen} captured bytes, more than the snaplen ${snaplen}; kept in full`;
      ctx.sink.warnOnce(CAP.caplenAboveSnaplen, offset + 8, what);
    }
    addRecord(ctx, offset, caplen, nanosecond);
    offset = data + caplen;
    ctx.position = offset;
  }
}

/** Index one record whose header is in the window of the file in memory. */
function addRecord(ctx: ParseContext, offset: number, caplen: number, nanosecond: boolean): void {
  let sec = ctx.u32(offset);
  const frac = ctx.u32(offset + 4);
  let nsec = nanosecond ? frac : frac * 1000;
  // An out-of-range fraction (a damaged or odd writer) carries into the seconds.
  if (nsec >= 1e9) {
    sec += Math.floor(nsec / 1e9);
    nsec %= 1e9;
  }
  ctx.table.add(offset + PCAP_RECORD_HEADER_LENGTH, caplen, ctx.u32(offset + 12), sec, nsec, 0);
}
