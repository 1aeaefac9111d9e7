// SPDX-License-Identifier: MIT
/**
 * The checker's diagnostic catalogue: one stable code per rule. Rules 1-10 and 13 follow the kernel
 * (reference §5, net/core/filter.c `bpf_check_classic`, kernel/seccomp.c `seccomp_check_filter`);
 * the others are our own advice. The kernel itself only ever says EINVAL.
 */

/** Every code the checker emits, by rule. */
export const CHK = {
  /** Rule 1: 1..4096 instructions (`bpf_check_basics_ok`). */
  length: 'CHK2001',
  /** Rule 2: the opcode must be on the kernel's allow-list (`chk_code_allowed`). */
  opcode: 'CHK2002',
  /** Rule 3: div/mod by the constant 0. */
  divideByZero: 'CHK2003',
  /** Rule 4: lsh/rsh by a constant of 32 or more. */
  shiftTooFar: 'CHK2004',
  /** Rule 5: scratch index M[k] with k >= 16 (BPF_MEMWORDS). */
  scratchIndex: 'CHK2005',
  /** Rule 6: `ja` past the end or backward. */
  jaRange: 'CHK2006',
  /** Rule 7: a conditional jump's jt or jf past the end. */
  jumpTarget: 'CHK2007',
  /** Rule 8: LD ABS with k >= SKF_AD_OFF that names no ancillary field (`bpf_anc_helper`). */
  ancillary: 'CHK2008',
  /** Rule 9: the last instruction must be `ret #k` or `ret a`. */
  finalRet: 'CHK2009',
  /** Rule 10: M[k] read where some path has not written it (`check_load_and_stores`). */
  scratchInit: 'CHK2010',
  /** Warning: instructions no execution reaches. */
  unreachable: 'CHK2011',
  /** Warning: the kernel's eBPF translation may be too large to attach (ENOMEM / EINVAL). */
  translatedSize: 'CHK2012',
  /** Rule 13: an instruction seccomp does not allow (`seccomp_check_filter`). */
  seccompInsn: 'CHK2013',
  /** Rule 13: a seccomp `ld [k]` outside struct seccomp_data or not 4-byte aligned. */
  seccompOffset: 'CHK2014',
  /** Info: `ld #len`/`ldx #len` in a seccomp filter always reads 64. */
  seccompLength: 'CHK2015',
} as const;

/** A checker diagnostic code. */
export type CheckCode = (typeof CHK)[keyof typeof CHK];

/** One catalogue entry: the rule's name as messages say it, and where the fact comes from. */
export interface CheckRuleInfo {
  code: CheckCode;
  /** Short rule name; every message starts with it. */
  title: string;
  /** The kernel (or libpcap) function that enforces it, or 'bpflab' for our own advice. */
  source: string;
}

/** The catalogue, in code order (for documentation and the editor's hover). */
export const CHECK_RULES: readonly CheckRuleInfo[] = [
  { code: CHK.length, title: 'program length', source: 'bpf_check_basics_ok' },
  { code: CHK.opcode, title: 'opcode not allowed', source: 'chk_code_allowed' },
  { code: CHK.divideByZero, title: 'division by constant zero', source: 'bpf_check_classic' },
  { code: CHK.shiftTooFar, title: 'constant shift too far', source: 'bpf_check_classic' },
  { code: CHK.scratchIndex, title: 'scratch index out of range', source: 'bpf_check_classic' },
  { code: CHK.jaRange, title: 'ja out of range', source: 'bpf_check_classic' },
  { code: CHK.jumpTarget, title: 'jump target out of range', source: 'bpf_check_classic' },
  { code: CHK.ancillary, title: 'unknown ancillary offset', source: 'bpf_anc_helper' },
  { code: CHK.finalRet, title: 'missing final ret', source: 'bpf_check_classic' },
  { code: CHK.scratchInit, title: 'scratch read before write', source: 'check_load_and_stores' },
  { code: CHK.unreachable, title: 'unreachable code', source: 'bpflab' },
  { code: CHK.translatedSize, title: 'translated program too large', source: 'bpf_convert_filter' },
  { code: CHK.seccompInsn, title: 'not allowed in seccomp', source: 'seccomp_check_filter' },
  { code: CHK.seccompOffset, title: 'seccomp_data offset', source: 'seccomp_check_filter' },
  { code: CHK.seccompLength, title: 'length in seccomp', source: 'seccomp_check_filter' },
];

const TITLES = new Map<string, string>(CHECK_RULES.map((r) => [r.code, r.title]));

/** The rule name that starts every message of `code`. */
export function ruleTitle(code: CheckCode): string {
  const title = TITLES.get(code);
  if (title === undefined) throw new Error(`checker code ${code} is missing from CHECK_RULES`);
  return title;
}
