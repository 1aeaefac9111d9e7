// SPDX-License-Identifier: MIT
/**
 * VLAN offload: present an Ethernet frame as Linux does after hardware VLAN stripping. The outer
 * tag leaves the bytes and lives on in skb metadata (vlan_tci, vlan_avail, vlan_tpid), which is
 * why `ether[12:2] = 0x8100` or `vlan 100` can match a file and not the live interface.
 */
import { teach } from './field.ts';
import { hex } from './format.ts';
import type { Field } from './types.ts';
import { VLAN_TPIDS } from './vlan.ts';

/** The frame after stripping, and the tag that was removed (if any). */
export interface Stripped {
  bytes: Uint8Array;
  wireLength: number;
  tag?: { tpid: number; tci: number };
}

/** Remove the outer tag (bytes 12–15) of a tagged Ethernet frame; untagged frames pass unchanged. */
export function stripOuterVlan(bytes: Uint8Array, wireLength: number): Stripped {
  if (bytes.length < 18) return { bytes, wireLength };
  const tpid = (bytes[12]! << 8) | bytes[13]!;
  if (!VLAN_TPIDS.includes(tpid)) return { bytes, wireLength };
  const tci = (bytes[14]! << 8) | bytes[15]!;
  const out = new Uint8Array(bytes.length - 4);
  out.set(bytes.subarray(0, 12), 0);
  out.set(bytes.subarray(16), 12);
  return { bytes: out, wireLength: Math.max(out.length, wireLength - 4), tag: { tpid, tci } };
}

/** The teaching note placed where the tag used to be. */
export function offloadNote(tag: { tpid: number; tci: number }): Field {
  const { tpid, tci } = tag;
  return teach(
    'teach.vlan_offload',
    `VLAN offload: the outer tag (TPID ${hex(tpid, 4)}, TCI ${hex(tci, 4)}: PRI ${tci >> 13}, DEI ${(tci >> 12) & 1}, ` +
      `VID ${tci & 0xfff}) was removed from the bytes, as Linux does after hardware VLAN stripping. Filters see it ` +
      `only through vlan_tci / vlan_avail / vlan_tpid, and every byte after offset 12 sits 4 bytes earlier than in the file`,
    12,
    0,
  );
}
