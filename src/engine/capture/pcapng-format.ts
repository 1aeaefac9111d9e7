// SPDX-License-Identifier: MIT
/**
 * Constants of the pcapng format (IETF draft-ietf-opsawg-pcapng): every block is
 * `type(4) length(4) body length(4)`, lengths are multiples of 4, and the same length is repeated at
 * the end so a reader can walk backwards.
 */

/** Section Header Block; the type reads the same in both byte orders. */
export const BT_SHB = 0x0a0d0d0a;
/** Interface Description Block. */
export const BT_IDB = 0x00000001;
/** Obsolete Packet Block. */
export const BT_OPB = 0x00000002;
/** Simple Packet Block. */
export const BT_SPB = 0x00000003;
/** Name Resolution Block. */
export const BT_NRB = 0x00000004;
/** Interface Statistics Block. */
export const BT_ISB = 0x00000005;
/** Enhanced Packet Block. */
export const BT_EPB = 0x00000006;
/** systemd Journal Export Block. */
export const BT_JOURNAL = 0x00000009;
/** Decryption Secrets Block. */
export const BT_DSB = 0x0000000a;
/** Custom Block that may be copied. */
export const BT_CUSTOM = 0x00000bad;
/** Custom Block that must not be copied. */
export const BT_CUSTOM_NOCOPY = 0x40000bad;

/** The SHB's byte-order magic as written in the section's own order. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Smallest possible block: type, length, trailing length. */
export const MIN_BLOCK_LENGTH = 12;

/** Minimum total length of each block type with fixed fields (the rest: 12). */
export const MIN_LENGTH_BY_TYPE: ReadonlyMap<number, number> = new Map([
  [BT_SHB, 28],
  [BT_IDB, 20],
  [BT_OPB, 32],
  [BT_SPB, 16],
  [BT_NRB, 12],
  [BT_ISB, 24],
  [BT_EPB, 32],
  [BT_DSB, 20],
]);

/** Option codes common to all blocks. */
export const OPT_ENDOFOPT = 0;
/** opt_comment. */
export const OPT_COMMENT = 1;
/** shb_hardware. */
export const OPT_SHB_HARDWARE = 2;
/** shb_os. */
export const OPT_SHB_OS = 3;
/** shb_userappl. */
export const OPT_SHB_USERAPPL = 4;
/** if_name. */
export const OPT_IF_NAME = 2;
/** if_description. */
export const OPT_IF_DESCRIPTION = 3;
/** if_tsresol. */
export const OPT_IF_TSRESOL = 9;
/** if_filter. */
export const OPT_IF_FILTER = 11;
/** if_os. */
export const OPT_IF_OS = 12;
/** if_fcslen. */
export const OPT_IF_FCSLEN = 13;
/** if_tsoffset. */
export const OPT_IF_TSOFFSET = 14;
/** epb_flags (and the OPB's pack_flags). */
export const OPT_EPB_FLAGS = 2;
/** isb_ifrecv; isb_ifdrop, isb_filteraccept, isb_osdrop and isb_usrdeliv follow in order. */
export const OPT_ISB_IFRECV = 4;

/** Default if_tsresol: microseconds. */
export const DEFAULT_TSRESOL = 6;

/** Round up to the 32-bit boundary pcapng pads every field to. */
export function pad4(n: number): number {
  return n + ((4 - (n % 4)) % 4);
}
