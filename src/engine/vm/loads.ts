// SPDX-License-Identifier: MIT
/**
 * The load family: `ld #k`, `ld/ldh/ldb [k]`, `[x + k]`, `#len`, the Linux ancillary loads, and
 * `ldx #k`, `ldx #len`, `ldx 4*([k]&0xf)`. (`ld/ldx M[k]` live with the stores in scratch.ts.)
 *
 * Both machines: big-endian loads; a load reaching outside the captured bytes ends the program
 * with 0 (bpf_filter.c `return 0`; the kernel's load helpers return -EFAULT and the converted
 * program exits with A = 0); `#len` is the wire length while loads are bounded by the captured
 * length (bpf_filter.c takes wirelen and buflen apart; skb->len is the whole packet).
 */
import type { Insn, Size } from '../isa/insn.ts';
import { extensionValue } from './extensions.ts';
import type { Effect, Machine, StepEnv } from './machine.ts';
import { absoluteAddress, absoluteExtension, indirectAddress, loadBytes } from './packet-access.ts';

type LdInsn = Extract<Insn, { op: 'ld' }>;
type LdxInsn = Extract<Insn, { op: 'ldx' }>;

/**
 * Read `size` bytes at a resolved address and put the value where `set` says. The trace records
 * the attempted read even when it fails, so a debugger can show where it fell off the packet; a
 * load with no address at all (NaN: Linux, missing header) records no read.
 */
function packetRead(
  address: number,
  size: Size,
  env: StepEnv,
  set: (value: number) => Effect,
  bitMask?: number,
): Effect {
  const value = loadBytes(env.bytes, address, size);
  const effect: Effect = value < 0 ? { halt: { verdict: 0, end: 'out-of-bounds' } } : set(value);
  if (!Number.isNaN(address)) {
    effect.read =
      bitMask === undefined
        ? { kind: 'packet', offset: address, length: size }
        : { kind: 'packet', offset: address, length: size, bitMask };
  }
  return effect;
}

const intoA = (value: number): Effect => ({ a: value });
const intoXAsHeaderLength = (value: number): Effect => ({ x: (value & 0xf) << 2 });

/** `ld [k]`: a packet load, or under Linux an ancillary load when k names one. */
function loadAbsolute(insn: Extract<LdInsn, { mode: 'abs' }>, m: Machine, env: StepEnv): Effect {
  const ext = absoluteExtension(insn.k, env.semantics);
  if (ext !== undefined) {
    const value = extensionValue(ext, m.a, m.x, env.meta, env.bytes);
    return { a: value, read: { kind: 'ext', ext, value } };
  }
  return packetRead(absoluteAddress(insn.k, env.semantics, env.meta), insn.size, env, intoA);
}

/** `ld [x + k]`: no extensions here in either machine (only BPF_ABS is checked for them). */
function loadIndirect(insn: Extract<LdInsn, { mode: 'ind' }>, m: Machine, env: StepEnv): Effect {
  return packetRead(indirectAddress(m.x, insn.k, env.semantics, env.meta), insn.size, env, intoA);
}

/** Execute an `ld` other than `ld M[k]` (which scratch.ts handles). */
export function execLd(insn: Exclude<LdInsn, { mode: 'mem' }>, m: Machine, env: StepEnv): Effect {
  switch (insn.mode) {
    case 'imm':
      return { a: insn.k >>> 0 };
    case 'abs':
      return loadAbsolute(insn, m, env);
    case 'ind':
      return loadIndirect(insn, m, env);
    case 'len':
      return { a: env.wireLength, read: { kind: 'len', value: env.wireLength } };
  }
}

/**
 * `ldx 4*([k]&0xf)`: X = (P[k] & 0xf) << 2, A untouched. Linux converts it to a byte load at k
 * (so SKF_NET_OFF/SKF_LL_OFF work, extensions do not); libpcap bounds-checks k like `ldb [k]`.
 */
function loadMsh(insn: Extract<LdxInsn, { mode: 'msh' }>, env: StepEnv): Effect {
  return packetRead(absoluteAddress(insn.k, env.semantics, env.meta), 1, env, intoXAsHeaderLength, 0x0f);
}

/** Execute an `ldx` other than `ldx M[k]` (which scratch.ts handles). */
export function execLdx(insn: Exclude<LdxInsn, { mode: 'mem' }>, env: StepEnv): Effect {
  switch (insn.mode) {
    case 'imm':
      return { x: insn.k >>> 0 };
    // bpf_dbg wrote A here (reference §3 defect 3); both real machines set X.
    case 'len':
      return { x: env.wireLength, read: { kind: 'len', value: env.wireLength } };
    case 'msh':
      return loadMsh(insn, env);
  }
}
