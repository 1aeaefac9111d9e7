// SPDX-License-Identifier: MIT
/**
 * Constants of the classic pcap file format (the public "pcap savefile" description): a 24-byte
 * file header, then per packet a 16-byte record header and the captured bytes.
 */

/** Magic of a microsecond-resolution file, as read in the writer's byte order. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
/** Magic of a nanosecond-resolution file. */
export const PCAP_MAGIC_NS = 0xa1b23c4d;
/** Size of the file header. */
export const PCAP_FILE_HEADER_LENGTH = 24;
/** Size of a record header. */
export const PCAP_RECORD_HEADER_LENGTH = 16;
/** The file-format version every reader understands. */
export const PCAP_VERSION_MAJOR = 2;
/** Minor version written by libpcap since 1998. */
export const PCAP_VERSION_MINOR = 4;
/** Default snapshot length (tcpdump's default since 4.0). */
export const DEFAULT_SNAPLEN = 262144;
/**
 * Largest caplen accepted when the snaplen is smaller: libpcap and Wireshark refuse records above
 * 256 KiB (WTAP_MAX_PACKET_SIZE_STANDARD / MAXIMUM_SNAPLEN) as a sign of a damaged file.
 */
export const MAX_SANE_CAPLEN = 262144;
/**
 * The link-type field's upper bits may carry FCS information (LT_FCS_LENGTH_PRESENT, bit 26, and a
 * 4-bit length at bits 28..31); the link type itself is the low 26 bits.
 */
export const PCAP_LINKTYPE_MASK = 0x03ffffff;
