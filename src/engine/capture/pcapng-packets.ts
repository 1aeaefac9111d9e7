// SPDX-License-Identifier: MIT
/**
 * Handlers for pcapng's packet blocks: Enhanced, Obsolete and Simple. They index the packet's
 * offset, lengths, timestamp and interface; the bytes themselves are read later, on demand.
 */
import { CAP } from './capture-diagnostics.ts';
import type { ParseContext } from './parse-context.ts';
import { MAX_SANE_CAPLEN } from './pcap-format.ts';
import { OPT_COMMENT, OPT_EPB_FLAGS, pad4 } from './pcapng-format.ts';
import { appendLine, forEachOption, optionString } from './pcapng-options.ts';
import type { PcapngState } from './pcapng-state.ts';
import { convertTimestamp } from './timestamps.ts';

/** Where a packet block's fixed fields put things. */
interface PacketFields {
  localId: number;
  caplen: number;
  wireLength: number;
  /** Offset of the packet data. */
  data: number;
}

/**
 * Index an Enhanced Packet Block (`obsolete` false) or an Obsolete Packet Block (16-bit interface
 * id and a drop counter instead of the 32-bit id). Options are read when the block is `whole` in
 * the window of the file in memory.
 */
export function readPacketBlock(
  ctx: ParseContext,
  st: PcapngState,
  offset: number,
  length: number,
  obsolete: boolean,
  whole: boolean,
): void {
  const fields: PacketFields = {
    localId: obsolete ? ctx.u16(offset + 8) : ctx.u32(offset + 8),
    caplen: ctx.u32(offset + 20),
    wireLength: ctx.u32(offset + 24),
    data: offset + 28,
  };
  const id = checkPacket(ctx, st, offset, length - 32, fields);
  if (id === undefined) return;
  convertTimestamp(ctx.u32(offset + 12), ctx.u32(offset + 16), st.scales[id]!, st.ts);
  const i = ctx.table.add(fields.data, fields.caplen, fields.wireLength, st.ts.sec, st.ts.nsec, id);
  const optionsAt = fields.data + pad4(fields.caplen);
  // Most packets have no options: skip the walk (and its closure) for them.
  if (!whole || optionsAt + 4 > offset + length - 4) return;
  let comment: string | undefined;
  forEachOption(ctx, optionsAt, offset + length - 4, offset, (code, at, len) => {
    if (code === OPT_COMMENT) comment = appendLine(comment, optionString(ctx, at, len));
    else if (code === OPT_EPB_FLAGS && len === 4) ctx.table.setFlags(i, ctx.u32(at));
  });
  if (comment !== undefined) ctx.table.setComment(i, comment);
}

/**
 * Index a Simple Packet Block: interface 0 of the section, no timestamp, and the captured length
 * is what the block holds, at most the wire length and the snaplen (pcapng spec).
 */
export function readSimplePacket(ctx: ParseContext, st: PcapngState, offset: number, length: number): void {
  const wireLength = ctx.u32(offset + 8);
  const id = st.globalInterface(ctx, 0);
  if (id === undefined) {
    warnUnknownInterface(ctx, st, offset, 0);
    return;
  }
  const snaplen = ctx.interfaces[id]!.snaplen;
  let caplen = Math.min(wireLength, length - 16);
  if (snaplen > 0) caplen = Math.min(caplen, snaplen);
  ctx.table.add(offset + 12, caplen, wireLength, 0, 0, id);
}

/** Check a packet block's interface and lengths; returns the global interface id, or undefined to skip. */
function checkPacket(
  ctx: ParseContext,
  st: PcapngState,
  offset: number,
  room: number,
  f: PacketFields,
): number | undefined {
  const id = st.globalInterface(ctx, f.localId);
  if (id === undefined) {
    warnUnknownInterface(ctx, st, offset, f.localId);
    return undefined;
  }
  if (f.caplen > room) {
    const what = `the packet block at byte ${offset} claims ${f.caplen} captured bytes but holds only ${room}; skipped`;
    ctx.sink.warnOnce(CAP.caplenPastBlock, offset + 20, what);
    return undefined;
  }
  const snaplen = ctx.interfaces[id]!.snaplen;
  if (f.caplen > Math.max(MAX_SANE_CAPLEN, snaplen)) {
    const what = `the packet block at byte ${offset} has ${f.caplen} captured bytes, more than readers accept (${Math.max(MAX_SANE_CAPLEN, snaplen)}); kept`;
    ctx.sink.warnOnce(CAP.caplenTooLarge, offset + 20, what);
  } else if (snaplen > 0 && f.caplen > snaplen) {
    const what = `the packet block at byte ${offset} has ${f.caplen} captured bytes, more than its interface's snaplen ${snaplen}; kept in full`;
    ctx.sink.warnOnce(CAP.caplenAboveSnaplen, offset + 20, what);
  }
  return id;
}

/** Warn about a packet block naming an interface its section lacks. */
function warnUnknownInterface(ctx: ParseContext, st: PcapngState, offset: number, localId: number): void {
  const have = ctx.interfaces.length - st.sectionFirst;
  const what = `the packet block at byte ${offset} names interface ${localId}, which its section does not have (${have} described so far); skipped`;
  ctx.sink.warnOnce(CAP.unknownInterface, offset + 8, what);
}
