// SPDX-License-Identifier: MIT
/**
 * IPv6 extension headers (RFC 8200 §4): hop-by-hop and destination options, routing, fragment,
 * and the authentication header (RFC 4302), which IPv4 may carry too.
 */
import type { ByteView } from './byte-view.ts';
import { setFragmentSummary, setPayloadOffset, setSummary } from './context.ts';
import { bits, bytesField, field, flag, teach, uint, warn } from './field.ts';
import { hex, plural } from './format.ts';
import { ipv6AddressField } from './ipv6.ts';
import { ipProtocolShort, ipProtocolText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'Pad1',
  1: 'PadN',
  5: 'Router Alert',
  194: 'Jumbo Payload',
  201: 'Home Address',
};

/** The option type byte: action on unknown (2 bits), may-change flag, rest. */
function optionType(view: ByteView, at: number): Field {
  const out = uint(
    view,
    'ipv6.opt.type',
    'Type',
    at,
    1,
    (v) => `${OPTION_NAMES[v] ?? 'Unknown'} (${hex(v, 2)})`,
  );
  out.children.push(
    bits(view, 'ipv6.opt.type.action', 'Action', at, 1, 0xc0),
    flag(view, 'ipv6.opt.type.change', 'May Change', at, 1, 0x20, ['Yes', 'No']),
    bits(view, 'ipv6.opt.type.rest', 'Low-Order Bits', at, 1, 0x1f, (v) => hex(v, 2)),
  );
  return out;
}

function optionBody(view: ByteView, type: number, at: number, length: number): Field[] {
  if (type === 0x05 && length === 2) return [uint(view, 'ipv6.opt.router_alert', 'Router Alert', at + 2, 2)];
  if (type === 0xc2 && length === 4) return [uint(view, 'ipv6.opt.jumbo', 'Payload Length', at + 2, 4)];
  if (type === 0x01) return length > 0 ? [bytesField(view, 'ipv6.opt.padn', 'PadN', at + 2, length)] : [];
  return length > 0 ? [bytesField(view, 'ipv6.opt.data', 'Data', at + 2, length)] : [];
}

/** Type-length-value options in `[start, end)` (RFC 8200 §4.2). */
function tlvOptions(view: ByteView, start: number, end: number): Field[] {
  const out: Field[] = [];
  let at = start;
  while (at < Math.min(end, view.captured)) {
    const type = view.u8(at);
    if (type === 0) {
      out.push(field('ipv6.opt.pad1', 'Pad1', at, 1, 0, [optionType(view, at)]));
      at += 1;
      continue;
    }
    const length = view.u8(at + 1);
    if (at + 2 + length > end) {
      out.push(warn('ipv6.opt.len.invalid', `Option length ${length} runs past the header`, at, end - at));
      break;
    }
    const name = OPTION_NAMES[type] ?? `Unknown option (${hex(type, 2)})`;
    const children = [
      optionType(view, at),
      uint(view, 'ipv6.opt.length', 'Length', at + 1, 1),
      ...optionBody(view, type, at, length),
    ];
    out.push(field('ipv6.opt', name, at, 2 + length, type, children));
    at += 2 + length;
  }
  return out;
}

/** Common start of an 8-octet-unit extension header: next header, length, and its byte size. */
function extHeader(
  view: ByteView,
  offset: number,
  prefix: string,
): { size: number; nxt: number; head: Field[] } {
  const nxt = view.u8(offset);
  const size = (view.u8(offset + 1) + 1) * 8;
  const head = [
    uint(view, `${prefix}.nxt`, 'Next Header', offset, 1, ipProtocolText),
    uint(view, `${prefix}.len`, 'Length', offset + 1, 1, (v) => `${v} (${plural((v + 1) * 8, 'byte')})`),
  ];
  return { size, nxt, head };
}

function optionsHeader(
  view: ByteView,
  offset: number,
  ctx: DissectContext,
  prefix: string,
  title: string,
): LayerResult {
  const { size, nxt, head } = extHeader(view, offset, prefix);
  const end = Math.min(offset + size, view.end);
  const children = [...head, ...tlvOptions(view, offset + 2, end)];
  // The flow dissector skips option headers: poff moves past them.
  setPayloadOffset(ctx, offset + size, false);
  setSummary(ctx, { info: ipProtocolText(nxt) });
  return {
    field: field(prefix, `${title}, Length: ${size}`, offset, size, undefined, children),
    next: { table: 'ipproto', key: nxt, offset: offset + size, end: view.end },
  };
}

/** Hop-by-hop options (next header 0). */
export function dissectHopByHop(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  return optionsHeader(view, offset, ctx, 'ipv6.hopopts', 'IPv6 Hop-by-Hop Option');
}

/** Destination options (next header 60). */
export function dissectDestOptions(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  return optionsHeader(view, offset, ctx, 'ipv6.dstopts', 'Destination Options for IPv6');
}

function routingBody(view: ByteView, offset: number, type: number, size: number): Field[] {
  const end = offset + size;
  if (type === 0 || type === 2 || type === 4) {
    const out: Field[] = [];
    if (type === 4) {
      out.push(
        uint(view, 'ipv6.routing.srh.last_entry', 'Last Entry', offset + 4, 1),
        uint(view, 'ipv6.routing.srh.flags', 'Flags', offset + 5, 1, (v) => hex(v, 2)),
        uint(view, 'ipv6.routing.srh.tag', 'Tag', offset + 6, 2, (v) => hex(v, 4)),
      );
    } else {
      out.push(bytesField(view, 'ipv6.routing.reserved', 'Reserved', offset + 4, 4));
    }
    const name =
      type === 0
        ? 'ipv6.routing.src.addr'
        : type === 2
          ? 'ipv6.routing.mipv6.home_address'
          : 'ipv6.routing.srh.addr';
    for (let at = offset + 8; at + 16 <= end; at += 16) out.push(ipv6AddressField(view, name, 'Address', at));
    return out;
  }
  return size > 4 ? [bytesField(view, 'ipv6.routing.unknown_data', 'Data', offset + 4, size - 4)] : [];
}

/** Routing header (next header 43): type 0 (deprecated), 2 (Mobile IPv6), 4 (segment routing). */
export function dissectRouting(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const { size, nxt, head } = extHeader(view, offset, 'ipv6.routing');
  const type = view.u8(offset + 2);
  const children = [
    ...head,
    uint(view, 'ipv6.routing.type', 'Type', offset + 2, 1),
    uint(view, 'ipv6.routing.segleft', 'Segments Left', offset + 3, 1),
    ...routingBody(view, offset, type, size),
  ];
  setPayloadOffset(ctx, offset + size, false);
  setSummary(ctx, { info: ipProtocolText(nxt) });
  return {
    field: field('ipv6.routing', `Routing Header for IPv6 (type ${type})`, offset, size, undefined, children),
    next: { table: 'ipproto', key: nxt, offset: offset + size, end: view.end },
  };
}

/** Fragment header (next header 44): 13-bit offset in 8-byte units, M flag, identification. */
export function dissectFragment6(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const nxt = view.u8(offset);
  const word = view.u16(offset + 2);
  const fragOffset = word >> 3;
  const children = [
    uint(view, 'ipv6.fraghdr.nxt', 'Next header', offset, 1, ipProtocolText),
    uint(view, 'ipv6.fraghdr.reserved_octet', 'Reserved octet', offset + 1, 1, (v) => hex(v, 2)),
    bits(view, 'ipv6.fraghdr.offset', 'Offset', offset + 2, 2, 0xfff8, (v) => `${v} (${v * 8} bytes)`),
    bits(view, 'ipv6.fraghdr.reserved_bits', 'Reserved bits', offset + 2, 2, 0x0006),
    flag(view, 'ipv6.fraghdr.more', 'More Fragments', offset + 2, 2, 0x0001, ['Yes', 'No']),
    uint(view, 'ipv6.fraghdr.ident', 'Identification', offset + 4, 4, (v) => hex(v, 8)),
  ];
  const more = (word & 1) === 1;
  const ident = hex(view.u32(offset + 4), 8);
  const text = `IPv6 fragment (off=${fragOffset * 8} more=${more ? 'y' : 'n'} ident=${ident} nxt=${nxt})`;
  // As for IPv4: only a later fragment, with no upper-layer header, is summarised as a fragment.
  if (fragOffset !== 0) setFragmentSummary(ctx, 'IPv6', text);
  else setSummary(ctx, { info: text });
  const out = field(
    'ipv6.fraghdr',
    `Fragment Header for IPv6, offset ${fragOffset * 8}`,
    offset,
    8,
    undefined,
    children,
  );
  setPayloadOffset(ctx, offset + 8, fragOffset !== 0);
  if (fragOffset !== 0) {
    out.children.push(
      teach(
        'teach.fragment',
        `No transport header here: fragment offset ${fragOffset} (byte ${fragOffset * 8} of the original ` +
          `${ipProtocolShort(nxt)} payload); only the first fragment carries the upper-layer header`,
        offset + 2,
        2,
      ),
    );
    return { field: out, next: { table: 'data', offset: offset + 8, end: view.end, label: 'Fragment data' } };
  }
  return { field: out, next: { table: 'ipproto', key: nxt, offset: offset + 8, end: view.end } };
}

/** Authentication header (protocol 51): its length counts 4-byte units minus 2 (RFC 4302 §2.2). */
export function dissectAh(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const nxt = view.u8(offset);
  const size = (view.u8(offset + 1) + 2) * 4;
  const children = [
    uint(view, 'ah.next_header', 'Next header', offset, 1, ipProtocolText),
    uint(view, 'ah.length', 'Length', offset + 1, 1, (v) => `${v} (${plural((v + 2) * 4, 'byte')})`),
    bytesField(view, 'ah.reserved', 'Reserved', offset + 2, 2),
    uint(view, 'ah.spi', 'AH SPI', offset + 4, 4, (v) => hex(v, 8)),
    uint(view, 'ah.sequence', 'AH Sequence', offset + 8, 4),
  ];
  if (size > 12) children.push(bytesField(view, 'ah.icv', 'AH ICV', offset + 12, size - 12));
  // The kernel's flow dissector does not step over AH, so poff stops at its start.
  setPayloadOffset(ctx, offset, true);
  setSummary(ctx, { protocol: 'AH', info: `AH (SPI=${hex(view.u32(offset + 4), 8)})` });
  return {
    field: field('ah', 'Authentication Header', offset, size, undefined, children),
    next: { table: 'ipproto', key: nxt, offset: offset + size, end: view.end },
  };
}
