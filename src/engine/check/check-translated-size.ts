// SPDX-License-Identifier: MIT
/**
 * Warning (socket mode): the program passes every classic rule, but its eBPF translation may be
 * too large to attach. The kernel charges it against net.core.optmem_max and answers ENOMEM; on
 * Linux 6.18 about 1168 `ld [k]` loads already exceed the 131072-byte default (see
 * translated-size.ts). Raising the sysctl helps until a jump spans more than 32767 translated
 * instructions, which `bpf_convert_filter` refuses with EINVAL.
 */
import { BPF_MAXINSNS } from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckRule, report } from './context.ts';
import {
  CHARGE_OVERHEAD,
  chargedBytes,
  DEFAULT_OPTMEM_MAX,
  fitsOptmem,
  translatedLength,
} from './translated-size.ts';

/** Warn when the estimated translated program exceeds the default option-memory limit. */
export const checkTranslatedSize: CheckRule = (ctx) => {
  // Past 4096 instructions rule 1 already refuses the program.
  if (ctx.mode !== 'socket' || ctx.raw.length > BPF_MAXINSNS || fitsOptmem(ctx.raw)) return [];
  const bytes = chargedBytes(ctx.raw);
  const insns = translatedLength(ctx.raw);
  const fits = Math.ceil((DEFAULT_OPTMEM_MAX - CHARGE_OVERHEAD) / 8) - 1;
  return [
    report(
      'warning',
      CHK.translatedSize,
      `the kernel translates these ${ctx.raw.length} instructions into about ${insns} eBPF instructions (${bytes} bytes), more than fit in the ${DEFAULT_OPTMEM_MAX}-byte default of net.core.optmem_max (${fits} instructions): attaching likely fails with ENOMEM`,
      {
        hint: 'packet loads cost the most (about 14 eBPF instructions each): load a field once and keep it in M[] or X, or raise net.core.optmem_max',
      },
    ),
  ];
};
