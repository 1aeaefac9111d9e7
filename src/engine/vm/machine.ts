// SPDX-License-Identifier: MIT
/**
 * The interpreter's state and the environment one run sees. Both semantics start the same way:
 * A = X = 0 (bpf_filter.c sets them before the loop; net/core/filter.c's bpf_convert_filter
 * emits two XORs as the first instructions) and M[] zeroed. The kernel does not clear M[]; its
 * checker (check_load_and_stores, reference §5 rule 10) rejects any program that could read a
 * cell before writing it, so a Linux program never observes the difference. libpcap master zeroes
 * M[] for each packet (commit 360f7fa6); releases up to 1.10.6 leave it uninitialised.
 */

import { BPF_MEMWORDS } from '../isa/opcodes.ts';
import { resolveMeta } from './meta.ts';
import type { BranchEvent, PacketContext, PacketMeta, ReadEvent, RunEnd, Semantics } from './types.ts';

/** Registers, scratch memory and program counter between two steps. */
export interface Machine {
  readonly pc: number;
  readonly a: number;
  readonly x: number;
  /** The 16 scratch words M[0..15]. */
  readonly mem: readonly number[];
}

/** What every step of one run reads: the packet, its resolved metadata and the semantics. */
export interface StepEnv {
  readonly bytes: Uint8Array;
  /** Wire length as u32 (`#len`). */
  readonly wireLength: number;
  readonly meta: PacketMeta;
  readonly semantics: Semantics;
}

/** The way a run ends early or by `ret`, with the value the program returns. */
export interface Halt {
  verdict: number;
  end: RunEnd;
}

/**
 * What one instruction does, as computed by its family function (loads, alu, jumps, ret,
 * scratch, misc). Absent fields leave the machine unchanged; `next` absent means pc + 1.
 */
export interface Effect {
  a?: number;
  x?: number;
  memWrite?: { index: number; value: number };
  read?: ReadEvent;
  branch?: BranchEvent;
  next?: number;
  halt?: Halt;
}

/** M[] at the start of every run; shared, since states are never mutated (a store copies). */
const ZEROED_MEM: readonly number[] = Object.freeze(new Array<number>(BPF_MEMWORDS).fill(0));

/** A run's first state: pc 0, A = X = 0, M[] zeroed. */
export function initialMachine(): Machine {
  return { pc: 0, a: 0, x: 0, mem: ZEROED_MEM };
}

/**
 * Bundle a packet and semantics for `step`, resolving the metadata defaults once (a capture that
 * wants a different `rand` per packet sets `meta.random`, e.g. from `seededRandom(index)`).
 */
export function makeEnv(packet: PacketContext, semantics: Semantics): StepEnv {
  return {
    bytes: packet.bytes,
    wireLength: packet.wireLength >>> 0,
    meta: resolveMeta(packet.meta),
    semantics,
  };
}

/** The effect of a run ending here with `verdict` (an implicit return 0 for every early end). */
export function halt(end: RunEnd, verdict = 0): Effect {
  return { halt: { verdict, end } };
}
