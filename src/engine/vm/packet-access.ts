// SPDX-License-Identifier: MIT
/**
 * Where a packet load reads, and the bytes it gets. These small numeric functions are the single
 * definition of load semantics: the traced `step` and the untraced loop in `run` both call them.
 *
 * An address is a byte offset into the captured bytes, or NaN when the load has no address at all
 * (Linux: a negative offset below SKF_LL_OFF, or a header offset the packet does not have).
 */
import type { Size } from '../isa/insn.ts';
import { type ExtensionName, extensionOf, SKF_AD_OFF } from '../isa/opcodes.ts';
import { DEFAULT_LINK_OFFSET } from './meta.ts';
import type { PacketMeta, Semantics } from './types.ts';

/** SKF_NET_OFF and SKF_LL_OFF as the signed ints the kernel compares them as. */
const NET_OFF = -0x100000;
const LL_OFF = -0x200000;

/**
 * Big-endian value of `size` bytes at `offset`, or -1 when any of them lies outside `bytes`
 * (the caplen). Offsets are plain JS numbers, so neither a huge k nor X+k can overflow here:
 * this is bpf_filter.c's overflow-safe `k > buflen || size > buflen - k` test, exactly.
 * (run-untraced.ts spells the same test and reads inline on its hot paths.)
 */
export function loadBytes(bytes: Uint8Array, offset: number, size: Size): number {
  if (!(offset >= 0) || offset > bytes.length - size) return -1;
  if (size === 1) return bytes[offset]!;
  if (size === 2) return (bytes[offset]! << 8) | bytes[offset + 1]!;
  return (
    ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
    0
  );
}

/**
 * Linux: resolve a signed 32-bit load offset. Non-negative offsets address the data directly.
 * Negative ones go through kernel/bpf/core.c bpf_internal_load_pointer_neg_helper (reached from
 * net/core/filter.c bpf_skb_load_helper_*): k >= SKF_NET_OFF reads at the network header +
 * (k - SKF_NET_OFF), else k >= SKF_LL_OFF at the MAC header + (k - SKF_LL_OFF), else nothing.
 * A packet whose network header is unknown (`networkOffset` unset) has no address there; the
 * link header defaults to offset 0 (meta.ts). The kernel bounds the result by the buffer it has;
 * we bound it by the captured bytes in `loadBytes`. `meta` may be unresolved: absent fields mean
 * their defaults.
 */
export function linuxAddress(offset32: number, meta: Partial<PacketMeta>): number {
  if (offset32 >= 0) return offset32;
  if (offset32 >= NET_OFF) {
    return meta.networkOffset === undefined ? Number.NaN : meta.networkOffset + (offset32 - NET_OFF);
  }
  if (offset32 >= LL_OFF) return (meta.linkOffset ?? DEFAULT_LINK_OFFSET) + (offset32 - LL_OFF);
  return Number.NaN;
}

/**
 * The Linux ancillary load an absolute load names, if any. Only `ld/ldh/ldb [k]` (BPF_ABS) are
 * checked for extensions (net/core/filter.c bpf_convert_filter calls convert_bpf_extensions for
 * BPF_ABS only), and the size does not matter. libpcap has none: its loads treat k as an offset.
 * (Its live-capture path on Linux, bpf_filter_with_aux_data, does serve `ldb` of vlan_tci and
 * vlan_avail from the ring's aux data; `bpf_filter()`, which offline filtering uses and which the
 * libpcap semantics follow, has no aux data and returns 0 for them too.)
 */
export function absoluteExtension(k: number, semantics: Semantics): ExtensionName | undefined {
  if (semantics !== 'linux' || k >>> 0 < SKF_AD_OFF) return undefined;
  return extensionOf(k);
}

/**
 * Address of `ld [k]` and `ldx 4*([k]&0xf)` (when not an extension).
 * - linux: k is a signed int (net/core/filter.c convert_bpf_ld_abs: `int offset = fp->k`), so
 *   0xfff00000.. and 0xffe00000.. are SKF_NET_OFF/SKF_LL_OFF relative; an unknown k in the
 *   ancillary range (which the checker rejects) lands ~1 MiB past the network header: no data.
 * - libpcap: k is unsigned and simply bounds-checked (bpf_filter.c), so every such k is out of
 *   bounds and the program returns 0.
 */
export function absoluteAddress(k: number, semantics: Semantics, meta: Partial<PacketMeta>): number {
  if (semantics === 'linux') return linuxAddress(k | 0, meta);
  return k >>> 0;
}

/**
 * Address of `ld [x + k]`.
 * - linux: X + k wraps to 32 bits, then is read as a signed int (the eBPF conversion adds k to X
 *   in a 64-bit register and passes the low 32 bits as the helper's `int offset`): X=0xffffffff,
 *   k=1 reads byte 0, and a negative sum reaches SKF_NET_OFF/SKF_LL_OFF like an absolute load.
 * - libpcap: no wrap; bpf_filter.c's `pc->k > buflen || X > buflen - pc->k` rejects any sum past
 *   the buffer, so an overflowing X + k returns 0. Adding as doubles (< 2^33) is that test, exactly.
 * (run-untraced.ts spells the same sum inline, calling `linuxAddress` for a negative one.)
 */
export function indirectAddress(
  x: number,
  k: number,
  semantics: Semantics,
  meta: Partial<PacketMeta>,
): number {
  if (semantics === 'linux') return linuxAddress((x + k) | 0, meta);
  return (x >>> 0) + (k >>> 0);
}

/** Two metadata probes with different header offsets: a load that reads the same address under
 * both does not depend on the packet's metadata at all. */
const PROBE_A: Partial<PacketMeta> = Object.freeze({ networkOffset: 0, linkOffset: 0 });
const PROBE_B: Partial<PacketMeta> = Object.freeze({ networkOffset: 1, linkOffset: 1 });

/**
 * The address `absoluteAddress(k, semantics, meta)` gives for every `meta`, or undefined when it
 * depends on the metadata (Linux SKF_NET_OFF/SKF_LL_OFF offsets) or there is none. Derived from
 * `absoluteAddress` itself, so lowering a load ahead of time cannot disagree with it.
 */
export function fixedAbsoluteAddress(k: number, semantics: Semantics): number | undefined {
  const address = absoluteAddress(k, semantics, PROBE_A);
  return address === absoluteAddress(k, semantics, PROBE_B) ? address : undefined;
}
