// SPDX-License-Identifier: MIT
/**
 * How many eBPF instructions the kernel turns a classic program into (net/core/filter.c
 * `bpf_convert_filter`). The kernel charges the translated program against the socket's option
 * memory (`__sk_filter_charge`, net.core.optmem_max), so a program of fewer than 4096 classic
 * instructions can still be refused with ENOMEM. The costs below were measured on Linux 6.18 by
 * attaching programs of each instruction until the kernel refused; they change between kernels,
 * so this is an estimate.
 */
import type { RawInsn } from '../isa/insn.ts';
import { type ExtensionName, extensionOf } from '../isa/opcodes.ts';

/** Translated cost of each ancillary load (measured; the cheap ones read one skb field). */
const EXTENSION_COST: Readonly<Record<ExtensionName, number>> = {
  proto: 2,
  type: 2,
  ifidx: 4,
  nla: 4,
  nlan: 4,
  mark: 1,
  queue: 1,
  hatype: 4,
  rxhash: 1,
  cpu: 4,
  xor_x: 1,
  vlan_tci: 1,
  vlan_avail: 3,
  poff: 4,
  rand: 4,
  vlan_tpid: 2,
};

/** An absolute load: fast path plus a helper-call slow path; offsets that need no add or a wide one. */
function absoluteCost(k: number, base: number): number {
  const ext = extensionOf(k);
  if (ext !== undefined) return EXTENSION_COST[ext];
  // Negative offsets (SKF_NET_OFF, SKF_LL_OFF and the like) go straight to the helper.
  if (k >= 0x80000000) return 8;
  if (k === 0) return base;
  return k < 0x8000 ? base + 1 : base + 3;
}

/** Estimated eBPF instructions for one classic instruction. */
export function translatedCost(r: RawInsn): number {
  switch (r.code) {
    case 0x20:
    case 0x28:
      return absoluteCost(r.k, 13);
    case 0x30:
      return absoluteCost(r.k, 12);
    case 0x40:
    case 0x48:
    case 0x50:
      return r.k === 0 ? 8 : 9;
    case 0xb1:
      return r.k >= 0x80000000 ? 14 : absoluteCost(r.k, 18);
    case 0x3c:
    case 0x9c:
      // div/mod by X: a zero test that returns 0, then the operation (reference §6).
      return 5;
    case 0x06:
      return 2;
    default:
      return 1;
  }
}

/** Estimated eBPF instructions for a whole program. */
export function translatedLength(raw: readonly RawInsn[]): number {
  return raw.reduce((sum, r) => sum + translatedCost(r), 0);
}

/** net.core.optmem_max's default on current kernels (it was 20480 before). */
export const DEFAULT_OPTMEM_MAX = 131072;
/** Bytes the kernel charges besides 8 per translated instruction (measured: struct and prologue). */
export const CHARGE_OVERHEAD = 128;

/** Bytes the kernel would charge for the translated program. */
export function chargedBytes(raw: readonly RawInsn[]): number {
  return 8 * translatedLength(raw) + CHARGE_OVERHEAD;
}

/** Whether a socket with a fresh option-memory account takes the program (`__sk_filter_charge`). */
export function fitsOptmem(raw: readonly RawInsn[], optmemMax = DEFAULT_OPTMEM_MAX): boolean {
  // The kernel wants the charge strictly below the limit (measured: exact on Linux 6.18).
  return chargedBytes(raw) < optmemMax;
}
