// SPDX-License-Identifier: MIT
/** VXLAN (RFC 7348): an 8-byte header on UDP 4789, then a whole inner Ethernet frame. */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { dissectEthernet } from './ethernet.ts';
import { bits, bytesField, field, flag, uint } from './field.ts';
import { hex } from './format.ts';
import type { DissectContext, LayerResult } from './types.ts';

/** Flags (I bit: the VNI is valid), reserved bits, 24-bit VNI, reserved byte. */
export function dissectVxlan(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const flags = uint(view, 'vxlan.flags', 'Flags', offset, 2, (v) => hex(v, 4));
  flags.children.push(
    flag(view, 'vxlan.flag_g', 'GBP Extension', offset, 2, 0x8000, ['Defined', 'Not defined']),
    flag(view, 'vxlan.flag_i', 'VXLAN Network ID (VNI)', offset, 2, 0x0800, ['True', 'False']),
    bits(view, 'vxlan.flags_reserved', 'Reserved(R)', offset, 2, 0x77b7),
  );
  const vni = view.u24(offset + 4);
  const children = [
    flags,
    bytesField(view, 'vxlan.gbp', 'Group Policy ID', offset + 2, 2),
    uint(view, 'vxlan.vni', 'VXLAN Network Identifier (VNI)', offset + 4, 3),
    uint(view, 'vxlan.reserved8', 'Reserved', offset + 7, 1),
  ];
  setSummary(ctx, { protocol: 'VXLAN', info: `VNI ${vni}` });
  return {
    field: field('vxlan', 'Virtual eXtensible Local Area Network', offset, 8, undefined, children),
    next: { dissector: dissectEthernet, offset: offset + 8, end: view.end },
  };
}
