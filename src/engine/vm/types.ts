// SPDX-License-Identifier: MIT

import type { Insn } from '../isa/insn.ts';
import type { ExtensionName } from '../isa/opcodes.ts';

/**
 * Which machine to emulate. `linux`: the kernel's classic BPF (net/core/filter.c, with the 16
 * ancillary loads and SKF_NET_OFF/SKF_LL_OFF). `libpcap`: userland `bpf_filter()` (bpf_filter.c).
 * Every place they differ is one explicit branch in the interpreter.
 */
export type Semantics = 'linux' | 'libpcap';

/**
 * Metadata the Linux ancillary loads read from the socket buffer. A capture can tell some of it
 * (protocol from the EtherType, packet type from the destination MAC); the rest has defaults and
 * may be overridden by the user.
 */
export interface PacketMeta {
  /** skb->protocol in host order (an EtherType such as 0x0800), read by `proto`. */
  protocol: number;
  /** skb->pkt_type: 0 host, 1 broadcast, 2 multicast, 3 other host, 4 outgoing; read by `type`. */
  pktType: number;
  /** Interface index, read by `ifidx` (0 when unknown). */
  ifindex: number;
  /** skb->mark, read by `mark`. */
  mark: number;
  /** skb->queue_mapping, read by `queue`. */
  queue: number;
  /** Device type (ARPHRD_*, 1 = Ethernet), read by `hatype`. */
  hatype: number;
  /** skb->hash, read by `rxhash`. */
  rxhash: number;
  /** CPU number, read by `cpu`. */
  cpu: number;
  /** Value `rand` returns (a fixed seed makes runs reproducible). */
  random: number;
  /** Whether a VLAN tag was stripped by offload (`vlan_avail`). */
  vlanPresent: boolean;
  /** The stripped tag's TCI (`vlan_tci`). */
  vlanTci: number;
  /** The stripped tag's TPID, e.g. 0x8100 (`vlan_tpid`). */
  vlanTpid: number;
  /** Offset of the network header in `bytes`, for SKF_NET_OFF loads (undefined: none). */
  networkOffset?: number;
  /** Offset of the link-layer header in `bytes`, for SKF_LL_OFF loads (normally 0). */
  linkOffset?: number;
  /** Offset of the transport payload, what the flow dissector gives `poff` (0 when unknown). */
  payloadOffset?: number;
}

/** One packet as the filter sees it. */
export interface PacketContext {
  /** Captured bytes; loads are bounded by `bytes.length` (caplen). */
  bytes: Uint8Array;
  /** Length on the wire, what `#len` reads; may exceed `bytes.length` for truncated captures. */
  wireLength: number;
  /** Ancillary metadata for the Linux extensions; defaults apply when absent. */
  meta?: Partial<PacketMeta>;
}

/** What one executed instruction read from the packet or the socket buffer. */
export type ReadEvent =
  | {
      kind: 'packet';
      /** First byte read, relative to the start of `bytes` (after resolving X+k, NET/LL bases). */
      offset: number;
      length: number;
      /** Bits of the bytes the instruction looks at (`ldx 4*([k]&0xf)` reads 0x0f). */
      bitMask?: number;
    }
  | { kind: 'ext'; ext: ExtensionName; value: number }
  | { kind: 'len'; value: number }
  /**
   * `unset`: no store on this run wrote the cell before. The value is then bpflab's 0 (as the
   * kernel's zeroed M[] and libpcap from 1.10.7); libpcap up to 1.10.6 leaves M[] uninitialised,
   * so there the value, and the verdict after it, is whatever its stack held.
   */
  | { kind: 'mem'; index: number; value: number; unset?: true };

/** Why a run ended. */
export type RunEnd =
  /** A `ret` instruction executed. */
  | 'ret'
  /** A load reached outside the captured bytes: the program returns 0. */
  | 'out-of-bounds'
  /** Division or modulo by X = 0: the program returns 0. */
  | 'divide-by-zero'
  /** An instruction the semantics cannot execute (libpcap would abort(), Linux would never load it). */
  | 'invalid-instruction'
  /** pc left the program (only possible for programs the checker rejects). */
  | 'fell-off'
  /** The step limit ran out (libpcap backward jumps can loop). */
  | 'step-limit';

/** A conditional or unconditional jump as evaluated. */
export interface BranchEvent {
  /** The condition held (always true for `ja`). */
  taken: boolean;
  /** Where execution continues. */
  target: number;
  /** Where it would have gone the other way (same as `target` for `ja`). */
  other: number;
  /** Left operand (A) and right operand (k or X) of the test, absent for `ja`. */
  lhs?: number;
  rhs?: number;
}

/** One executed instruction (DESIGN §3 TraceStep). */
export interface TraceStep {
  pc: number;
  insn: Insn;
  aBefore: number;
  xBefore: number;
  aAfter: number;
  xAfter: number;
  /** A scratch cell written by `st`/`stx`. */
  memWrite?: { index: number; value: number };
  /** What the instruction read (packet bytes, extension, length or scratch). */
  read?: ReadEvent;
  /** Present on jumps. */
  branch?: BranchEvent;
  /** Present on the last step: the value the program returned. */
  verdict?: number;
  /** Present on the last step: why the run ended (a `ret`, or an implicit return 0). */
  end?: RunEnd;
}

/**
 * The outcome of running a program on one packet. An untraced run's (`trace: false`) may be the
 * very object other runs that ended the same way returned (then it is frozen): read-only.
 */
export interface RunResult {
  /** The filter's return value: bytes to keep (0 = drop); for seccomp, action|data. */
  verdict: number;
  end: RunEnd;
  /** Every executed step; empty (one shared frozen array) for an untraced run. */
  steps: TraceStep[];
}
