// SPDX-License-Identifier: MIT
/**
 * Seeded program corpora for the checker's differential tests: mostly well-formed random programs,
 * each then bent by zero to two mutations aimed at one checker rule (random and raw opcodes,
 * div/mod #0, shifts around 32, M[] indices around 16, jumps around the end and backward,
 * ancillary and negative offsets, a missing final ret, scratch reads before writes, junk in unused
 * fields, seccomp_data offsets). The same seed always gives the same programs.
 */
import type { RawInsn } from '../../isa/insn.ts';
import { SKF_AD_OFF, SKF_LL_OFF, SKF_NET_OFF } from '../../isa/opcodes.ts';

/** A small seeded PRNG (mulberry32). */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const insn = (code: number, k = 0, jt = 0, jf = 0): RawInsn => ({ code, jt, jf, k: k >>> 0 });

const ALU_K = [0x04, 0x14, 0x24, 0x34, 0x44, 0x54, 0x64, 0x74, 0x94, 0xa4];
const ALU_X = [0x0c, 0x1c, 0x2c, 0x3c, 0x4c, 0x5c, 0x6c, 0x7c, 0x9c, 0xac];
const CONDS = [0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d];
/** Codes the kernel refuses that someone might actually write (eBPF, wrong size or mode bits). */
const ODD_CODES = [
  0x0e, 0x21, 0x29, 0x31, 0x41, 0x08, 0x68, 0x88, 0xa0, 0x8c, 0x0d, 0x55, 0xa5, 0xb5, 0x1e, 0x26, 0x0f, 0x17,
  0xff, 0x12, 0x0a, 0x18, 0x38, 0xb9, 0xa1, 0xc4, 0xd4, 0xb4, 0x85, 0x95, 0xe0, 0xc0, 0x106, 0x115, 0x1234,
];

/** One well-formed instruction at `pc` of an `n`-instruction program (not the last). */
function plainInsn(rng: Rng, pc: number, n: number, seccomp: boolean): RawInsn {
  const room = Math.min(255, n - pc - 2);
  const cell = rng.int(0, 15);
  switch (rng.int(0, 13)) {
    case 0:
      return seccomp ? insn(0x20, 4 * rng.int(0, 15)) : insn(rng.pick([0x20, 0x28, 0x30]), rng.int(0, 60));
    case 1:
      return seccomp ? insn(0x20, 4 * rng.int(0, 15)) : insn(rng.pick([0x40, 0x48, 0x50, 0xb1]), rng.int(0, 40));
    case 2:
      return insn(rng.pick([0x00, 0x01]), rng.int(0, 0xffff));
    case 3:
      return insn(rng.pick([0x60, 0x61]), cell);
    case 4:
    case 5:
      return insn(rng.pick([0x02, 0x03]), cell);
    case 6: {
      const code = rng.pick(seccomp ? ALU_K.filter((c) => c !== 0x94) : ALU_K);
      const k = code === 0x64 || code === 0x74 ? rng.int(0, 31) : rng.int(1, 1000);
      return insn(code, k);
    }
    case 7:
      return insn(rng.pick(seccomp ? ALU_X.filter((c) => c !== 0x9c) : ALU_X));
    case 8:
      return insn(rng.pick([0x84, 0x07, 0x87, 0x80, 0x81]));
    case 9:
      return insn(0x05, rng.int(0, Math.max(0, room)));
    case 10:
    case 11:
      return insn(rng.pick(CONDS), rng.int(0, 100), rng.int(0, Math.max(0, room)), rng.int(0, Math.max(0, room)));
    case 12:
      return insn(rng.pick([0x06, 0x16]), rng.int(0, 0xffff));
    default:
      return insn(0x87);
  }
}

/** A random program that mostly obeys the rules (stores often precede loads). */
function baseProgram(rng: Rng, seccomp: boolean): RawInsn[] {
  const n = rng.int(2, 40);
  const prog: RawInsn[] = [];
  const stores = rng.chance(0.6) ? rng.int(1, 6) : 0;
  for (let pc = 0; pc < n - 1; pc++) {
    prog.push(pc < stores ? insn(rng.pick([0x02, 0x03]), rng.int(0, 15)) : plainInsn(rng, pc, n, seccomp));
  }
  prog.push(insn(rng.pick([0x06, 0x16]), rng.int(0, 0xffff)));
  return prog;
}

type Mutation = (rng: Rng, p: RawInsn[]) => void;

const at = (rng: Rng, p: RawInsn[]) => rng.int(0, p.length - 1);
const notLast = (rng: Rng, p: RawInsn[]) => rng.int(0, Math.max(0, p.length - 2));

const MUTATIONS: Mutation[] = [
  // Rule 2: odd, random and u16 codes.
  (rng, p) => {
    const code = rng.chance(0.5) ? rng.pick(ODD_CODES) : rng.chance(0.85) ? rng.int(0, 0xff) : rng.int(0, 0xffff);
    p[at(rng, p)] = insn(code, rng.int(0, 40), rng.int(0, 2), rng.int(0, 2));
  },
  // Rule 3: div/mod by constant 0, or by X (legal).
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x34, 0x94, 0x3c, 0x9c]), rng.chance(0.8) ? 0 : 1);
  },
  // Rule 4: shifts around 32.
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x64, 0x74, 0x6c, 0x7c]), rng.pick([0, 31, 32, 33, 255, 0xffffffff]));
  },
  // Rule 5: M[] index around 16.
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x60, 0x61, 0x02, 0x03]), rng.pick([15, 16, 17, 255, 0xffffffff]));
  },
  // Rule 6: ja around the end, or backward.
  (rng, p) => {
    const pc = at(rng, p);
    const edge = p.length - pc - 1;
    const k = rng.chance(0.7) ? Math.max(0, edge + rng.pick([-2, -1, 0, 1])) : 2 ** 32 - rng.int(1, pc + 2);
    p[pc] = insn(0x05, k);
  },
  // Rule 7: conditional targets around the end.
  (rng, p) => {
    const pc = at(rng, p);
    const edge = p.length - pc - 2;
    const off = () => Math.min(255, Math.max(0, edge + rng.pick([-1, 0, 0, 1, 2])));
    p[pc] = insn(rng.pick(CONDS), rng.int(0, 9), off(), off());
  },
  // Rule 8: ancillary and negative offsets, for every load size and both modes.
  (rng, p) => {
    const k = rng.pick([
      SKF_AD_OFF + rng.int(0, 70),
      SKF_AD_OFF + 4 * rng.int(0, 16),
      SKF_NET_OFF + rng.int(0, 40),
      SKF_LL_OFF + rng.int(0, 40),
      0xffffffff,
      SKF_AD_OFF - 1,
    ]);
    p[notLast(rng, p)] = insn(rng.pick([0x20, 0x28, 0x30, 0x20, 0x40, 0x50, 0xb1]), k);
  },
  // Rule 9: the last instruction is not `ret #k`/`ret a` (or is one with junk fields).
  (rng, p) => {
    const options = [insn(0x0e), insn(0x1e), insn(0x00, 1), insn(0x87), insn(0x06, 0, 3, 4), insn(0x16, 9, 1, 1)];
    p[p.length - 1] = rng.pick(options);
  },
  // Rule 10: a scratch read somewhere, a store somewhere, or dead code after a `ret`.
  (rng, p) => {
    const cell = rng.int(0, 3);
    const pc = notLast(rng, p);
    if (rng.chance(0.3) && pc + 1 < p.length - 1) {
      p[pc] = insn(0x06, 1);
      p[pc + 1] = insn(rng.pick([0x60, 0x61]), cell);
    } else {
      p[pc] = insn(rng.chance(0.6) ? rng.pick([0x60, 0x61]) : rng.pick([0x02, 0x03]), cell);
    }
  },
  // Junk in fields the opcode ignores (the kernel must ignore them too).
  (rng, p) => {
    const pc = at(rng, p);
    const r = p[pc] as RawInsn;
    if (CONDS.includes(r.code) || r.code === 0x05) return;
    p[pc] = { ...r, jt: rng.int(0, 255), jf: rng.int(0, 255) };
  },
];

/** Mutations aimed at seccomp's extra pass (rule 13). */
const SECCOMP_MUTATIONS: Mutation[] = [
  (rng, p) => {
    p[notLast(rng, p)] = insn(0x20, rng.chance(0.5) ? rng.int(0, 70) : 4 * rng.int(0, 18));
  },
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x28, 0x30, 0x40, 0x48, 0x50, 0xb1]), rng.int(0, 63));
  },
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x94, 0x9c, 0x80, 0x81]), rng.int(1, 9));
  },
  (rng, p) => {
    p[notLast(rng, p)] = insn(rng.pick([0x20, 0x28, 0x30]), SKF_AD_OFF + 4 * rng.int(0, 16));
  },
];

function corpus(seed: number, count: number, seccomp: boolean): RawInsn[][] {
  const rng = new Rng(seed);
  const out: RawInsn[][] = [];
  for (let i = 0; i < count; i++) {
    const p = baseProgram(rng, seccomp);
    const mutations = rng.chance(0.3) ? 0 : rng.chance(0.75) ? 1 : 2;
    for (let m = 0; m < mutations; m++) {
      const pool = seccomp && rng.chance(0.5) ? SECCOMP_MUTATIONS : MUTATIONS;
      rng.pick(pool)(rng, p);
    }
    out.push(p);
  }
  return out;
}

/** `count` programs for SO_ATTACH_FILTER (and libpcap's bpf_validate). */
export function socketCorpus(seed: number, count: number): RawInsn[][] {
  return corpus(seed, count, false);
}

/** `count` programs that read struct seccomp_data, half of their mutations seccomp-specific. */
export function seccompCorpus(seed: number, count: number): RawInsn[][] {
  return corpus(seed, count, true);
}

/** Programs of 0, 1, 4096 and 4097 instructions (cheap ones, so only the length matters). */
export function lengthCases(): RawInsn[][] {
  const ret = insn(0x06);
  const fill = (n: number) => [...Array.from({ length: n - 1 }, () => insn(0x00, 7)), ret];
  return [[], [ret], fill(4096), fill(4097)];
}
