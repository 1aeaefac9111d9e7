// SPDX-License-Identifier: MIT
/**
 * Decide whether a program can be translated to WebAssembly, and gather what the translation
 * needs: the jump targets (each closes one nested block), the scratch cells read, whether the
 * wire length is read. Instructions the interpreter ends with verdict 0 (unknown opcodes, `ret x`,
 * scratch index >= 16, a jump off the end) translate to "return 0" too; only what wasm's forward
 * blocks cannot express (libpcap's backward `ja`) or what is not worth translating (the netlink
 * searches `nla`/`nlan`) stays with the interpreter, with the reason in words.
 */
import type { Insn } from '../../isa/insn.ts';
import { BPF_MEMWORDS, extensionOf, SKF_AD_OFF } from '../../isa/opcodes.ts';
import type { Semantics } from '../types.ts';

/** What the emitter needs to know about a translatable program. */
export interface ProgramPlan {
  /** Jump targets inside the program other than fall-through, ascending. */
  targets: number[];
  /** Scratch cells some `ld M[k]`/`ldx M[k]` reads (zeroed for every packet). */
  readCells: number[];
  /** Some instruction reads the wire length (`ld #len`, `ldx #len`). */
  usesLen: boolean;
}

/** The plan, or why the program stays with the interpreter. */
export type PlanResult = { ok: true; plan: ProgramPlan } | { ok: false; reason: string };

/** Whether the interpreter ends the run as `invalid-instruction` (verdict 0) at this instruction. */
export function isInvalid(insn: Insn): boolean {
  switch (insn.op) {
    case 'raw':
      return true;
    case 'ret':
      // Linux never loads 0x0e; bpf_filter.c has no case for it and abort()s (reference §6).
      return insn.src === 'x';
    case 'st':
    case 'stx':
      return insn.k >>> 0 >= BPF_MEMWORDS;
    case 'ld':
    case 'ldx':
      return insn.mode === 'mem' && insn.k >>> 0 >= BPF_MEMWORDS;
    default:
      return false;
  }
}

/** Where a `ja` at `pc` goes: libpcap sign-extends k (bpf_filter.c), Linux does not. */
export function jaTarget(pc: number, k: number, semantics: Semantics): number {
  return pc + 1 + (semantics === 'libpcap' ? k | 0 : k >>> 0);
}

/** Why one instruction cannot be translated (undefined when it can). */
function insnProblem(insn: Insn, pc: number, semantics: Semantics): string | undefined {
  if (insn.op === 'ja' && jaTarget(pc, insn.k, semantics) <= pc) {
    return `pc ${pc} jumps backward (libpcap only), which wasm's forward-only blocks do not express`;
  }
  if (semantics === 'linux' && insn.op === 'ld' && insn.mode === 'abs' && insn.k >>> 0 >= SKF_AD_OFF) {
    const ext = extensionOf(insn.k);
    if (ext === 'nla' || ext === 'nlan') {
      return `pc ${pc} uses the '${ext}' extension (a netlink attribute search), which only the interpreter runs`;
    }
  }
  return undefined;
}

function collect(insns: readonly Insn[], semantics: Semantics): ProgramPlan {
  const targets = new Set<number>();
  const cells = new Set<number>();
  let usesLen = false;
  const addTarget = (pc: number, target: number) => {
    // A fall-through needs no block; a target past the end is "return 0" (fell off the program).
    if (target > pc + 1 && target < insns.length) targets.add(target);
  };
  insns.forEach((insn, pc) => {
    if (isInvalid(insn)) return;
    if (insn.op === 'ja') addTarget(pc, jaTarget(pc, insn.k, semantics));
    if (insn.op === 'jmp') {
      addTarget(pc, pc + 1 + insn.jt);
      addTarget(pc, pc + 1 + insn.jf);
    }
    if ((insn.op === 'ld' || insn.op === 'ldx') && insn.mode === 'mem') cells.add(insn.k >>> 0);
    if ((insn.op === 'ld' || insn.op === 'ldx') && insn.mode === 'len') usesLen = true;
  });
  return {
    targets: [...targets].sort((a, b) => a - b),
    readCells: [...cells].sort((a, b) => a - b),
    usesLen,
  };
}

/** Check a program for the wasm translation and gather its plan. */
export function planProgram(insns: readonly Insn[], semantics: Semantics): PlanResult {
  for (let pc = 0; pc < insns.length; pc++) {
    const problem = insnProblem(insns[pc]!, pc, semantics);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, plan: collect(insns, semantics) };
}
