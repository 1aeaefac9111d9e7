// SPDX-License-Identifier: MIT
/** UDP (RFC 768). */
import type { ByteView } from './byte-view.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { field, uint, warn } from './field.ts';
import { hex } from './format.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

/** The 8-byte UDP header; its length field bounds the payload, which goes by port. */
export function dissectUdp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const sport = view.u16(offset);
  const dport = view.u16(offset + 2);
  const length = view.u16(offset + 4);
  const children: Field[] = [
    uint(view, 'udp.srcport', 'Source Port', offset, 2),
    uint(view, 'udp.dstport', 'Destination Port', offset + 2, 2),
    uint(view, 'udp.length', 'Length', offset + 4, 2),
    uint(
      view,
      'udp.checksum',
      'Checksum',
      offset + 6,
      2,
      (v) => `${hex(v, 4)} ${v === 0 ? '[none]' : '[unverified]'}`,
    ),
  ];
  let end = offset + length;
  if (length < 8) {
    children.push(warn('udp.length.bad', `Bad length value ${length} < 8`, offset + 4, 2));
    end = view.end;
  } else if (end > view.end) {
    children.push(
      warn(
        'udp.length.bad',
        `Bad length value ${length} > IP payload length ${view.end - offset}`,
        offset + 4,
        2,
      ),
    );
    end = view.end;
  }
  setPayloadOffset(ctx, offset + 8, true);
  // tshark's Len is what the header declares, even when this packet holds only its first fragment.
  const declared = length >= 8 ? length - 8 : Math.max(0, end - offset - 8);
  const info = view.has(offset, 6)
    ? `${sport} → ${dport} Len=${declared}`
    : `${sport} → ${dport} (header cut short)`;
  // Without both ports captured the datagram does not name the packet (tshark keeps the IP line).
  if (view.has(offset, 4)) setSummary(ctx, { protocol: 'UDP', info });
  return {
    field: field(
      'udp',
      `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`,
      offset,
      8,
      undefined,
      children,
    ),
    next: { table: 'udp', ports: [sport, dport], offset: offset + 8, end },
  };
}
