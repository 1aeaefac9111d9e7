// SPDX-License-Identifier: MIT
/**
 * Geneve (RFC 8926) on UDP 6081: an 8-byte base header (version, option length in 4-byte words,
 * O and C flags, the payload's protocol type, a 24-bit VNI), variable-length options, then the
 * payload by its protocol type: an Ethernet frame (0x6558) or a bare IPv4/IPv6 packet.
 */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { bits, bytesField, field, flag, uint, warn } from './field.ts';
import { hex, plural } from './format.ts';
import { ETHERTYPE_NAMES, etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const BASE = 8;

function flagsField(view: ByteView, offset: number): Field {
  const out = uint(view, 'geneve.flags', 'Flags', offset, 1, (v) => hex(v, 2));
  out.children.push(
    flag(view, 'geneve.flags.oam', 'Operations, Administration and Management Frame', offset, 1, 0x80, [
      'True',
      'False',
    ]),
    flag(view, 'geneve.flags.critical', 'Critical Options Present', offset, 1, 0x40, ['True', 'False']),
    bits(view, 'geneve.flags.reserved', 'Reserved', offset, 1, 0x3f),
  );
  return out;
}

/** One option: class, type (top bit: critical), 3 reserved bits, data length in words, data. */
function optionField(view: ByteView, offset: number, end: number): Field {
  const words = view.u8(offset + 3) & 0x1f;
  const length = Math.min(4 + 4 * words, end - offset);
  const children = [
    uint(view, 'geneve.option.class', 'Class', offset, 2, (v) => hex(v, 4)),
    uint(view, 'geneve.option.type', 'Type', offset + 2, 1, (v) => hex(v, 2)),
    flag(view, 'geneve.option.type.critical', 'Critical Option', offset + 2, 1, 0x80, ['True', 'False']),
    bits(view, 'geneve.option.flags.reserved', 'Reserved', offset + 3, 1, 0xe0),
    bits(view, 'geneve.option.length', 'Length', offset + 3, 1, 0x1f, (v) => plural(4 + 4 * v, 'byte')),
  ];
  if (length > 4)
    children.push(bytesField(view, 'geneve.option.data', 'Option Data', offset + 4, length - 4));
  const label = `Option, Class: ${hex(view.u16(offset), 4)} Type: ${hex(view.u8(offset + 2), 2)}`;
  return field('geneve.option', label, offset, length, undefined, children);
}

function optionsField(view: ByteView, offset: number, length: number): Field {
  const children: Field[] = [];
  for (let at = offset; at + 4 <= offset + length; ) {
    const option = optionField(view, at, offset + length);
    children.push(option);
    at += option.range.length;
  }
  return field('geneve.options', `Options: (${plural(length, 'byte')})`, offset, length, undefined, children);
}

/** The Geneve header and options; the payload goes by protocol type (like an EtherType). */
export function dissectGeneve(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const layer = view.end - offset;
  const first = view.u8(offset);
  const version = first >> 6;
  const optLength = 4 * (first & 0x3f);
  const proto = view.u16(offset + 2);
  const children: Field[] = [bits(view, 'geneve.version', 'Version', offset, 1, 0xc0)];
  // tshark warns about versions other than 0 yet still decodes the rest.
  if (version !== 0) children.push(warn('geneve.version.unknown', `Unknown version ${version}`, offset, 1));
  children.push(
    bits(view, 'geneve.option.len', 'Options Length', offset, 1, 0x3f, (v) => plural(4 * v, 'byte')),
  );
  if (layer >= 2) children.push(flagsField(view, offset + 1));
  if (layer >= 4)
    children.push(uint(view, 'geneve.proto_type', 'Protocol Type', offset + 2, 2, etherTypeText));
  if (layer >= 7) children.push(uint(view, 'geneve.vni', 'Virtual Network Identifier (VNI)', offset + 4, 3));
  if (layer >= BASE)
    children.push(uint(view, 'geneve.reserved', 'Reserved', offset + 7, 1, (v) => hex(v, 2)));
  const name = layer >= 4 ? `Encapsulated ${ETHERTYPE_NAMES[proto] ?? hex(proto, 4)}` : '';
  const vniText = layer >= 7 ? `, VNI: ${hex(view.u24(offset + 4), 6)}` : '';
  const title = `Generic Network Virtualization Encapsulation${vniText}`;
  if (layer < BASE + optLength) {
    children.push(warn('malformed', 'Geneve header runs past the UDP payload', offset, layer));
    // tshark names the packet after the header it could not finish.
    setSummary(ctx, { protocol: 'Geneve', info: `${name}[Malformed Packet]` });
    return { field: field('geneve', title, offset, Math.min(layer, BASE), undefined, children) };
  }
  if (optLength > 0) children.push(optionsField(view, offset + BASE, optLength));
  setSummary(ctx, { protocol: 'Geneve', info: name });
  const at = offset + BASE + optLength;
  return {
    field: field('geneve', title, offset, BASE + optLength, undefined, children),
    next: { table: 'ethertype', key: proto, offset: at, end: view.end },
  };
}
