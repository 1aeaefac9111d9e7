// SPDX-License-Identifier: MIT
/** IPv6 fixed header (RFC 8200 §3), with notes on IPv4-mapped and IPv4-compatible addresses. */
import type { ByteView } from './byte-view.ts';
import { addresses, setMetaOnce, setPayloadOffset, setSummary } from './context.ts';
import { bits, field, teach, uint, warn } from './field.ts';
import { formatIpv4, formatIpv6, hex, isIpv4Compatible, isIpv4Mapped } from './format.ts';
import { dsField } from './ipv4.ts';
import { ipProtocolText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

/** A teaching note for an IPv6 address that carries an IPv4 address in its last 4 bytes. */
function embeddedIpv4Note(bytes: Uint8Array, offset: number): Field | undefined {
  const v4 = formatIpv4(bytes.subarray(12, 16));
  if (isIpv4Mapped(bytes)) {
    const note = teach(
      'teach.ipv4_mapped',
      `IPv4-mapped IPv6 address: ::ffff:${v4} stands for the IPv4 address ${v4} (RFC 4291 §2.5.5.2). ` +
        `Dual-stack sockets show IPv4 peers this way, but this packet is IPv6 on the wire: ` +
        `"ip host ${v4}" does not match it, "ip6 host ::ffff:${v4}" does`,
      offset + 12,
      4,
    );
    note.value = v4;
    return note;
  }
  if (isIpv4Compatible(bytes)) {
    const note = teach(
      'teach.ipv4_compatible',
      `IPv4-compatible IPv6 address (deprecated, RFC 4291 §2.5.5.1): ::${v4} embeds the IPv4 address ${v4}; ` +
        `an "ip host ${v4}" filter does not match it`,
      offset + 12,
      4,
    );
    note.value = v4;
    return note;
  }
  return undefined;
}

/** An IPv6 address field, with a teaching child when it embeds an IPv4 address. */
export function ipv6AddressField(view: ByteView, name: string, title: string, offset: number): Field {
  const bytes = view.slice(offset, 16);
  const text = formatIpv6(bytes);
  const out = field(name, `${title}: ${text}`, offset, 16, text);
  const note = bytes.length === 16 ? embeddedIpv4Note(bytes, offset) : undefined;
  if (note) out.children.push(note);
  return out;
}

/** The 40-byte IPv6 header; extension headers and the upper layer follow by next-header number. */
export function dissectIpv6(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const version = view.u8(offset) >> 4;
  const plen = view.u16(offset + 4);
  const nxt = view.u8(offset + 6);
  const src = ipv6AddressField(view, 'ipv6.src', 'Source Address', offset + 8);
  const dst = ipv6AddressField(view, 'ipv6.dst', 'Destination Address', offset + 24);
  const children: Field[] = [
    bits(view, 'ipv6.version', 'Version', offset, 1, 0xf0),
    dsField(view, 'ipv6.tclass', offset, 4, { ds: 0x0ff00000, dscp: 0x0fc00000, ecn: 0x00300000 }),
    bits(view, 'ipv6.flow', 'Flow Label', offset + 1, 3, 0x0fffff, (v) => hex(v, 5)),
    uint(view, 'ipv6.plen', 'Payload Length', offset + 4, 2),
    uint(view, 'ipv6.nxt', 'Next Header', offset + 6, 1, ipProtocolText),
    uint(view, 'ipv6.hlim', 'Hop Limit', offset + 7, 1),
    src,
    dst,
  ];
  setMetaOnce(ctx, { networkOffset: offset });
  if (version !== 6)
    children.push(warn('ipv6.bogus_version', `Bogus IPv6 version ${version}, expected 6`, offset, 1));
  // Payload length 0 means a jumbogram (RFC 2675) or a TSO capture: the frame decides.
  let end = plen === 0 ? view.end : offset + 40 + plen;
  if (end > view.end) {
    children.push(warn('ipv6.plen.past_end', `Payload length ${plen} runs past the frame`, offset + 4, 2));
    end = view.end;
  }
  ctx.ip = {
    version: 6,
    src: view.slice(offset + 8, 16),
    dst: view.slice(offset + 24, 16),
    ttl: view.u8(offset + 7),
  };
  addresses(ctx, String(src.value), String(dst.value));
  setSummary(ctx, { protocol: 'IPv6', info: ipProtocolText(nxt) });
  setPayloadOffset(ctx, offset + 40, false);
  const label = `Internet Protocol Version 6, Src: ${src.value}, Dst: ${dst.value}`;
  return {
    field: field('ipv6', label, offset, 40, undefined, children),
    next: { table: 'ipproto', key: nxt, offset: offset + 40, end },
  };
}
