// SPDX-License-Identifier: MIT
/**
 * Seeded generators of random *valid* classic BPF programs and random packets, for the
 * differential tests against libpcap's `bpf_filter()` and the Linux socket filter, and for the
 * benchmark. Every program passes both libpcap's `bpf_validate` and the kernel's classic checker
 * (reference §5): known opcodes only (no `ret x`), div/mod by a non-zero constant, constant shifts
 * below 32, M[] indices below 16 and each M[k] written before it is read on every path (libpcap
 * 1.10.3 leaves M[] uninitialised, reference §6), forward jumps inside the program, last
 * instruction `ret #k` or `ret a`, ancillary loads only at the 16 known offsets.
 *
 * Within those rules the generators go for the edges: loads at 0, caplen-1, caplen and just past,
 * `[x + k]` with X near 0xffffffff, zero divisors and shifts by X >= 32 at run time, long programs
 * with jumps of every length. Everything is a pure function of the seed.
 */
import type { AluOp, Insn, JumpCond, Size } from '../engine/isa/insn.ts';
import {
  BPF_MEMWORDS,
  EXTENSION_OFFSETS,
  type ExtensionName,
  extensionK,
  SKF_LL_OFF,
  SKF_NET_OFF,
} from '../engine/isa/opcodes.ts';
import type { Rng } from './rng.ts';

export { createRng, type Rng } from './rng.ts';

/** Options of {@link randomProgram}. */
export interface RandomProgramOptions {
  /**
   * Which packet loads to emit. `data` (default): offsets from the first byte, plus (see
   * `negativeOffsets`) offsets that read nothing in `bytes`. `headers`: only SKF_NET_OFF- and
   * SKF_LL_OFF-relative loads (absolute, `ldxb 4*([k]&0xf)`, and `[x + k]` right after an
   * `ldx #SKF_*_OFF+n` that no jump skips), for a view whose first byte is not the filter's offset 0.
   */
  loads?: 'data' | 'headers';
  /** In `data` mode, also emit absolute loads at SKF_NET_OFF/SKF_LL_OFF offsets (default true). */
  negativeOffsets?: boolean;
  /** Ancillary loads that may appear (default: all 16). */
  extensions?: readonly ExtensionName[];
  /** Weight of ancillary loads among the instruction kinds (default 2 of about 100). */
  extensionWeight?: number;
  /** Captured lengths of the packets the program will meet: load offsets cluster at their edges. */
  packetLengths?: readonly number[];
  /** In `headers` mode: where the network header starts in those packets (default 14). */
  networkOffset?: number;
  /** Largest length of an ordinary program (default 40). */
  maxLength?: number;
  /** Chance of a long program (257..300 instructions), so jumps of every length occur (default 0.04). */
  longChance?: number;
}

interface Slot {
  insn: Insn;
  /** No jump may land here (the instruction relies on the one before it). */
  pinned?: boolean;
}

type Gen = (rng: Rng, o: Resolved) => Slot[];
type Resolved = Required<Omit<RandomProgramOptions, 'extensions'>> & { extensions: readonly ExtensionName[] };

const ALL_EXTENSIONS = Object.keys(EXTENSION_OFFSETS) as ExtensionName[];
const ALU_OPS: readonly AluOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'and', 'or', 'xor', 'lsh', 'rsh'];
const JUMP_CONDS: readonly JumpCond[] = ['jeq', 'jgt', 'jge', 'jset'];
const SIZES: readonly Size[] = [1, 2, 4];
/** Constants where arithmetic and comparisons have their edges. */
const EDGE_VALUES = [
  0, 1, 2, 3, 7, 8, 14, 15, 16, 17, 31, 32, 33, 53, 0xff, 0x100, 0x800, 0xffff, 0x10000, 0x7fffffff,
  0x80000000, 0xfffffffe, 0xffffffff,
];
/** X values for `[x + k]` where X + k overflows 32 bits (libpcap returns 0, Linux wraps). */
const HUGE_X = [
  0xffffffff, 0xfffffffe, 0xfffffffd, 0xfffffffc, 0xfffffff0, 0xffffff00, 0x80000000, 0x7fffffff,
];
/** Shift counts by X: below, at and past the 32-bit width (Linux masks by 31, libpcap gives 0). */
const SHIFT_X = [0, 1, 31, 32, 33, 40, 63, 64, 0x80000000, 0xffffffff];
const RET_VALUES = [0, 1, 7, 8, 9, 20, 64, 96, 0xffff, 0x40000, 0x7fffffff, 0xffffffff];

function value(rng: Rng): number {
  const r = rng.int(0, 9);
  if (r < 4) return rng.pick(EDGE_VALUES);
  if (r < 7) return rng.int(0, 64);
  return rng.u32();
}

function packetLength(rng: Rng, o: Resolved): number {
  return o.packetLengths.length > 0 ? rng.pick(o.packetLengths) : rng.int(0, 100);
}

/** A data offset for a `size`-byte load: mostly at the edges of the packets' captured lengths. */
function dataOffset(rng: Rng, o: Resolved, size: number): number {
  const r = rng.int(0, 19);
  const len = packetLength(rng, o);
  if (r < 3) return Math.max(0, len - size + rng.int(-2, 2));
  if (r < 13) return rng.int(0, 40);
  if (r < 16) return rng.int(0, len + 8);
  if (r < 17) return 0;
  // Offsets at SKF_AD_OFF and above are ancillary loads to the kernel checker (an unknown one is
  // refused), and [SKF_LL_OFF, SKF_AD_OFF) reads headers there: stay below both.
  if (r < 18) return rng.pick([0x7fffffff, 0x80000000, SKF_LL_OFF - 1, SKF_LL_OFF - size]);
  if (r < 19) return rng.int(0, SKF_LL_OFF - 1);
  return rng.int(0, 2000);
}

/** An offset relative to the network header (`net`) or the link-layer header. */
function headerOffset(rng: Rng, o: Resolved, size: number, net: boolean): number {
  const available = packetLength(rng, o) - (net ? o.networkOffset : 0);
  const r = rng.int(0, 9);
  const n =
    r < 4
      ? Math.max(0, available - size + rng.int(-2, 2))
      : r < 8
        ? rng.int(0, 40)
        : rng.int(0, available + 8);
  return ((net ? SKF_NET_OFF : SKF_LL_OFF) + n) >>> 0;
}

function absoluteOffset(rng: Rng, o: Resolved, size: number): number {
  if (o.loads === 'headers') {
    // Offsets below SKF_LL_OFF and the gap below SKF_NET_OFF address nothing on either machine.
    if (rng.chance(0.08)) return rng.pick([(SKF_LL_OFF - 1) >>> 0, (SKF_NET_OFF - 1) >>> 0, 0x80000000]);
    return headerOffset(rng, o, size, rng.chance(0.7));
  }
  if (o.negativeOffsets && rng.chance(0.05)) return headerOffset(rng, o, size, rng.chance(0.5));
  return dataOffset(rng, o, size);
}

const ld = (k: number): Insn => ({ op: 'ld', mode: 'imm', k: k >>> 0 });
const ldx = (k: number): Insn => ({ op: 'ldx', mode: 'imm', k: k >>> 0 });
const alu = (op: AluOp, src: 'k' | 'x', k = 0): Insn => ({ op: 'alu', alu: op, src, k: k >>> 0 });

const genAbsolute: Gen = (rng, o) => {
  const size = rng.pick(SIZES);
  return [{ insn: { op: 'ld', mode: 'abs', size, k: absoluteOffset(rng, o, size) } }];
};

const genExtension: Gen = (rng, o) => {
  if (o.extensions.length === 0) return genAbsolute(rng, o);
  // The kernel serves an ancillary load whatever its size (reference §4.4); libpcap reads nothing.
  const load: Slot = {
    insn: { op: 'ld', mode: 'abs', size: rng.pick(SIZES), k: extensionK(rng.pick(o.extensions)) },
  };
  // Returning the value at once makes it visible in the verdict.
  return rng.chance(0.25) ? [load, { insn: { op: 'ret', src: 'a' } }] : [load];
};

const genIndirect: Gen = (rng, o) => {
  const size = rng.pick(SIZES);
  if (o.loads === 'headers') {
    const base = headerOffset(rng, o, size, rng.chance(0.7));
    const k = rng.int(0, 8);
    return [{ insn: ldx(base - k) }, { insn: { op: 'ld', mode: 'ind', size, k }, pinned: true }];
  }
  let k = rng.chance(0.3) ? rng.int(0, 16) : dataOffset(rng, o, size);
  // Without negative offsets, keep X + k (X small) from reaching the SKF_LL_OFF..SKF_AD_OFF range.
  if (!o.negativeOffsets && k >= 0x80000000) k = 0x7fffffff;
  const load: Slot = { insn: { op: 'ld', mode: 'ind', size, k } };
  const r = rng.int(0, 9);
  if (r < 3) return [{ insn: ldx(rng.pick(HUGE_X)) }, { insn: { ...load.insn, k: rng.int(0, 16) } }];
  if (r < 6) return [{ insn: ldx(rng.int(0, 60)) }, load];
  return [load];
};

const genMsh: Gen = (rng, o) => {
  const k = o.loads === 'headers' ? headerOffset(rng, o, 1, true) : dataOffset(rng, o, 1);
  return [{ insn: { op: 'ldx', mode: 'msh', k } }];
};

const genImmediate: Gen = (rng) => {
  const r = rng.int(0, 5);
  if (r === 0) return [{ insn: { op: 'ld', mode: 'len' } }];
  if (r === 1) return [{ insn: { op: 'ldx', mode: 'len' } }];
  return [{ insn: r < 4 ? ld(value(rng)) : ldx(value(rng)) }];
};

const genScratch: Gen = (rng) => {
  const k = rng.int(0, BPF_MEMWORDS - 1);
  const r = rng.int(0, 3);
  // Reads get their index fixed up later (`fixScratch`) so that every path wrote it first.
  if (r === 0) return [{ insn: { op: 'st', k } }];
  if (r === 1) return [{ insn: { op: 'stx', k } }];
  if (r === 2) return [{ insn: { op: 'ld', mode: 'mem', k } }];
  return [{ insn: { op: 'ldx', mode: 'mem', k } }];
};

const genAluK: Gen = (rng) => {
  const op = rng.pick(ALU_OPS);
  let k = value(rng);
  if (op === 'div' || op === 'mod') k = k === 0 ? 1 : k; // a constant 0 divisor is refused by both
  if (op === 'lsh' || op === 'rsh') k = rng.int(0, 31); // constant shifts >= 32: kernel refuses, C UB
  return [{ insn: alu(op, 'k', k) }];
};

const genAluX: Gen = (rng) => {
  const op = rng.pick(ALU_OPS);
  const r = rng.int(0, 9);
  if ((op === 'div' || op === 'mod') && r < 4)
    return [{ insn: ldx(r < 3 ? 0 : value(rng)) }, { insn: alu(op, 'x') }];
  if ((op === 'lsh' || op === 'rsh') && r < 6)
    return [{ insn: ldx(rng.pick(SHIFT_X)) }, { insn: alu(op, 'x') }];
  return [{ insn: alu(op, 'x') }];
};

const genMisc: Gen = (rng) => {
  const r = rng.int(0, 2);
  return [{ insn: r === 0 ? { op: 'neg' } : r === 1 ? { op: 'tax' } : { op: 'txa' } }];
};

const genJump: Gen = (rng) => {
  if (rng.chance(0.15)) return [{ insn: { op: 'ja', k: 0 } }];
  const src = rng.chance(0.3) ? 'x' : 'k';
  const k = src === 'x' ? 0 : rng.chance(0.5) ? rng.int(0, 20) : value(rng);
  return [{ insn: { op: 'jmp', cond: rng.pick(JUMP_CONDS), src, k, jt: 0, jf: 0 } }];
};

const genRet: Gen = (rng) => [
  { insn: rng.chance(0.5) ? { op: 'ret', src: 'a' } : { op: 'ret', src: 'k', k: rng.pick(RET_VALUES) } },
];

/** Generators with their weights; rets in the middle stay rare so programs run a while. */
const GENS: readonly [Gen, number][] = [
  [genAbsolute, 10],
  [genExtension, -1], // the `extensionWeight` option
  [genIndirect, 6],
  [genMsh, 3],
  [genImmediate, 8],
  [genScratch, 10],
  [genAluK, 12],
  [genAluX, 8],
  [genMisc, 5],
  [genJump, 16],
  [genRet, 2],
];

function pickGen(rng: Rng, o: Resolved): Gen {
  const weightOf = (w: number): number => (w < 0 ? o.extensionWeight : w);
  let r = rng.int(0, GENS.reduce((sum, [, w]) => sum + weightOf(w), 0) - 1);
  for (const [gen, weight] of GENS) {
    if (r < weightOf(weight)) return gen;
    r -= weightOf(weight);
  }
  throw new Error('unreachable: weights cover the range');
}

/** A jump offset in 0..max, biased to short hops and to the longest one, never onto a pinned slot. */
function jumpOffset(rng: Rng, max: number, slots: readonly Slot[], from: number): number {
  const r = rng.int(0, 9);
  let off = r < 6 ? rng.int(0, Math.min(3, max)) : r < 9 ? rng.int(0, max) : max;
  // A pinned slot's predecessor is its own setup instruction, never a jump, so one step back is safe.
  if (slots[from + 1 + off]?.pinned) off -= 1;
  return off;
}

function assignJumps(rng: Rng, slots: Slot[]): void {
  const last = slots.length - 1;
  slots.forEach((slot, pc) => {
    const insn = slot.insn;
    if (insn.op === 'ja') slot.insn = { op: 'ja', k: jumpOffset(rng, last - pc - 1, slots, pc) };
    if (insn.op === 'jmp') {
      const max = Math.min(255, last - pc - 1);
      slot.insn = { ...insn, jt: jumpOffset(rng, max, slots, pc), jf: jumpOffset(rng, max, slots, pc) };
    }
  });
}

/**
 * Make every scratch read valid under the kernel's check_load_and_stores rule (reference §5 rule
 * 10): a forward pass where a jump narrows its targets' valid set and resets the fall-through one,
 * while a `ret` does not (the kernel's own conservative walk). A read of an unwritten cell reads a
 * written one instead, or becomes an immediate load when nothing is written yet.
 */
function fixScratch(rng: Rng, insns: Insn[]): void {
  const ALL = (1 << BPF_MEMWORDS) - 1;
  const masks = new Array<number>(insns.length).fill(ALL);
  let valid = 0;
  insns.forEach((insn, pc) => {
    valid &= masks[pc]!;
    if (insn.op === 'st' || insn.op === 'stx') valid |= 1 << insn.k;
    else if ((insn.op === 'ld' || insn.op === 'ldx') && insn.mode === 'mem' && !(valid & (1 << insn.k))) {
      const written = [...Array(BPF_MEMWORDS).keys()].filter((i) => valid & (1 << i));
      if (written.length > 0) insns[pc] = { ...insn, k: rng.pick(written) };
      else insns[pc] = insn.op === 'ld' ? ld(value(rng)) : ldx(value(rng));
    } else if (insn.op === 'ja') {
      masks[pc + 1 + insn.k]! &= valid;
      valid = ALL;
    } else if (insn.op === 'jmp') {
      masks[pc + 1 + insn.jt]! &= valid;
      masks[pc + 1 + insn.jf]! &= valid;
      valid = ALL;
    }
  });
}

function resolve(options: RandomProgramOptions): Resolved {
  return {
    loads: options.loads ?? 'data',
    negativeOffsets: options.negativeOffsets ?? true,
    extensions: options.extensions ?? ALL_EXTENSIONS,
    extensionWeight: options.extensionWeight ?? 2,
    packetLengths: options.packetLengths ?? [],
    networkOffset: options.networkOffset ?? 14,
    maxLength: options.maxLength ?? 40,
    longChance: options.longChance ?? 0.04,
  };
}

/** A random program valid for both libpcap's `bpf_validate` and the Linux classic checker. */
export function randomProgram(rng: Rng, options: RandomProgramOptions = {}): Insn[] {
  const o = resolve(options);
  const length = rng.chance(o.longChance) ? rng.int(257, 300) : rng.int(1, Math.max(1, o.maxLength));
  // A masked `ret a` at the end keeps A in a range where a socket filter's trimming shows it.
  const tail: Slot[] =
    rng.chance(0.3) && length > 1 ? [{ insn: alu('and', 'k', rng.pick([0xff, 0x7ff])) }] : [];
  tail.push(...genRet(rng, o));
  const slots: Slot[] = [];
  while (slots.length < length - tail.length) {
    const snippet = pickGen(rng, o)(rng, o);
    if (slots.length + snippet.length > length - tail.length) break;
    slots.push(...snippet);
  }
  slots.push(...tail);
  assignJumps(rng, slots);
  const insns = slots.map((s) => s.insn);
  fixScratch(rng, insns);
  return insns;
}

/** A packet as a capture holds it: the captured bytes and the length it had on the wire. */
export interface RandomPacket {
  bytes: Uint8Array;
  /** Never below `bytes.length`. */
  wireLength: number;
}

const randomBytes = (rng: Rng, length: number): number[] => Array.from({ length }, () => rng.u32() & 0xff);
const be16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];

/** TCP (random data offset and flags, SYN often), UDP, ICMP/ICMPv6, or nothing for other protocols. */
function transportHeader(rng: Rng, proto: number): number[] {
  const port = (): number[] => be16(rng.chance(0.4) ? rng.pick([53, 80, 443, 67, 123]) : rng.int(1, 0xffff));
  const ports = (): number[] => [...port(), ...port()];
  if (proto === 6) {
    const doff = rng.chance(0.7) ? 5 : rng.int(5, 15);
    const flags = rng.chance(0.3) ? 0x02 : rng.u32() & 0xff;
    return [...ports(), ...randomBytes(rng, 8), doff << 4, flags, ...randomBytes(rng, 6 + (doff - 5) * 4)];
  }
  if (proto === 17) return [...ports(), ...be16(rng.int(8, 1500)), ...randomBytes(rng, 2)];
  if (proto === 1 || proto === 58)
    return [rng.pick([0, 3, 8, 11, 128, 129]), rng.int(0, 3), ...randomBytes(rng, 6)];
  return [];
}

/** IPv4 (options and fragments sometimes), IPv6, or ARP: the EtherType, header and IP protocol. */
function networkHeader(rng: Rng): { etherType: number; header: number[]; proto: number } {
  const r = rng.int(0, 9);
  if (r < 6) {
    const ihl = rng.chance(0.8) ? 5 : rng.int(6, 15);
    const proto = rng.pick([6, 17, 17, 1, rng.int(0, 255)]);
    const frag = rng.chance(0.85) ? rng.pick([0, 0x4000]) : rng.int(0, 0xffff);
    const header = [0x40 | ihl, 0, ...be16(rng.int(20, 1500)), ...be16(rng.int(0, 0xffff)), ...be16(frag)];
    header.push(rng.int(1, 255), proto, ...randomBytes(rng, 10 + (ihl - 5) * 4));
    return { etherType: 0x0800, header, proto };
  }
  if (r < 9) {
    const proto = rng.pick([6, 17, 58, 0, 44, rng.int(0, 255)]);
    const header = [0x60, ...randomBytes(rng, 3), ...be16(rng.int(0, 1500)), proto, 64];
    return { etherType: 0x86dd, header: header.concat(randomBytes(rng, 32)), proto };
  }
  const arp = [0, 1, 8, 0, 6, 4, 0, rng.int(1, 2)];
  return { etherType: 0x0806, header: arp.concat(randomBytes(rng, 20)), proto: -1 };
}

/** An Ethernet frame with realistic headers: IPv4/IPv6 (TCP, UDP, ICMP, others) or ARP, maybe VLAN-tagged. */
export function randomFrame(rng: Rng): Uint8Array {
  const frame = rng.chance(0.2) ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : randomBytes(rng, 6);
  frame.push(...randomBytes(rng, 6));
  if (rng.chance(0.15)) frame.push(0x81, 0x00, ...be16(rng.int(0, 0xffff)));
  const { etherType, header, proto } = networkHeader(rng);
  frame.push(...be16(etherType), ...header, ...transportHeader(rng, proto));
  frame.push(...randomBytes(rng, rng.chance(0.5) ? rng.int(0, 64) : rng.int(0, 1400)));
  return Uint8Array.from(frame);
}

/**
 * A random packet: captured length 0..1600 (tiny ones often, to meet the load edges), realistic
 * frames about a third of the time, and a wire length above the captured one a third of the time
 * (a truncated capture: `#len` and the bounds then disagree).
 */
export function randomPacket(rng: Rng): RandomPacket {
  const r = rng.int(0, 19);
  const w = rng.int(0, 19);
  let bytes: Uint8Array;
  if (r < 7) {
    const frame = randomFrame(rng);
    if (rng.chance(0.15))
      return { bytes: frame.subarray(0, rng.int(0, frame.length)), wireLength: frame.length };
    bytes = frame;
  } else if (r < 9) bytes = Uint8Array.from(randomBytes(rng, rng.int(0, 16)));
  else if (r < 16) bytes = Uint8Array.from(randomBytes(rng, rng.int(17, 128)));
  else bytes = Uint8Array.from(randomBytes(rng, rng.int(129, 1600)));
  const longer = w < 19 ? bytes.length + rng.int(1, 1600) : rng.pick([65535, 0x7fffffff, 0xffffffff]);
  return { bytes, wireLength: w < 13 ? bytes.length : longer };
}
