// SPDX-License-Identifier: MIT
/**
 * Values of the 16 Linux ancillary loads (k = SKF_AD_OFF + n, reference §4.4), read from the
 * packet's `PacketMeta` the way net/core/filter.c convert_bpf_extensions reads the sk_buff. The
 * load size does not matter (`ldb #proto` = `ld #proto`), and each value becomes A.
 * libpcap never gets here: its loads treat these k as (out-of-bounds) offsets.
 */
import type { ExtensionName } from '../isa/opcodes.ts';
import { netlinkAttribute, netlinkNestedAttribute } from './netlink.ts';
import type { PacketMeta } from './types.ts';

/** PKT_TYPE_MAX: the kernel masks the 3-bit pkt_type field with it. */
const PKT_TYPE_MAX = 7;

/** The value an ancillary load puts in A (A and X feed `nla`, `nlan` and `xor_x`). */
export function extensionValue(
  name: ExtensionName,
  a: number,
  x: number,
  meta: PacketMeta,
  bytes: Uint8Array,
): number {
  switch (name) {
    // skb->protocol is stored big-endian and converted with ntohs: the EtherType as a number.
    case 'proto':
      return meta.protocol & 0xffff;
    case 'type':
      return meta.pktType & PKT_TYPE_MAX;
    // dev->ifindex and dev->type; we always model a device (without one the kernel's program
    // would return A at this point, a case a capture cannot produce).
    case 'ifidx':
      return meta.ifindex >>> 0;
    case 'hatype':
      return meta.hatype & 0xffff;
    case 'nla':
      return netlinkAttribute(bytes, a, x);
    case 'nlan':
      return netlinkNestedAttribute(bytes, a, x);
    case 'mark':
      return meta.mark >>> 0;
    // skb->queue_mapping is a u16.
    case 'queue':
      return meta.queue & 0xffff;
    case 'rxhash':
      return meta.rxhash >>> 0;
    case 'cpu':
      return meta.cpu >>> 0;
    // SKF_AD_ALU_XOR_X is not a load at all: A ^= X.
    case 'xor_x':
      return (a ^ x) >>> 0;
    // The three VLAN loads read one sk_buff word, vlan_all = {vlan_proto, vlan_tci}, which is all
    // zero when no tag was stripped (Linux 6.2 even defines "present" as vlan_all != 0), so the
    // TCI and TPID read 0 without a tag whatever the metadata says. Current kernels keep the
    // presence flag out of vlan_tci, so all 16 TCI bits come back (older ones cleared bit 12).
    case 'vlan_tci':
      return meta.vlanPresent ? meta.vlanTci & 0xffff : 0;
    case 'vlan_avail':
      return meta.vlanPresent ? 1 : 0;
    case 'poff':
      return (meta.payloadOffset ?? 0) >>> 0;
    // get_random_u32() in the kernel; a fixed per-packet value here, so runs are reproducible.
    case 'rand':
      return meta.random >>> 0;
    // skb->vlan_proto, converted with ntohs like the protocol; 0 without a tag (see vlan_tci).
    case 'vlan_tpid':
      return meta.vlanPresent ? meta.vlanTpid & 0xffff : 0;
  }
}
