// SPDX-License-Identifier: MIT
/**
 * Handlers for pcapng's metadata blocks: Section Header, Interface Description, Interface
 * Statistics, Name Resolution and Decryption Secrets. Each is called with the whole block in the
 * window and its framing already checked.
 */

import { CAP } from './capture-diagnostics.ts';
import type { CaptureInterface, CaptureSection, InterfaceStatistics } from './capture-types.ts';
import { linkTypeName } from './link-types.ts';
import type { ParseContext } from './parse-context.ts';
import {
  DEFAULT_TSRESOL,
  OPT_COMMENT,
  OPT_IF_DESCRIPTION,
  OPT_IF_FCSLEN,
  OPT_IF_FILTER,
  OPT_IF_NAME,
  OPT_IF_OS,
  OPT_IF_TSOFFSET,
  OPT_IF_TSRESOL,
  OPT_ISB_IFRECV,
  OPT_SHB_HARDWARE,
  OPT_SHB_OS,
  OPT_SHB_USERAPPL,
  pad4,
} from './pcapng-format.ts';
import { appendLine, forEachOption, optionString } from './pcapng-options.ts';
import type { PcapngState } from './pcapng-state.ts';
import { scaleFromTsresol } from './timestamps.ts';

/** Start a new section: interface ids restart, byte order is the SHB's own (set by the caller). */
export function readSectionHeader(ctx: ParseContext, st: PcapngState, offset: number, length: number): void {
  const section: CaptureSection = {
    offset,
    bigEndian: !ctx.littleEndian,
    version: `${ctx.u16(offset + 12)}.${ctx.u16(offset + 14)}`,
    firstInterface: ctx.interfaces.length,
  };
  forEachOption(ctx, offset + 24, offset + length - 4, offset, (code, at, len) => {
    if (code === OPT_COMMENT) section.comment = appendLine(section.comment, optionString(ctx, at, len));
    else if (code === OPT_SHB_HARDWARE) section.hardware = optionString(ctx, at, len);
    else if (code === OPT_SHB_OS) section.os = optionString(ctx, at, len);
    else if (code === OPT_SHB_USERAPPL) section.application = optionString(ctx, at, len);
  });
  ctx.sections.push(section);
  st.sectionFirst = ctx.interfaces.length;
}

/** Add an interface from an Interface Description Block. */
export function readInterface(ctx: ParseContext, st: PcapngState, offset: number, length: number): void {
  const linkType = ctx.u16(offset + 8);
  const iface: CaptureInterface = {
    linkType,
    linkTypeName: linkTypeName(linkType),
    snaplen: ctx.u32(offset + 12),
    tsresol: DEFAULT_TSRESOL,
    tsoffset: 0,
    section: ctx.sections.length - 1,
    localId: ctx.interfaces.length - st.sectionFirst,
  };
  forEachOption(ctx, offset + 16, offset + length - 4, offset, (code, at, len) => {
    readInterfaceOption(ctx, iface, code, at, len);
  });
  let scale = scaleFromTsresol(iface.tsresol, iface.tsoffset);
  if (!scale) {
    const what = `interface ${ctx.interfaces.length} has a timestamp resolution (if_tsresol ${iface.tsresol}) too fine for 64-bit timestamps; microseconds assumed`;
    ctx.sink.warnOnce(CAP.badTsresol, offset, what);
    iface.tsresol = DEFAULT_TSRESOL;
    scale = scaleFromTsresol(DEFAULT_TSRESOL, iface.tsoffset)!;
  }
  ctx.interfaces.push(iface);
  st.scales.push(scale);
}

/** One IDB option into the interface. */
function readInterfaceOption(
  ctx: ParseContext,
  iface: CaptureInterface,
  code: number,
  at: number,
  len: number,
) {
  switch (code) {
    case OPT_COMMENT:
      iface.comment = appendLine(iface.comment, optionString(ctx, at, len));
      break;
    case OPT_IF_NAME:
      iface.name = optionString(ctx, at, len);
      break;
    case OPT_IF_DESCRIPTION:
      iface.description = optionString(ctx, at, len);
      break;
    case OPT_IF_OS:
      iface.os = optionString(ctx, at, len);
      break;
    case OPT_IF_TSRESOL:
      if (len >= 1) iface.tsresol = ctx.u8(at);
      break;
    case OPT_IF_FCSLEN:
      if (len >= 1) iface.fcsLength = ctx.u8(at);
      break;
    case OPT_IF_TSOFFSET:
      if (len >= 8) iface.tsoffset = ctx.i64(at);
      break;
    case OPT_IF_FILTER:
      // The first byte says what follows: 0 is a libpcap filter string.
      if (len >= 1 && ctx.u8(at) === 0) iface.filter = optionString(ctx, at + 1, len - 1);
      break;
  }
}

const STAT_KEYS: readonly (keyof InterfaceStatistics)[] = [
  'received',
  'droppedByInterface',
  'filterAccepted',
  'droppedByOs',
  'delivered',
];

/** Keep the counters of an Interface Statistics Block on its interface. */
export function readStatistics(ctx: ParseContext, st: PcapngState, offset: number, length: number): void {
  const id = st.globalInterface(ctx, ctx.u32(offset + 8));
  if (id === undefined) {
    const what = `the statistics block at byte ${offset} names interface ${ctx.u32(offset + 8)}, which its section does not have; skipped`;
    ctx.sink.warnOnce(CAP.unknownInterface, offset + 8, what);
    return;
  }
  const stats: InterfaceStatistics = {};
  forEachOption(ctx, offset + 20, offset + length - 4, offset, (code, at, len) => {
    const key = STAT_KEYS[code - OPT_ISB_IFRECV];
    if (key !== undefined && len === 8) stats[key] = ctx.u64(at);
  });
  ctx.interfaces[id]!.statistics = stats;
}

/** Most name records kept; a file with more is surely not one a person reads. */
const MAX_NAME_RECORDS = 100_000;

/** Collect IPv4 and IPv6 names from a Name Resolution Block. */
export function readNames(ctx: ParseContext, offset: number, length: number): void {
  const end = offset + length - 4;
  let at = offset + 8;
  while (at + 4 <= end && ctx.names.length < MAX_NAME_RECORDS) {
    const type = ctx.u16(at);
    const len = ctx.u16(at + 2);
    if (type === 0) return;
    if (at + 4 + len > end) {
      const what = `name record at byte ${at} runs past its block at byte ${offset}; the rest of the block is ignored`;
      ctx.sink.warnOnce(CAP.badOption, at, what);
      return;
    }
    const addrLength = type === 1 ? 4 : type === 2 ? 16 : 0;
    if (addrLength > 0 && len >= addrLength) {
      const names = optionString(ctx, at + 4 + addrLength, len - addrLength)
        .split('\0')
        .filter(Boolean);
      ctx.names.push({ address: formatAddress(ctx.bytes(at + 4, addrLength)), names });
    }
    at += 4 + pad4(len);
  }
}

/** Record where a Decryption Secrets Block's data lies (the secrets are not read). */
export function readSecrets(ctx: ParseContext, offset: number, length: number): void {
  const declared = ctx.u32(offset + 12);
  ctx.secrets.push({
    type: ctx.u32(offset + 8),
    length: Math.min(declared, length - 20),
    offset: offset + 16,
  });
}

/** Dotted IPv4, or IPv6 with the longest run of zero groups shortened to `::` (RFC 5952). */
function formatAddress(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  const groups: number[] = [];
  for (let i = 0; i < b.length; i += 2) groups.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}
