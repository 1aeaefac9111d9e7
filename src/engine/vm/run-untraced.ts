// SPDX-License-Identifier: MIT
/**
 * The untraced loop behind `run(…, {trace: false})`: whole-capture runs through the interpreter
 * (the fallback where the WebAssembly fast path cannot go). It keeps registers in locals and runs
 * the lowered program; every semantic decision is a call into the same functions `step` uses
 * (packet-access.ts, alu.ts, jumps.ts, extensions.ts), and property tests check that it returns
 * exactly what the traced path returns.
 *
 * The switch is one long function on purpose: registers stay in locals and V8 turns the dense
 * literal cases into a jump table; each case is a call into those functions plus the bookkeeping
 * of the register it sets. Measured on `ip and udp port 53` over 80-byte frames: about 3x libpcap's
 * C `bpf_filter()` per packet (a switch hand-written for that one program: about 2.2x).
 */

import type { Insn } from '../isa/insn.ts';
import { aluCompute, DIVIDE_BY_ZERO, negate } from './alu.ts';
import { extensionValue } from './extensions.ts';
import { jumpTest } from './jumps.ts';
import type { Lowered } from './lower.ts';
import { resolveMeta } from './meta.ts';
import { absoluteAddress, indirectAddress, loadBytes } from './packet-access.ts';
import type { PacketContext, PacketMeta, RunEnd, RunResult } from './types.ts';

/** M[] for the untraced loop; runs are synchronous, so one buffer serves them all. */
const scratch = new Uint32Array(16);

/** Stands in for absent metadata: every field takes its default. */
const NO_META: Readonly<Partial<PacketMeta>> = Object.freeze({});

function done(verdict: number, end: RunEnd): RunResult {
  return { verdict, end, steps: [] };
}

/**
 * Run a lowered program without recording steps; same verdict and end as the traced path. Given
 * `current` (the caller's array, which may have changed since it was lowered), each executed
 * instruction of it is checked to be the one lowered; if one is not, the result is undefined and
 * nothing else happened (runs have no side effects). The
 * metadata is resolved only if the program reaches an extension, so plain packet filters pay
 * nothing for it; the address functions read `networkOffset`/`linkOffset` from the unresolved
 * partial, whose absent fields mean the same as the defaults.
 */
export function runUntraced(
  low: Lowered,
  packet: PacketContext,
  maxSteps: number,
  current?: readonly Insn[],
): RunResult | undefined {
  const { op, k, whenTrue, whenFalse, ext, semantics, source } = low;
  const verify = current !== undefined && current !== source;
  const bytes = packet.bytes;
  const wireLength = packet.wireLength >>> 0;
  const partial = packet.meta ?? NO_META;
  let meta: PacketMeta | undefined;
  const mem = scratch;
  if (low.usesMem) mem.fill(0);
  let a = 0;
  let x = 0;
  let pc = 0;
  let steps = 0;
  let v = 0;
  for (;;) {
    // The program array changed under the lowered copy: the caller lowers it again and reruns.
    if (verify && source[pc] !== current![pc]) return undefined;
    // The `fellOff` sentinel is not an instruction: it ends the run whatever the step count.
    if (++steps > maxSteps && op[pc] !== 3) return done(0, 'step-limit');
    switch (op[pc]) {
      case 0: // retK
        return done(k[pc]!, 'ret');
      case 1: // retA
        return done(a, 'ret');
      case 2: // invalid
        return done(0, 'invalid-instruction');
      case 3: // fellOff
        return done(0, 'fell-off');
      case 4: // ldImm
        a = k[pc]!;
        break;
      case 5: // ldxImm
        x = k[pc]!;
        break;
      case 6: // ldLen
        a = wireLength;
        break;
      case 7: // ldxLen
        x = wireLength;
        break;
      case 8: // ldB
        v = loadBytes(bytes, k[pc]!, 1);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 9: // ldH
        v = loadBytes(bytes, k[pc]!, 2);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 10: // ldW
        v = loadBytes(bytes, k[pc]!, 4);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 11: // ldAbsB
        v = loadBytes(bytes, absoluteAddress(k[pc]!, semantics, partial), 1);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 12: // ldAbsH
        v = loadBytes(bytes, absoluteAddress(k[pc]!, semantics, partial), 2);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 13: // ldAbsW
        v = loadBytes(bytes, absoluteAddress(k[pc]!, semantics, partial), 4);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 14: // ldIndB
        v = loadBytes(bytes, indirectAddress(x, k[pc]!, semantics, partial), 1);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 15: // ldIndH
        v = loadBytes(bytes, indirectAddress(x, k[pc]!, semantics, partial), 2);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 16: // ldIndW
        v = loadBytes(bytes, indirectAddress(x, k[pc]!, semantics, partial), 4);
        if (v < 0) return done(0, 'out-of-bounds');
        a = v;
        break;
      case 17: // ldxMsh
        v = loadBytes(bytes, k[pc]!, 1);
        if (v < 0) return done(0, 'out-of-bounds');
        x = (v & 0xf) << 2;
        break;
      case 18: // ldxMshAbs
        v = loadBytes(bytes, absoluteAddress(k[pc]!, semantics, partial), 1);
        if (v < 0) return done(0, 'out-of-bounds');
        x = (v & 0xf) << 2;
        break;
      case 19: // ldExt
        meta ??= resolveMeta(packet.meta);
        a = extensionValue(ext[pc]!, a, x, meta, bytes);
        break;
      case 20: // ldMem
        a = mem[k[pc]!]!;
        break;
      case 21: // ldxMem
        x = mem[k[pc]!]!;
        break;
      case 22: // st
        mem[k[pc]!] = a;
        break;
      case 23: // stx
        mem[k[pc]!] = x;
        break;
      case 24: // neg
        a = negate(a);
        break;
      case 25: // ja
        pc = whenTrue[pc]!;
        continue;
      case 26: // tax
        x = a;
        break;
      case 27: // txa
        a = x;
        break;
      case 28: // addK
        a = aluCompute('add', a, k[pc]!, 'k', semantics);
        break;
      case 29: // subK
        a = aluCompute('sub', a, k[pc]!, 'k', semantics);
        break;
      case 30: // mulK
        a = aluCompute('mul', a, k[pc]!, 'k', semantics);
        break;
      case 31: // divK
        v = aluCompute('div', a, k[pc]!, 'k', semantics);
        if (v === DIVIDE_BY_ZERO) return done(0, 'divide-by-zero');
        a = v;
        break;
      case 32: // modK
        v = aluCompute('mod', a, k[pc]!, 'k', semantics);
        if (v === DIVIDE_BY_ZERO) return done(0, 'divide-by-zero');
        a = v;
        break;
      case 33: // andK
        a = aluCompute('and', a, k[pc]!, 'k', semantics);
        break;
      case 34: // orK
        a = aluCompute('or', a, k[pc]!, 'k', semantics);
        break;
      case 35: // xorK
        a = aluCompute('xor', a, k[pc]!, 'k', semantics);
        break;
      case 36: // lshK
        a = aluCompute('lsh', a, k[pc]!, 'k', semantics);
        break;
      case 37: // rshK
        a = aluCompute('rsh', a, k[pc]!, 'k', semantics);
        break;
      case 38: // addX
        a = aluCompute('add', a, x, 'x', semantics);
        break;
      case 39: // subX
        a = aluCompute('sub', a, x, 'x', semantics);
        break;
      case 40: // mulX
        a = aluCompute('mul', a, x, 'x', semantics);
        break;
      case 41: // divX
        v = aluCompute('div', a, x, 'x', semantics);
        if (v === DIVIDE_BY_ZERO) return done(0, 'divide-by-zero');
        a = v;
        break;
      case 42: // modX
        v = aluCompute('mod', a, x, 'x', semantics);
        if (v === DIVIDE_BY_ZERO) return done(0, 'divide-by-zero');
        a = v;
        break;
      case 43: // andX
        a = aluCompute('and', a, x, 'x', semantics);
        break;
      case 44: // orX
        a = aluCompute('or', a, x, 'x', semantics);
        break;
      case 45: // xorX
        a = aluCompute('xor', a, x, 'x', semantics);
        break;
      case 46: // lshX
        a = aluCompute('lsh', a, x, 'x', semantics);
        break;
      case 47: // rshX
        a = aluCompute('rsh', a, x, 'x', semantics);
        break;
      case 48: // jeqK
        pc = jumpTest('jeq', a, k[pc]!) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 49: // jgtK
        pc = jumpTest('jgt', a, k[pc]!) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 50: // jgeK
        pc = jumpTest('jge', a, k[pc]!) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 51: // jsetK
        pc = jumpTest('jset', a, k[pc]!) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 52: // jeqX
        pc = jumpTest('jeq', a, x) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 53: // jgtX
        pc = jumpTest('jgt', a, x) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 54: // jgeX
        pc = jumpTest('jge', a, x) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      case 55: // jsetX
        pc = jumpTest('jset', a, x) ? whenTrue[pc]! : whenFalse[pc]!;
        continue;
      default:
        throw new Error(`runUntraced: unknown lowered opcode ${op[pc]}`);
    }
    pc++;
  }
}
