// SPDX-License-Identifier: MIT
/**
 * The catalogue of capture-reader diagnostics (CAP4xxx). Each error says where (the byte offset),
 * what was wrong, and what was kept: reading stops at the damage and keeps every packet before it.
 * Warnings mean reading went on.
 */
import { type Diagnostic, error, info, warning } from '../diag/diagnostic.ts';

/** Stable codes of the capture reader. */
export const CAP = {
  /** The file is empty. */
  emptyFile: 'CAP4001',
  /** The first bytes are not a pcap or pcapng magic number. */
  badMagic: 'CAP4002',
  /** The file ends inside the file header or the first section header. */
  truncatedHeader: 'CAP4003',
  /** A version this reader does not understand. */
  unsupportedVersion: 'CAP4004',
  /** The file ends inside a record header or block header. */
  truncatedRecordHeader: 'CAP4005',
  /** The file ends inside a packet's captured bytes or a block's body. */
  truncatedRecord: 'CAP4006',
  /** A captured length too large to be real. */
  caplenTooLarge: 'CAP4007',
  /** A captured length above the snapshot length (the packet is kept). */
  caplenAboveSnaplen: 'CAP4008',
  /** A pcapng block length that is not a multiple of 4. */
  blockLengthUnaligned: 'CAP4009',
  /** A pcapng block length below the minimum for its type. */
  blockTooShort: 'CAP4010',
  /** The length at the end of a pcapng block differs from the one at its start. */
  blockLengthMismatch: 'CAP4011',
  /** A packet block names an interface its section does not have (the block is skipped). */
  unknownInterface: 'CAP4012',
  /** A packet block's captured length runs past the block (the block is skipped). */
  caplenPastBlock: 'CAP4013',
  /** An option runs past its block (the remaining options are ignored). */
  badOption: 'CAP4014',
  /** A block type this reader does not know (skipped). */
  unknownBlock: 'CAP4015',
  /** Indexing was cancelled. */
  cancelled: 'CAP4016',
  /** A metadata block too large to read (skipped). */
  blockTooLarge: 'CAP4017',
  /** An if_tsresol this reader cannot use (microseconds assumed). */
  badTsresol: 'CAP4018',
  /** The byte source failed or returned fewer bytes than it said it has. */
  readFailed: 'CAP4019',
  /** Packets of different link types cannot share one classic pcap file. */
  exportMixedLinkTypes: 'CAP4020',
} as const;

/** The phrase every stopping error ends with. */
export function keptPhrase(kept: number): string {
  return kept === 1 ? 'kept the 1 packet before the damage' : `kept ${kept} packets before the damage`;
}

/** An error that stopped reading at `offset`, keeping `kept` packets. */
export function stopError(
  code: string,
  offset: number,
  what: string,
  kept: number,
  hint?: string,
): Diagnostic {
  const extras = hint === undefined ? { offset } : { offset, hint };
  return error(code, `${what}; ${keptPhrase(kept)}`, extras);
}

/**
 * Collects diagnostics, folding repeats of a warning code into the first one (a note counts the
 * rest), so a file with a million odd records yields one warning, not a million.
 */
export class DiagnosticSink {
  /** Everything reported so far, in order. */
  readonly list: Diagnostic[] = [];
  private readonly repeats = new Map<string, { diagnostic: Diagnostic; more: number }>();

  /** Add a diagnostic as is. */
  push(d: Diagnostic): void {
    this.list.push(d);
  }

  /** Add a warning unless one with this code was already added; then only count it. */
  warnOnce(code: string, offset: number, message: string, hint?: string): void {
    this.folded(code, () => warning(code, message, hint === undefined ? { offset } : { offset, hint }));
  }

  /** Add an info unless one with this code was already added; then only count it. */
  infoOnce(code: string, offset: number, message: string): void {
    this.folded(code, () => info(code, message, { offset }));
  }

  /** The diagnostics, with a note on each folded one saying how many more occurred. */
  finish(): Diagnostic[] {
    for (const { diagnostic, more } of this.repeats.values()) {
      if (more > 0) diagnostic.notes.push({ message: `${more} more like this after the first` });
    }
    return this.list;
  }

  private folded(code: string, make: () => Diagnostic): void {
    const seen = this.repeats.get(code);
    if (seen) {
      seen.more++;
      return;
    }
    const diagnostic = make();
    this.repeats.set(code, { diagnostic, more: 0 });
    this.list.push(diagnostic);
  }
}

/** Hints for files that are not captures but are recognisable by their first bytes. */
export function magicHint(first: Uint8Array): string | undefined {
  const b0 = first[0];
  const b1 = first[1];
  if (b0 === 0x1f && b1 === 0x8b) return 'this looks gzip-compressed: decompress it first';
  if (b0 === 0x28 && b1 === 0xb5) return 'this looks zstd-compressed: decompress it first';
  if (b0 === 0x50 && b1 === 0x4b) return 'this looks like a zip archive: extract the capture first';
  const text = String.fromCharCode(...first.subarray(0, 8));
  if (text === 'snoop\0\0\0') return 'this is a Solaris snoop file: convert it with editcap -F pcap';
  if (text.startsWith('XCP'))
    return 'this looks like a Microsoft Network Monitor file: convert it with editcap -F pcap';
  const magic = ((first[0] ?? 0) << 24) | ((first[1] ?? 0) << 16) | ((first[2] ?? 0) << 8) | (first[3] ?? 0);
  if (magic >>> 0 === 0xa1b2cd34 || magic >>> 0 === 0x34cdb2a1) {
    return 'this is the modified (Kuznetzov) pcap format: convert it with editcap -F pcap';
  }
  return 'save it as pcap or pcapng (in Wireshark: File > Save As)';
}
