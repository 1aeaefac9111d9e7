// SPDX-License-Identifier: MIT
/**
 * The bpf_asm listing: readable text that bpf_asm, bpfc and our assembler all re-assemble to the
 * same bytes. Jump targets get labels (the author's, from `program.labels`, when bpf_asm can spell
 * them; else `L<pc>`), extensions use bpf_asm's keywords, indexed loads are written `[x + 4]` with
 * spaces (reference §4.1: `[x+4]` lexes as `x` then `+4` in bpf_asm and bpfc), and an instruction
 * the text cannot spell (raw bits, a jump that leaves the program or goes backward, M[k] with
 * k >= 16) is written as the `.insn CODE, JT, JF, K` directive so the bytes survive exactly.
 */
import type { Program } from '../program.ts';
import { encode } from './codec.ts';
import type { Insn, JumpCond } from './insn.ts';
import { BPF_MEMWORDS, extensionOf } from './opcodes.ts';

/** Words bpf_asm or bpfc lex as keywords, so they cannot name a label (reference §4.1, §4.5). */
const RESERVED = new Set([
  ...['ld', 'ldi', 'ldh', 'ldb', 'ldx', 'ldxi', 'ldxb', 'st', 'stx', 'jmp', 'ja', 'jeq', 'jneq', 'jne'],
  ...['jlt', 'jle', 'jgt', 'jge', 'jset', 'add', 'sub', 'mul', 'div', 'mod', 'neg', 'and', 'or', 'xor'],
  ...['lsh', 'rsh', 'ret', 'tax', 'txa', 'len', 'pktlen', 'proto', 'pto', 'type', 'poff', 'ifidx', 'ifx'],
  ...['nla', 'nlan', 'mark', 'queue', 'que', 'hatype', 'hat', 'rxhash', 'rxh', 'cpu', 'vlan_tci', 'vlant'],
  ...['vlan_pr', 'vlan_avail', 'vlanp', 'vlana', 'vlan_acc', 'vlan_tpid', 'rand', 'random', 'xor_x'],
]);

/** Whether bpf_asm accepts `name` as a label: `[A-Za-z_][A-Za-z0-9_]+`, not a keyword. */
export function isPortableLabel(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]+$/.test(name) && !RESERVED.has(name.toLowerCase());
}

/** bpf_asm's keyword for each ancillary load it knows (it has none for xor_x). */
const ASM_EXTENSION_NAMES: Readonly<Record<string, string>> = {
  proto: 'proto',
  type: 'type',
  ifidx: 'ifidx',
  nla: 'nla',
  nlan: 'nlan',
  mark: 'mark',
  queue: 'queue',
  hatype: 'hatype',
  rxhash: 'rxhash',
  cpu: 'cpu',
  vlan_tci: 'vlan_tci',
  vlan_avail: 'vlan_avail',
  poff: 'poff',
  rand: 'rand',
  vlan_tpid: 'vlan_tpid',
};

const hex = (k: number) => `0x${(k >>> 0).toString(16)}`;
/** Decimal below 2^31 (both bpf_asm and bpfc read it unsigned), hex above (no sign surprises). */
const num = (k: number) => (k >>> 0 < 0x80000000 ? String(k >>> 0) : hex(k));

const SIZE_SUFFIX = { 4: '', 2: 'h', 1: 'b' } as const;

/** Where a jump goes: absolute target pcs, or undefined when the instruction does not jump. */
export function jumpTargets(insn: Insn, pc: number): number[] | undefined {
  if (insn.op === 'ja') return [pc + 1 + insn.k];
  if (insn.op === 'jmp') return [pc + 1 + insn.jt, pc + 1 + insn.jf];
  return undefined;
}

/** bpf_asm pseudo-ops that jump when the real condition is false (reference §4.3). */
const NEGATED: Partial<Record<JumpCond, string>> = { jeq: 'jneq', jge: 'jlt', jgt: 'jle' };

/** The targets the bpf_asm text names: a one-target form leaves the fall-through implicit. */
function namedTargets(insn: Insn, pc: number): number[] {
  if (insn.op === 'ja') return [pc + 1 + insn.k];
  if (insn.op !== 'jmp') return [];
  if (insn.jf === 0) return [pc + 1 + insn.jt];
  if (insn.jt === 0 && NEGATED[insn.cond]) return [pc + 1 + insn.jf];
  return [pc + 1 + insn.jt, pc + 1 + insn.jf];
}

function formatJump(insn: Insn & { op: 'jmp' }, pc: number, label: (pc: number) => string): string {
  const operand = insn.src === 'x' ? 'x' : `#${hex(insn.k)}`;
  const t = label(pc + 1 + insn.jt);
  const f = label(pc + 1 + insn.jf);
  if (insn.jf === 0) return `${insn.cond} ${operand}, ${t}`;
  const negated = NEGATED[insn.cond];
  if (insn.jt === 0 && negated) return `${negated} ${operand}, ${f}`;
  return `${insn.cond} ${operand}, ${t}, ${f}`;
}

/** The `.insn` directive that writes an instruction's exact bytes. */
export function formatInsnDirective(insn: Insn): string {
  const r = encode(insn);
  return `.insn ${hex(r.code)}, ${r.jt}, ${r.jf}, ${hex(r.k)}`;
}

function formatLoad(insn: Insn & { op: 'ld' }): string {
  switch (insn.mode) {
    case 'imm':
      return `ld #${hex(insn.k)}`;
    case 'abs': {
      const ext = extensionOf(insn.k);
      const name = ext === undefined ? undefined : ASM_EXTENSION_NAMES[ext];
      return `ld${SIZE_SUFFIX[insn.size]} ${name === undefined ? `[${num(insn.k)}]` : `#${name}`}`;
    }
    case 'ind':
      return `ld${SIZE_SUFFIX[insn.size]} [x + ${num(insn.k)}]`;
    case 'mem':
      return `ld M[${num(insn.k)}]`;
    case 'len':
      return 'ld #len';
  }
}

function formatLoadX(insn: Insn & { op: 'ldx' }): string {
  switch (insn.mode) {
    case 'imm':
      return `ldx #${hex(insn.k)}`;
    case 'mem':
      return `ldx M[${num(insn.k)}]`;
    case 'len':
      return 'ldx #len';
    case 'msh':
      return `ldxb 4*([${num(insn.k)}]&0xf)`;
  }
}

/**
 * One instruction in bpf_asm syntax (no label, no comment). `label` names a jump target pc;
 * without it targets are written `L<pc>`. Callers that cannot guarantee a label exists for the
 * target (jumps out of the program, backward `ja`) should use `formatInsnDirective` instead.
 */
export function formatAsmInsn(
  insn: Insn,
  pc: number,
  label: (pc: number) => string = (t) => `L${t}`,
): string {
  switch (insn.op) {
    case 'ld':
      return formatLoad(insn);
    case 'ldx':
      return formatLoadX(insn);
    case 'st':
    case 'stx':
      return `${insn.op} M[${num(insn.k)}]`;
    case 'alu': {
      if (insn.src === 'x') return `${insn.alu} x`;
      const bitwise = insn.alu === 'and' || insn.alu === 'or' || insn.alu === 'xor';
      return `${insn.alu} #${bitwise ? hex(insn.k) : num(insn.k)}`;
    }
    case 'neg':
    case 'tax':
    case 'txa':
      return insn.op;
    case 'ja':
      return `ja ${label(pc + 1 + insn.k)}`;
    case 'jmp':
      return formatJump(insn, pc, label);
    case 'ret':
      return insn.src === 'k' ? `ret #${num(insn.k)}` : `ret ${insn.src}`;
    case 'raw':
      return formatInsnDirective(insn);
  }
}

/** Options for `formatAsmListing`. */
export interface AsmListingOptions {
  /** Append `program.comments[pc]` as `; ...` (default true). */
  comments?: boolean;
}

/** Label names for every pc that needs one: jump targets and the author's own labels. */
export function assignLabels(program: Program): Map<number, string> {
  const n = program.insns.length;
  const wanted = new Set<number>();
  program.insns.forEach((insn, pc) => {
    if (spellable(insn, pc, n)) for (const t of namedTargets(insn, pc)) wanted.add(t);
  });
  const names = new Map<number, string>();
  const used = new Set<string>();
  for (const [key, name] of Object.entries(program.labels ?? {})) {
    const pc = Number(key);
    if (pc >= 0 && pc < n && isPortableLabel(name) && !used.has(name)) {
      names.set(pc, name);
      used.add(name);
    }
  }
  for (const pc of [...wanted].sort((a, b) => a - b)) {
    if (names.has(pc)) continue;
    let name = `L${pc}`;
    for (let i = 1; used.has(name); i++) name = `L${pc}_${i}`;
    names.set(pc, name);
    used.add(name);
  }
  return names;
}

/** True when every jump target of `insn` at `pc` is a later instruction of a `length`-long program. */
function targetsLabelable(insn: Insn, pc: number, length: number): boolean {
  return (jumpTargets(insn, pc) ?? []).every((t) => t > pc && t < length);
}

/** A scratch access outside M[0..15]: assemblers refuse to write it, so only `.insn` keeps it. */
function scratchOutOfRange(insn: Insn): boolean {
  const mem =
    insn.op === 'st' || insn.op === 'stx' || ((insn.op === 'ld' || insn.op === 'ldx') && insn.mode === 'mem');
  return mem && 'k' in insn && insn.k >= BPF_MEMWORDS;
}

/** Whether bpf_asm text can spell `insn` at `pc` (else it is written as `.insn`). */
function spellable(insn: Insn, pc: number, length: number): boolean {
  return targetsLabelable(insn, pc, length) && !scratchOutOfRange(insn);
}

/** A whole program as bpf_asm text, one instruction per line, labels in a left column. */
export function formatAsmListing(program: Program, options: AsmListingOptions = {}): string {
  const labels = assignLabels(program);
  const width = Math.max(0, ...[...labels.values()].map((l) => l.length + 2));
  const labelOf = (pc: number) => labels.get(pc) ?? `L${pc}`;
  const n = program.insns.length;
  return program.insns
    .map((insn, pc) => {
      const label = labels.get(pc);
      const prefix = (label === undefined ? '' : `${label}:`).padEnd(width);
      const text = spellable(insn, pc, n) ? formatAsmInsn(insn, pc, labelOf) : formatInsnDirective(insn);
      const comment = options.comments === false ? undefined : program.comments?.[pc];
      const tail =
        comment === undefined || comment === '' ? '' : ` ; ${comment.replace(/\s*[\r\n]+\s*/g, ' ')}`;
      return `${prefix}${text}${tail}\n`;
    })
    .join('');
}
