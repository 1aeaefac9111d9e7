// SPDX-License-Identifier: MIT
/**
 * Indexing pcapng files: walk the blocks, check each one's framing (length a multiple of 4, at
 * least its type's minimum, inside the file, repeated at the end), and hand it to its handler.
 * Damage to the framing stops the walk; damage inside a block skips that block with a warning.
 */
import { CAP, stopError } from './capture-diagnostics.ts';
import type { ParseContext, Parser } from './parse-context.ts';
import { readInterface, readNames, readSecrets, readSectionHeader, readStatistics } from './pcapng-blocks.ts';
import {
  BT_CUSTOM,
  BT_CUSTOM_NOCOPY,
  BT_DSB,
  BT_EPB,
  BT_IDB,
  BT_ISB,
  BT_JOURNAL,
  BT_NRB,
  BT_OPB,
  BT_SHB,
  BT_SPB,
  BYTE_ORDER_MAGIC,
  MIN_BLOCK_LENGTH,
  MIN_LENGTH_BY_TYPE,
} from './pcapng-format.ts';
import { readPacketBlock, readSimplePacket } from './pcapng-packets.ts';
import { PcapngState } from './pcapng-state.ts';

/** Blocks up to this size are brought into the window whole; larger ones are read in parts. */
const WHOLE_BLOCK_LIMIT = 1 << 20;
/** Fixed fields (and trailer) of the largest packet-block header: enough to index a big packet. */
const HEADER_PART_LENGTH = 32;

/** Index a pcapng file (the caller has checked the first block's type). */
export function* readPcapng(ctx: ParseContext): Parser {
  const st = new PcapngState();
  let offset = 0;
  while (offset < ctx.size) {
    if (!ctx.fits(offset, MIN_BLOCK_LENGTH)) {
      truncatedHeader(ctx, offset);
      return;
    }
    if (!ctx.has(offset, MIN_BLOCK_LENGTH)) yield { offset, length: MIN_BLOCK_LENGTH };
    const type = ctx.u32As(offset, false) === BT_SHB ? BT_SHB : ctx.u32(offset);
    if (type === BT_SHB && !setSectionByteOrder(ctx, offset)) return;
    const length = ctx.u32(offset + 4);
    if (!checkFraming(ctx, type, offset, length)) return;
    const whole = length <= WHOLE_BLOCK_LIMIT;
    if (!whole) {
      // Check the trailer first: afterwards the window must hold the header for the handler.
      if (!ctx.has(offset + length - 4, 4)) yield { offset: offset + length - 4, length: 4 };
      if (!checkTrailer(ctx, offset, length)) return;
    }
    const want = whole ? length : Math.min(length, HEADER_PART_LENGTH);
    if (!ctx.has(offset, want)) yield { offset, length: want };
    if (whole && !checkTrailer(ctx, offset, length)) return;
    if (type === BT_SHB && !checkVersion(ctx, offset)) return;
    dispatch(ctx, st, type, offset, length, whole);
    offset += length;
    ctx.position = offset;
  }
}

/** Call the handler for a block whose framing is sound. */
function dispatch(
  ctx: ParseContext,
  st: PcapngState,
  type: number,
  offset: number,
  length: number,
  whole: boolean,
) {
  if (type === BT_EPB || type === BT_OPB) {
    readPacketBlock(ctx, st, offset, length, type === BT_OPB, whole);
  } else if (type === BT_SPB) {
    readSimplePacket(ctx, st, offset, length);
  } else if (!whole && (type === BT_SHB || type === BT_IDB || type === BT_NRB || type === BT_ISB)) {
    const what = `the ${length}-byte ${blockName(type)} at byte ${offset} is too large to read in full; its options are ignored`;
    ctx.sink.warnOnce(CAP.blockTooLarge, offset, what);
    readWithoutOptions(ctx, st, type, offset);
  } else if (type === BT_SHB) {
    readSectionHeader(ctx, st, offset, length);
  } else if (type === BT_IDB) {
    readInterface(ctx, st, offset, length);
  } else if (type === BT_ISB) {
    readStatistics(ctx, st, offset, length);
  } else if (type === BT_NRB) {
    readNames(ctx, offset, length);
  } else if (type === BT_DSB) {
    readSecrets(ctx, offset, length);
  } else if (type !== BT_JOURNAL && type !== BT_CUSTOM && type !== BT_CUSTOM_NOCOPY) {
    const what = `skipped a block of unknown type 0x${type.toString(16).padStart(8, '0')} at byte ${offset}`;
    ctx.sink.infoOnce(CAP.unknownBlock, offset, what);
  }
}

/** A metadata block too big to read still counts, from its fixed fields alone. */
function readWithoutOptions(ctx: ParseContext, st: PcapngState, type: number, offset: number): void {
  // Passing the minimum length makes the handlers see an empty option list.
  if (type === BT_SHB) readSectionHeader(ctx, st, offset, 28);
  else if (type === BT_IDB) readInterface(ctx, st, offset, 20);
  else if (type === BT_ISB) readStatistics(ctx, st, offset, 24);
}

/** Set the byte order from a Section Header Block's byte-order magic; false (and an error) if bad. */
function setSectionByteOrder(ctx: ParseContext, offset: number): boolean {
  const bom = ctx.u32As(offset + 8, false);
  if (bom === BYTE_ORDER_MAGIC) ctx.littleEndian = false;
  else if (bom === 0x4d3c2b1a) ctx.littleEndian = true;
  else {
    const what = `the section header at byte ${offset} has byte-order magic 0x${bom.toString(16).padStart(8, '0')}, expected 0x1a2b3c4d in either byte order`;
    ctx.sink.push(stopError(CAP.badMagic, offset + 8, what, ctx.kept));
    return false;
  }
  return true;
}

/** Only pcapng 1.x exists; a different major version means a layout this reader cannot know. */
function checkVersion(ctx: ParseContext, offset: number): boolean {
  const major = ctx.u16(offset + 12);
  if (major === 1) return true;
  const what = `the section header at byte ${offset} says pcapng version ${major}.${ctx.u16(offset + 14)}, expected 1.x`;
  ctx.sink.push(stopError(CAP.unsupportedVersion, offset + 12, what, ctx.kept));
  return false;
}

/** Check a block's length against the rules and the file; false (and an error) stops reading. */
function checkFraming(ctx: ParseContext, type: number, offset: number, length: number): boolean {
  const min = MIN_LENGTH_BY_TYPE.get(type) ?? MIN_BLOCK_LENGTH;
  if (length % 4 === 0 && length >= min && ctx.fits(offset, length)) return true;
  const name = blockName(type);
  if (length % 4 !== 0) {
    const what = `the ${name} at byte ${offset} has length ${length}, which is not a multiple of 4`;
    ctx.sink.push(stopError(CAP.blockLengthUnaligned, offset + 4, what, ctx.kept));
    return false;
  }
  if (length < min) {
    const what = `the ${name} at byte ${offset} has length ${length}, less than the ${min} bytes it needs`;
    ctx.sink.push(stopError(CAP.blockTooShort, offset + 4, what, ctx.kept));
    return false;
  }
  const what = `the file ends inside the ${length}-byte ${name} at byte ${offset}: only ${ctx.size - offset} bytes remain`;
  const code = offset === 0 ? CAP.truncatedHeader : CAP.truncatedRecord;
  ctx.sink.push(stopError(code, offset, what, ctx.kept, 'the capture was cut short'));
  return false;
}

/** The trailing length must repeat the leading one (both in the window). */
function checkTrailer(ctx: ParseContext, offset: number, length: number): boolean {
  const trailer = ctx.u32(offset + length - 4);
  if (trailer === length) return true;
  const what = `the block at byte ${offset} starts with length ${length} but ends with length ${trailer}`;
  ctx.sink.push(stopError(CAP.blockLengthMismatch, offset + length - 4, what, ctx.kept));
  return false;
}

/** Error for a file that ends inside a block header. */
function truncatedHeader(ctx: ParseContext, offset: number): void {
  const what = `the file ends ${ctx.size - offset} bytes into a block header at byte ${offset} (a block needs at least ${MIN_BLOCK_LENGTH})`;
  const code = offset === 0 ? CAP.truncatedHeader : CAP.truncatedRecordHeader;
  ctx.sink.push(stopError(code, offset, what, ctx.kept));
}

/** A readable name for a block type, for messages. */
function blockName(type: number): string {
  const names: Record<number, string> = {
    [BT_SHB]: 'section header block',
    [BT_IDB]: 'interface description block',
    [BT_EPB]: 'enhanced packet block',
    [BT_SPB]: 'simple packet block',
    [BT_OPB]: 'packet block',
    [BT_NRB]: 'name resolution block',
    [BT_ISB]: 'interface statistics block',
    [BT_DSB]: 'decryption secrets block',
  };
  return names[type] ?? `block of type 0x${type.toString(16)}`;
}
