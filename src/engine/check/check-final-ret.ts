// SPDX-License-Identifier: MIT
/**
 * Rule 9: the last instruction must be `ret #k` or `ret a` (`bpf_check_classic` tests the exact
 * codes 0x06 and 0x16; libpcap's bpf_validate only asks for the RET class, so `ret x` passes there).
 */
import { BPF_RET, BPF_RVAL_A, BPF_RVAL_K } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckRule, insnText, isRetClass, report } from './context.ts';

const RET_K = BPF_RET | BPF_RVAL_K;
const RET_A = BPF_RET | BPF_RVAL_A;

/** Rule 9: report a program whose last instruction is not a return. */
export const checkFinalRet: CheckRule = (ctx) => {
  const last = ctx.raw.length - 1;
  const r = ctx.raw[last];
  if (r === undefined) return [];
  const ok = ctx.kernel ? r.code === RET_K || r.code === RET_A : isRetClass(r.code);
  if (ok) return [];
  const retX = r.code === 0x0e;
  return [
    report(
      'error',
      CHK.finalRet,
      `the last instruction (pc ${last}) is ${insnText(ctx, last)}, but a program must end with \`ret #k\` or \`ret a\``,
      {
        pc: last,
        hint: retX
          ? 'the kernel does not accept `ret x`: end with `txa; ret a`'
          : 'add a `ret`: `ret #0` drops the packet, `ret #-1` keeps all of it, `ret a` returns A',
      },
    ),
  ];
};
