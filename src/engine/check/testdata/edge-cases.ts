// SPDX-License-Identifier: MIT
/**
 * Named facts about the loaders (reference §5, §6), each checked against the loader itself and
 * against the checker: [name, mode, program as "code jt jf k" records, verdict].
 */
import type { RawInsn } from '../../isa/insn.ts';
import type { CheckMode } from '../context.ts';

/** One named fact. */
export type EdgeCase = [name: string, mode: CheckMode, program: string, verdict: 'ok' | 'refused'];

export const EDGE_CASES: EdgeCase[] = [
  ['dead `ld M[0]` after a `ret`: the scan falls through', 'socket', '6 0 0 1, 0x60 0 0 0, 0x16 0 0 0', 'refused'],
  ['dead `ld M[0]` after a `ja`: the scan resets', 'socket', '5 0 0 1, 0x60 0 0 0, 0x16 0 0 0', 'ok'],
  ['`ret x`', 'socket', '0x0e 0 0 0', 'refused'],
  ['LDX W ABS (0x21)', 'socket', '0x21 0 0 0, 6 0 0 0', 'refused'],
  ['`ldb #proto`: any size reads an extension', 'socket', '0x30 0 0 0xfffff000, 0x16 0 0 0', 'ok'],
  ['`ld [SKF_AD_OFF - 1]`: below the ancillary range', 'socket', '0x20 0 0 0xffffefff, 0x16 0 0 0', 'ok'],
  ['`ld [SKF_AD_OFF + 64]`', 'socket', '0x20 0 0 0xfffff040, 0x16 0 0 0', 'refused'],
  ['`ld [x + SKF_AD_OFF + 64]`: indexed loads are not checked', 'socket', '0x40 0 0 0xfffff040, 0x16 0 0 0', 'ok'],
  ['`lsh #31`', 'socket', '0x64 0 0 31, 0x16 0 0 0', 'ok'],
  ['`lsh #32`', 'socket', '0x64 0 0 32, 0x16 0 0 0', 'refused'],
  ['`div x` (X = 0 only fails at run time)', 'socket', '0x3c 0 0 0, 0x16 0 0 0', 'ok'],
  ['`ret #k` with junk jt/jf', 'socket', '6 7 9 0', 'ok'],
  ['`ja` to the last instruction', 'socket', '5 0 0 1, 0x87 0 0 0, 6 0 0 0', 'ok'],
  ['`ja` one past the end', 'socket', '5 0 0 2, 0x87 0 0 0, 6 0 0 0', 'refused'],
  ['`ld [60]`: args[5] high half', 'seccomp', '0x20 0 0 60, 0x16 0 0 0', 'ok'],
  ['`ld [62]`: unaligned', 'seccomp', '0x20 0 0 62, 0x16 0 0 0', 'refused'],
  ['`ld [64]`: past struct seccomp_data', 'seccomp', '0x20 0 0 64, 0x16 0 0 0', 'refused'],
  ['`ld #len` (rewritten to 64)', 'seccomp', '0x80 0 0 0, 0x16 0 0 0', 'ok'],
  ['`mod #3`', 'seccomp', '0x94 0 0 3, 0x16 0 0 0', 'refused'],
  ['`ldh [0]`', 'seccomp', '0x28 0 0 0, 0x16 0 0 0', 'refused'],
  ['`ld #proto`', 'seccomp', '0x20 0 0 0xfffff000, 0x16 0 0 0', 'refused'],
  ['`ret x`: bpf_validate passes it', 'libpcap', '0x0e 0 0 0', 'ok'],
  ['backward `ja`: bpf_validate passes it', 'libpcap', '6 0 0 0, 5 0 0 0xfffffffe, 6 0 0 0', 'ok'],
  ['`lsh #40`: bpf_validate passes it', 'libpcap', '0x64 0 0 40, 0x16 0 0 0', 'ok'],
  ['mode 0xc0: bpf_validate refuses it', 'libpcap', '0xc0 0 0 0, 0x16 0 0 0', 'refused'],
];

/** "code jt jf k, ..." (decimal or 0x hex) as wire records. */
export function parseRows(text: string): RawInsn[] {
  return text.split(',').map((row) => {
    const [code, jt, jf, k] = row.trim().split(/\s+/).map(Number);
    return { code: code ?? 0, jt: jt ?? 0, jf: jf ?? 0, k: k ?? 0 };
  });
}
