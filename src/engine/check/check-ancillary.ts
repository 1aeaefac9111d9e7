// SPDX-License-Identifier: MIT
/**
 * Rule 8: `ld`/`ldh`/`ldb [k]` with k >= SKF_AD_OFF (0xfffff000) must name one of the 16 ancillary
 * fields (net/core/filter.c `bpf_anc_helper`), any load size. Offsets below SKF_AD_OFF, such as
 * SKF_NET_OFF + n and SKF_LL_OFF + n, are not checked at load time, and neither are indexed loads.
 * libpcap has no ancillary fields: there such a k is just past the packet, so the program returns
 * 0 (reference §6); libpcap mode warns about every such load.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import {
  BPF_ABS,
  BPF_B,
  BPF_H,
  BPF_LD,
  BPF_W,
  EXTENSION_OFFSETS,
  type ExtensionName,
  extensionOf,
  SKF_AD_OFF,
  SKF_LL_OFF,
} from '../isa/opcodes.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, hex, insnText, report } from './context.ts';

const ABS_LOADS = new Set([BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_H | BPF_ABS, BPF_LD | BPF_B | BPF_ABS]);
const NAMES = Object.entries(EXTENSION_OFFSETS) as [ExtensionName, number][];
const KNOWN_LIST = NAMES.map(([name, off]) => `+${off} ${name}`).join(', ');

/** Where an unknown ancillary offset sits relative to the known ones. */
function whereIs(offset: number): string {
  const below = NAMES.filter(([, off]) => off < offset).at(-1);
  const above = NAMES.find(([, off]) => off > offset);
  if (below && above) return `, between \`${below[0]}\` (+${below[1]}) and \`${above[0]}\` (+${above[1]})`;
  return `, past the last one, \`vlan_tpid\` (+${EXTENSION_OFFSETS.vlan_tpid})`;
}

function kernelDiagnostic(ctx: CheckContext, pc: number, k: number): Diagnostic {
  const offset = k - SKF_AD_OFF;
  return report(
    'error',
    CHK.ancillary,
    `${insnText(ctx, pc)} at pc ${pc} reads k = ${hex(k, 8)} (SKF_AD_OFF + ${offset}${whereIs(offset)}), which names no ancillary field`,
    {
      pc,
      hint: `the ancillary fields are SKF_AD_OFF (0xfffff000) plus: ${KNOWN_LIST}; to read relative to the network or link-layer header use SKF_NET_OFF (0xfff00000) + n or SKF_LL_OFF (0xffe00000) + n`,
    },
  );
}

function libpcapDiagnostic(ctx: CheckContext, pc: number, k: number): Diagnostic {
  const ext = extensionOf(k);
  const what = ext
    ? `the Linux ancillary field \`${ext}\``
    : k >= SKF_AD_OFF
      ? 'an unknown Linux ancillary offset'
      : 'a Linux negative offset (SKF_NET_OFF/SKF_LL_OFF)';
  const vlan = ext === 'vlan_tci' || ext === 'vlan_avail';
  return report(
    'warning',
    CHK.ancillary,
    `${insnText(ctx, pc)} at pc ${pc} reads ${what}, which libpcap's bpf_filter() sees as an offset past the packet`,
    {
      pc,
      hint: vlan
        ? 'libpcap serves this field only on live Linux captures (from the packet auxdata); on a file the program returns 0 here'
        : 'in libpcap the program returns 0 here; switch to Linux semantics to read it',
    },
  );
}

/** Rule 8: report every absolute load into the ancillary range that names no field. */
export const checkAncillary: CheckRule = (ctx) => {
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code, k }, pc) => {
    if (!ABS_LOADS.has(code)) return;
    if (ctx.kernel && k >= SKF_AD_OFF && extensionOf(k) === undefined) out.push(kernelDiagnostic(ctx, pc, k));
    if (!ctx.kernel && k >= SKF_LL_OFF) out.push(libpcapDiagnostic(ctx, pc, k));
  });
  return out;
};
