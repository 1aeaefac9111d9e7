// SPDX-License-Identifier: MIT
/**
 * The untraced loop behind `run(…, {trace: false})` and `prepareRun`: whole-capture runs through
 * the interpreter (the fallback where the WebAssembly fast path cannot go). It runs the lowered
 * program (lower.ts) with the registers in locals; property and differential tests check that it
 * returns exactly what the traced path returns.
 *
 * Written for V8; each choice was measured on the bench's filters (bench/run.ts):
 * - A, X and M[] hold int32 bit patterns, so they stay in machine registers (a u32 above 2^31
 *   would become a double). `ret a` converts with `>>> 0`; jgt, jge, div and mod work on `>>> 0`
 *   views; every other operation gives the same bits as alu.ts and jumps.ts.
 * - Packet reads and their bounds tests are spelled out, not called: a call costs a check at each
 *   of dozens of sites, and V8 stops inlining them. The test is `loadBytes`'s: an address that is
 *   not >= 0, or has fewer than `size` bytes after it (`offset > length - size`, which cannot
 *   overflow), is out of bounds. `[x + k]` adds as `indirectAddress` does: Linux wraps to a
 *   signed int, resolved by `linuxAddress` when negative; libpcap adds unsigned. Rare loads
 *   (SKF_NET_OFF/SKF_LL_OFF, extensions) and shifts by X call the shared functions.
 * - One function, one dense literal `switch` (V8 makes it a jump table). A fused op (lower.ts)
 *   does its load and leaves through `fused` with the jump's outcome; after any jump, the tests on
 *   k and the `ret #k` it leads to run without another dispatch (most of tcpdump's code).
 * - Results are made once and shared (`untracedResult`): nothing is allocated per packet, but
 *   for `ret a`.
 * - Metadata is read only by the loads that need it, and resolved only for an extension.
 */

import type { Insn, Size } from '../isa/insn.ts';
import { shiftCount } from './alu.ts';
import { extensionValue } from './extensions.ts';
import { type Lowered, NO_STEPS, untracedResult } from './lower.ts';
import { resolveMeta } from './meta.ts';
import { absoluteAddress, linuxAddress, loadBytes } from './packet-access.ts';
import type { PacketContext, PacketMeta, RunResult } from './types.ts';

/** M[] for the untraced loop (int32 bits); runs are synchronous, so one buffer serves them all. */
const scratch = new Int32Array(16);

/** Stands in for absent metadata: every field takes its default. */
const NO_META: Readonly<Partial<PacketMeta>> = Object.freeze({});

/** The results of the ways to end with 0 besides `ret`. */
const OUT_OF_BOUNDS = untracedResult(0, 'out-of-bounds');
const DIVIDE_BY_ZERO = untracedResult(0, 'divide-by-zero');
const STEP_LIMIT = untracedResult(0, 'step-limit');
const FELL_OFF = untracedResult(0, 'fell-off');
const INVALID = untracedResult(0, 'invalid-instruction');

/**
 * Run a lowered program without recording steps; same verdict and end as the traced path. Given
 * `current` (the caller's array, which may have changed since it was lowered), each instruction
 * of it is checked to be the one lowered before it runs (a fused pair's second one with its
 * first); if one is not, the result is undefined and nothing else happened (runs have no side
 * effects).
 */
export function runUntraced(
  low: Lowered,
  packet: PacketContext,
  maxSteps: number,
  current?: readonly Insn[],
): RunResult | undefined {
  const code = low.code;
  const source = low.source;
  const semantics = low.semantics;
  const wraps = semantics === 'linux'; // how `[x + k]` adds (see the header)
  const verify = current !== undefined;
  const bytes = packet.bytes;
  // Nothing can resize the bytes during a run: one read of the caplen serves every bounds test.
  const len = bytes.length;
  let meta: PacketMeta | undefined;
  const mem = scratch;
  // 16 stores rather than fill(), whose builtin call costs more (`=== true`: see run.ts runQuick).
  if (low.usesMem === true) for (let m = 0; m < 16; m++) mem[m] = 0;
  let a = 0;
  let x = 0;
  let i = 0; // slot index of the current instruction: pc * SLOTS
  let budget = maxSteps; // steps left
  let o = 0;
  let taken = false;
  for (;;) {
    const op = code[i]!;
    const pc = i >> 2;
    // The program array changed under the lowered copy: the caller lowers it again and reruns.
    // A fused op's (56 and up) second instruction is checked here too, while the arrays are at hand.
    if (verify && (current![pc] !== source[pc] || (op >= 56 && current![pc + 1] !== source[pc + 1]))) {
      return undefined;
    }
    // The `fellOff` sentinel is not an instruction: it ends the run whatever the step count.
    if (--budget < 0 && op !== 3) return STEP_LIMIT;
    // biome-ignore lint/suspicious/noConfusingLabels: the switch's two other exits (see the header)
    jump: {
      // biome-ignore lint/suspicious/noConfusingLabels: as above
      fused: {
        switch (op) {
          case 0: // retK
            return low.returns[pc]!;
          case 1: // retA
            return { verdict: a >>> 0, end: 'ret', steps: NO_STEPS };
          case 2: // invalid
            return INVALID;
          case 3: // fellOff
            return FELL_OFF;
          case 4: // ldImm
            a = code[i + 1]!;
            break;
          case 5: // ldxImm
            x = code[i + 1]!;
            break;
          case 6: // ldLen
            a = packet.wireLength | 0;
            break;
          case 7: // ldxLen
            x = packet.wireLength | 0;
            break;
          case 8: // ldB
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            break;
          case 9: // ldH
            o = code[i + 1]! >>> 0;
            if (o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            break;
          case 10: // ldW
            o = code[i + 1]! >>> 0;
            if (o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            break;
          // Linux loads at SKF_NET_OFF/SKF_LL_OFF (or below): rare, so through loadBytes as is.
          case 11: // ldAbsB
          case 12: // ldAbsH
          case 13: // ldAbsW
            o = absoluteAddress(code[i + 1]!, semantics, packet.meta ?? NO_META);
            o = loadBytes(bytes, o, (1 << (op - 11)) as Size);
            if (o < 0) return OUT_OF_BOUNDS;
            a = o | 0;
            break;
          case 14: // ldIndB
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            break;
          case 15: // ldIndH
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            break;
          case 16: // ldIndW
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            break;
          case 17: // ldxMsh
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            x = (bytes[o]! & 0xf) << 2;
            break;
          case 18: // ldxMshAbs
            o = loadBytes(bytes, absoluteAddress(code[i + 1]!, semantics, packet.meta ?? NO_META), 1);
            if (o < 0) return OUT_OF_BOUNDS;
            x = (o & 0xf) << 2;
            break;
          case 19: // ldExt
            meta ??= resolveMeta(packet.meta);
            a = extensionValue(low.ext[pc]!, a >>> 0, x >>> 0, meta, bytes) | 0;
            break;
          case 20: // ldMem
            a = mem[code[i + 1]!]!;
            break;
          case 21: // ldxMem
            x = mem[code[i + 1]!]!;
            break;
          case 22: // st
            mem[code[i + 1]!] = a;
            break;
          case 23: // stx
            mem[code[i + 1]!] = x;
            break;
          case 24: // neg
            a = -a | 0;
            break;
          case 25: // ja
            taken = true;
            break jump;
          case 26: // tax
            x = a;
            break;
          case 27: // txa
            a = x;
            break;
          case 28: // addK
            a = (a + code[i + 1]!) | 0;
            break;
          case 29: // subK
            a = (a - code[i + 1]!) | 0;
            break;
          case 30: // mulK
            a = Math.imul(a, code[i + 1]!);
            break;
          case 31: // divK
            if (code[i + 1] === 0) return DIVIDE_BY_ZERO;
            a = ((a >>> 0) / (code[i + 1]! >>> 0)) | 0;
            break;
          case 32: // modK
            if (code[i + 1] === 0) return DIVIDE_BY_ZERO;
            a = ((a >>> 0) % (code[i + 1]! >>> 0)) | 0;
            break;
          case 33: // andK
            a &= code[i + 1]!;
            break;
          case 34: // orK
            a |= code[i + 1]!;
            break;
          case 35: // xorK
            a ^= code[i + 1]!;
            break;
          case 36: // lshK
            a <<= code[i + 1]!;
            break;
          case 37: // rshK
            a = (a >>> code[i + 1]!) | 0;
            break;
          case 38: // addX
            a = (a + x) | 0;
            break;
          case 39: // subX
            a = (a - x) | 0;
            break;
          case 40: // mulX
            a = Math.imul(a, x);
            break;
          case 41: // divX
            if (x === 0) return DIVIDE_BY_ZERO;
            a = ((a >>> 0) / (x >>> 0)) | 0;
            break;
          case 42: // modX
            if (x === 0) return DIVIDE_BY_ZERO;
            a = ((a >>> 0) % (x >>> 0)) | 0;
            break;
          case 43: // andX
            a &= x;
            break;
          case 44: // orX
            a |= x;
            break;
          case 45: // xorX
            a ^= x;
            break;
          case 46: // lshX
            o = shiftCount(x, 'x', semantics);
            a = o < 0 ? 0 : a << o;
            break;
          case 47: // rshX
            o = shiftCount(x, 'x', semantics);
            a = o < 0 ? 0 : (a >>> o) | 0;
            break;
          case 48: // jeqK
            taken = a === code[i + 1];
            break jump;
          case 49: // jgtK
            taken = a >>> 0 > code[i + 1]! >>> 0;
            break jump;
          case 50: // jgeK
            taken = a >>> 0 >= code[i + 1]! >>> 0;
            break jump;
          case 51: // jsetK
            taken = (a & code[i + 1]!) !== 0;
            break jump;
          case 52: // jeqX
            taken = a === x;
            break jump;
          case 53: // jgtX
            taken = a >>> 0 > x >>> 0;
            break jump;
          case 54: // jgeX
            taken = a >>> 0 >= x >>> 0;
            break jump;
          case 55: // jsetX
            taken = (a & x) !== 0;
            break jump;
          // Fused (lower.ts): the load, then the outcome of the jump on k in the next slot.
          case 56: // ldBJeq
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a === code[i + 5];
            break fused;
          case 57: // ldBJgt
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a >>> 0 > code[i + 5]! >>> 0;
            break fused;
          case 58: // ldBJge
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a >>> 0 >= code[i + 5]! >>> 0;
            break fused;
          case 59: // ldBJset
            o = code[i + 1]! >>> 0;
            if (o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = (a & code[i + 5]!) !== 0;
            break fused;
          case 60: // ldHJeq
            o = code[i + 1]! >>> 0;
            if (o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a === code[i + 5];
            break fused;
          case 61: // ldHJgt
            o = code[i + 1]! >>> 0;
            if (o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a >>> 0 > code[i + 5]! >>> 0;
            break fused;
          case 62: // ldHJge
            o = code[i + 1]! >>> 0;
            if (o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a >>> 0 >= code[i + 5]! >>> 0;
            break fused;
          case 63: // ldHJset
            o = code[i + 1]! >>> 0;
            if (o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = (a & code[i + 5]!) !== 0;
            break fused;
          case 64: // ldWJeq
            o = code[i + 1]! >>> 0;
            if (o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            taken = a === code[i + 5];
            break fused;
          case 65: // ldWJgt
            o = code[i + 1]! >>> 0;
            if (o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            taken = a >>> 0 > code[i + 5]! >>> 0;
            break fused;
          case 66: // ldWJge
            o = code[i + 1]! >>> 0;
            if (o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            taken = a >>> 0 >= code[i + 5]! >>> 0;
            break fused;
          case 67: // ldWJset
            o = code[i + 1]! >>> 0;
            if (o > len - 4) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
            taken = (a & code[i + 5]!) !== 0;
            break fused;
          case 68: // ldIndBJeq
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a === code[i + 5];
            break fused;
          case 69: // ldIndBJgt
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a >>> 0 > code[i + 5]! >>> 0;
            break fused;
          case 70: // ldIndBJge
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = a >>> 0 >= code[i + 5]! >>> 0;
            break fused;
          case 71: // ldIndBJset
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 1) return OUT_OF_BOUNDS;
            a = bytes[o]!;
            taken = (a & code[i + 5]!) !== 0;
            break fused;
          case 72: // ldIndHJeq
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a === code[i + 5];
            break fused;
          case 73: // ldIndHJgt
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a >>> 0 > code[i + 5]! >>> 0;
            break fused;
          case 74: // ldIndHJge
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = a >>> 0 >= code[i + 5]! >>> 0;
            break fused;
          case 75: // ldIndHJset
            o = wraps ? (x + code[i + 1]!) | 0 : (x >>> 0) + (code[i + 1]! >>> 0);
            if (o < 0) o = linuxAddress(o, packet.meta ?? NO_META);
            if (!(o >= 0) || o > len - 2) return OUT_OF_BOUNDS;
            a = (bytes[o]! << 8) | bytes[o + 1]!;
            taken = (a & code[i + 5]!) !== 0;
            break fused;
        }
        i += 4;
        continue;
      }
      // A fused op's jump half: its own instruction (checked above), counted like any other.
      i += 4;
      if (--budget < 0) return STEP_LIMIT;
    }
    // After a jump, tests on k and a `ret #k` run here, each checked and counted like any other
    // instruction but without a dispatch: most of tcpdump's code is chains of tests on one A.
    for (;;) {
      i = taken ? code[i + 2]! : code[i + 3]!;
      const next = code[i]!;
      if (next !== 0 && (next < 48 || next > 51)) break; // not retK or jeqK..jsetK
      if (verify && current![i >> 2] !== source[i >> 2]) return undefined;
      if (--budget < 0) return STEP_LIMIT;
      if (next === 0) return low.returns[i >> 2]!;
      o = code[i + 1]!;
      if (next === 48) taken = a === o;
      else if (next === 51) taken = (a & o) !== 0;
      else if (next === 49) taken = a >>> 0 > o >>> 0;
      else taken = a >>> 0 >= o >>> 0;
    }
  }
}
