// SPDX-License-Identifier: MIT
/**
 * The names an operand may use: the Linux ancillary loads under every tool's spelling, the packet
 * length keyword, and the symbolic offset constants. All are matched case-insensitively, as the
 * reference lexers are flex `caseless`.
 */
import type { ExtensionName } from '../isa/opcodes.ts';
import { SKF_AD_OFF, SKF_LL_OFF, SKF_NET_OFF } from '../isa/opcodes.ts';

/**
 * Every spelling of each extension (reference §4.5): bpf_asm's keywords, bpfc's aliases
 * (`pto`, `ifx`, `que`, `Q`, `hat`, `rxh`, `vlant`, `vlanp`, `vlana`, `vlan_acc`), bpf_asm's
 * `vlan_pr`, and what libpcap's `bpf_image` prints (`[random]`, `[xor_x]`, `[vlanp]`).
 */
const EXTENSION_SPELLINGS: Readonly<Record<ExtensionName, readonly string[]>> = {
  proto: ['proto', 'pto'],
  type: ['type'],
  ifidx: ['ifidx', 'ifx'],
  nla: ['nla'],
  nlan: ['nlan'],
  mark: ['mark'],
  queue: ['queue', 'que', 'q'],
  hatype: ['hatype', 'hat'],
  rxhash: ['rxhash', 'rxh'],
  cpu: ['cpu'],
  xor_x: ['xor_x'],
  vlan_tci: ['vlan_tci', 'vlant'],
  vlan_avail: ['vlan_avail', 'vlan_pr', 'vlanp', 'vlana', 'vlan_acc'],
  poff: ['poff'],
  rand: ['rand', 'random'],
  vlan_tpid: ['vlan_tpid'],
};

const EXTENSION_BY_SPELLING = new Map<string, ExtensionName>(
  (Object.entries(EXTENSION_SPELLINGS) as [ExtensionName, readonly string[]][]).flatMap(([name, spellings]) =>
    spellings.map((s) => [s, name] as const),
  ),
);

/** The extension a word names under any tool's spelling, if any. */
export function extensionByName(word: string): ExtensionName | undefined {
  return EXTENSION_BY_SPELLING.get(word.toLowerCase());
}

/** Every spelling of every extension, lower case (for editor completion and docs). */
export function extensionSpellings(): Readonly<Record<ExtensionName, readonly string[]>> {
  return EXTENSION_SPELLINGS;
}

/** True for the packet-length keyword: bpf_asm's `len`, bpfc's and libpcap's `pktlen`. */
export function isLengthName(word: string): boolean {
  const lower = word.toLowerCase();
  return lower === 'len' || lower === 'pktlen';
}

/** Symbolic constants usable in offsets and immediates (`ldb [SKF_NET_OFF + 9]`). */
const SYMBOLS: ReadonlyMap<string, number> = new Map([
  ['skf_ad_off', SKF_AD_OFF],
  ['skf_net_off', SKF_NET_OFF],
  ['skf_ll_off', SKF_LL_OFF],
]);

/** The value of a symbolic constant, if the word names one. */
export function symbolValue(word: string): number | undefined {
  return SYMBOLS.get(word.toLowerCase());
}

/** Every name a `#` or bracket operand may hold, for "did you mean" hints. */
export function operandNames(): string[] {
  return ['len', 'pktlen', ...EXTENSION_BY_SPELLING.keys(), 'SKF_AD_OFF', 'SKF_NET_OFF', 'SKF_LL_OFF'];
}

/** Names of the symbolic constants, as written in documentation. */
export const SYMBOL_NAMES: readonly string[] = ['SKF_AD_OFF', 'SKF_NET_OFF', 'SKF_LL_OFF'];
