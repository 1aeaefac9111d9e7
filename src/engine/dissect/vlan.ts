// SPDX-License-Identifier: MIT
/** IEEE 802.1Q VLAN tags and 802.1ad (QinQ) service tags. */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { ETHERTYPE_MIN } from './ethernet.ts';
import { bits, field, teach, uint } from './field.ts';
import { dissectLlc } from './llc.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, LayerResult } from './types.ts';

/** TPIDs that introduce a tag: 802.1Q, 802.1ad, and the pre-standard QinQ 0x9100. */
export const VLAN_TPIDS: readonly number[] = [0x8100, 0x88a8, 0x9100];

const PRIORITY_NAMES = [
  'Best Effort (default)',
  'Background',
  'Excellent Effort',
  'Critical Applications',
  'Video, < 100ms latency and jitter',
  'Voice, < 10ms latency and jitter',
  'Internetwork Control',
  'Network Control',
];

/**
 * The 2-byte TCI after a TPID (PCP 3 bits, DEI 1 bit, VID 12 bits) and the EtherType it carries.
 * `offset` is the TCI; the TPID sits in the two bytes before it.
 */
export function dissectVlan(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const tpid = view.u16(offset - 2);
  // tshark names 802.1ad service tags ieee8021ad.*, customer (802.1Q) tags vlan.*.
  const service = tpid === 0x88a8;
  const p = service ? 'ieee8021ad' : 'vlan';
  const tci = view.u16(offset);
  const inner = view.u16(offset + 2);
  ctx.vlanTags += 1;
  const shift = 4 * ctx.vlanTags;
  const children = [
    bits(view, `${p}.priority`, 'Priority', offset, 2, 0xe000, (v) => `${PRIORITY_NAMES[v]} (${v})`),
    bits(view, `${p}.dei`, 'DEI', offset, 2, 0x1000, (v) => (v ? 'Eligible' : 'Ineligible')),
    bits(view, `${p}.id`, 'ID', offset, 2, 0x0fff),
    inner >= ETHERTYPE_MIN
      ? uint(view, service ? 'ieee8021ah.etype' : 'vlan.etype', 'Type', offset + 2, 2, etherTypeText)
      : uint(view, `${p}.len`, 'Length', offset + 2, 2),
    teach(
      'teach.vlan_shift',
      `Everything after this tag sits ${shift} bytes later than in an untagged frame: a filter written for ` +
        `untagged frames reads the wrong bytes (the EtherType is at byte ${offset + 2} here, not ${offset + 2 - shift})`,
      offset - 2,
      4,
    ),
  ];
  const title = service ? 'IEEE 802.1ad' : '802.1Q Virtual LAN';
  const label = `${title}, PRI: ${tci >> 13}, DEI: ${(tci >> 12) & 1}, ID: ${tci & 0x0fff}`;
  setSummary(ctx, { protocol: service ? '802.1ad' : '802.1Q', info: `${label}, ${etherTypeText(inner)}` });
  const out = field(p, label, offset, 4, undefined, children);
  if (inner < ETHERTYPE_MIN) {
    const end = Math.min(view.end, offset + 4 + inner);
    return { field: out, next: { dissector: dissectLlc, offset: offset + 4, end } };
  }
  return { field: out, next: { table: 'ethertype', key: inner, offset: offset + 4, end: view.end } };
}
