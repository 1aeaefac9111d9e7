// SPDX-License-Identifier: MIT
/** GRE (RFC 2784, RFC 2890 key and sequence) and enhanced GRE version 1 (RFC 2637, PPTP). */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { bits, field, flag, uint } from './field.ts';
import { hex } from './format.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

function flagsField(view: ByteView, offset: number): Field {
  const out = uint(view, 'gre.flags_and_version', 'Flags and Version', offset, 2, (v) => hex(v, 4));
  out.children.push(
    flag(view, 'gre.flags.checksum', 'Checksum Bit', offset, 2, 0x8000, ['Yes', 'No']),
    flag(view, 'gre.flags.routing', 'Routing Bit', offset, 2, 0x4000, ['Yes', 'No']),
    flag(view, 'gre.flags.key', 'Key Bit', offset, 2, 0x2000, ['Yes', 'No']),
    flag(view, 'gre.flags.sequence_number', 'Sequence Number Bit', offset, 2, 0x1000, ['Yes', 'No']),
    flag(view, 'gre.flags.strict_source_route', 'Strict Source Route Bit', offset, 2, 0x0800, ['Yes', 'No']),
    bits(view, 'gre.flags.recursion_control', 'Recursion control', offset, 2, 0x0700),
    flag(view, 'gre.flags.ack', 'Acknowledgment', offset, 2, 0x0080, ['Yes', 'No']),
    bits(view, 'gre.flags.reserved', 'Flags (Reserved)', offset, 2, 0x0078),
    bits(view, 'gre.flags.version', 'Version', offset, 2, 0x0007),
  );
  return out;
}

/** The GRE header; optional fields follow the flags that announce them, then the payload by EtherType. */
export function dissectGre(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const flags = view.u16(offset);
  const proto = view.u16(offset + 2);
  const version = flags & 0x7;
  const children: Field[] = [
    flagsField(view, offset),
    uint(view, 'gre.proto', 'Protocol Type', offset + 2, 2, etherTypeText),
  ];
  let at = offset + 4;
  if (flags & 0xc000) {
    children.push(
      uint(view, 'gre.checksum', 'Checksum', at, 2, (v) => hex(v, 4)),
      uint(view, 'gre.offset', 'Offset', at + 2, 2),
    );
    at += 4;
  }
  if (flags & 0x2000) {
    if (version === 1)
      children.push(
        uint(view, 'gre.key.payload_length', 'Payload Length', at, 2),
        uint(view, 'gre.key.call_id', 'Call ID', at + 2, 2),
      );
    else children.push(uint(view, 'gre.key', 'Key', at, 4, (v) => hex(v, 8)));
    at += 4;
  }
  if (flags & 0x1000) {
    children.push(uint(view, 'gre.sequence_number', 'Sequence Number', at, 4));
    at += 4;
  }
  if (version === 1 && flags & 0x0080) {
    children.push(uint(view, 'gre.ack_number', 'Acknowledgment Number', at, 4));
    at += 4;
  }
  setSummary(ctx, { protocol: 'GRE', info: `Encapsulated ${etherTypeText(proto)}` });
  const label = `Generic Routing Encapsulation (${etherTypeText(proto)})`;
  return {
    field: field('gre', label, offset, at - offset, undefined, children),
    next: { table: 'ethertype', key: proto, offset: at, end: view.end },
  };
}
