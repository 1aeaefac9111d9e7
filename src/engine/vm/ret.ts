// SPDX-License-Identifier: MIT
/**
 * The return family: `ret #k`, `ret a`, and `ret x` (0x0e).
 *
 * `ret x` runs nowhere: the Linux checker does not allow the opcode (chk_code_allowed, reference
 * §5 rule 2), and libpcap's bpf_validate accepts it but bpf_filter.c has no case for it and calls
 * abort() (verified: the process is killed, reference §6). Under both semantics it therefore ends
 * the run as `invalid-instruction` with verdict 0 rather than returning X.
 */
import type { Insn } from '../isa/insn.ts';
import { type Effect, halt, type Machine } from './machine.ts';

/** Execute a `ret`. */
export function execRet(insn: Extract<Insn, { op: 'ret' }>, m: Machine): Effect {
  switch (insn.src) {
    case 'k':
      return halt('ret', insn.k >>> 0);
    case 'a':
      return halt('ret', m.a);
    case 'x':
      return halt('invalid-instruction');
  }
}
