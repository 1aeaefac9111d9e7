// SPDX-License-Identifier: MIT
/** IPv4 (RFC 791): header fields with their bits, verified header checksum, options, fragments. */
import type { ByteView } from './byte-view.ts';
import { checksumField } from './checksum-field.ts';
import { addresses, setFragmentSummary, setMetaOnce, setPayloadOffset, setSummary } from './context.ts';
import { bits, field, flag, readUint, teach, uint, warn } from './field.ts';
import { formatIpv4, hex, maskedValue } from './format.ts';
import { ipv4Options } from './ipv4-options.ts';
import { ipProtocolShort, ipProtocolText } from './names.ts';
import type { DissectContext, Field, LayerResult, Next } from './types.ts';

const ECN_NAMES = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];

/** DSCP code point name (RFC 2474 class selectors, RFC 3246 EF, RFC 2597 AF). */
export function dscpName(dscp: number): string {
  if (dscp === 0) return 'CS0';
  if (dscp === 46) return 'EF';
  if ((dscp & 0x07) === 0) return `CS${dscp >> 3}`;
  const af = dscp >> 3;
  const drop = (dscp >> 1) & 0x03;
  if (af >= 1 && af <= 4 && (dscp & 1) === 0 && drop >= 1) return `AF${af}${drop}`;
  return String(dscp);
}

/** Bit masks of a DS byte wherever it sits (byte 1 of IPv4, bits 4–11 of IPv6's first word). */
export interface DsMasks {
  ds: number;
  dscp: number;
  ecn: number;
}

/** The DS field (RFC 2474, former TOS byte / traffic class) with its DSCP and ECN parts. */
export function dsField(view: ByteView, name: string, offset: number, length: number, masks: DsMasks): Field {
  const ds = maskedValue(readUint(view, offset, length), masks.ds);
  const title = name === 'ip.dsfield' ? 'Differentiated Services Field' : 'Traffic Class';
  const out =
    length === 1
      ? uint(view, name, title, offset, 1, (v) => hex(v, 2))
      : bits(view, name, title, offset, length, masks.ds, (v) => hex(v, 2));
  out.label += ` (DSCP: ${dscpName(ds >> 2)}, ECN: ${ECN_NAMES[ds & 3]})`;
  out.children.push(
    bits(
      view,
      `${name}.dscp`,
      'Differentiated Services Codepoint',
      offset,
      length,
      masks.dscp,
      (v) => `${dscpName(v)} (${v})`,
    ),
    bits(
      view,
      `${name}.ecn`,
      'Explicit Congestion Notification',
      offset,
      length,
      masks.ecn,
      (v) => `${ECN_NAMES[v]} (${v})`,
    ),
  );
  return out;
}

/** Flags (3 bits) and fragment offset (13 bits) sharing bytes 6–7. */
function fragmentFields(view: ByteView, offset: number): Field[] {
  const flagBits = view.u8(offset) >> 5;
  const words = [flagBits & 2 ? "Don't fragment" : '', flagBits & 1 ? 'More fragments' : ''].filter(Boolean);
  const flags = bits(
    view,
    'ip.flags',
    'Flags',
    offset,
    1,
    0xe0,
    (v) => `${hex(v, 1)}${words.length ? `, ${words.join(', ')}` : ''}`,
  );
  flags.children.push(
    flag(view, 'ip.flags.rb', 'Reserved bit', offset, 1, 0x80),
    flag(view, 'ip.flags.df', "Don't fragment", offset, 1, 0x40),
    flag(view, 'ip.flags.mf', 'More fragments', offset, 1, 0x20),
  );
  const fragOffset = bits(
    view,
    'ip.frag_offset',
    'Fragment Offset',
    offset,
    2,
    0x1fff,
    (v) => `${v} (${v * 8} bytes)`,
  );
  return [flags, fragOffset];
}

/** Where the payload of a non-first fragment goes: nowhere, with a note saying why. */
function fragmentNote(fragOffset: number, start: number, headerEnd: number, proto: number): Field {
  return teach(
    'teach.fragment',
    `No transport header here: fragment offset ${fragOffset} (byte ${fragOffset * 8} of the original ` +
      `${ipProtocolShort(proto)} datagram). A filter reading ports from this packet reads payload bytes; ` +
      `tcpdump's port filters test ip[6:2] & 0x1fff == 0 first for this reason`,
    start + 6,
    headerEnd - start - 6,
  );
}

function headerChildren(view: ByteView, offset: number, hlen: number): Field[] {
  const checksum = checksumField(view, 'ip.checksum', 'Header Checksum', offset + 10, offset, hlen);
  const children = [
    bits(view, 'ip.version', 'Version', offset, 1, 0xf0),
    bits(view, 'ip.hdr_len', 'Header Length', offset, 1, 0x0f, (n) => `${n * 4} bytes (${n})`),
    dsField(view, 'ip.dsfield', offset + 1, 1, { ds: 0xff, dscp: 0xfc, ecn: 0x03 }),
    uint(view, 'ip.len', 'Total Length', offset + 2, 2),
    uint(view, 'ip.id', 'Identification', offset + 4, 2, (n) => `${hex(n, 4)} (${n})`),
    ...fragmentFields(view, offset + 6),
    uint(view, 'ip.ttl', 'Time to Live', offset + 8, 1),
    uint(view, 'ip.proto', 'Protocol', offset + 9, 1, ipProtocolText),
    checksum.field,
    addressField(view, 'ip.src', 'Source Address', offset + 12),
    addressField(view, 'ip.dst', 'Destination Address', offset + 16),
  ];
  if (hlen > 20) children.push(ipv4Options(view, offset + 20, offset + hlen));
  return children;
}

function addressField(view: ByteView, name: string, title: string, offset: number): Field {
  const text = formatIpv4(view.slice(offset, 4));
  return field(name, `${title}: ${text}`, offset, 4, text);
}

/** A header too short or of the wrong version: show the offending bits and stop. */
function bogusHeader(
  view: ByteView,
  offset: number,
  version: number,
  hlen: number,
  ctx: DissectContext,
): LayerResult {
  const badVersion = version !== 4;
  const why = badVersion
    ? `version ${version}, expected 4`
    : `header length ${hlen} bytes, at least 20 expected`;
  setSummary(ctx, { protocol: 'IPv4', info: `Bogus IPv4 header (${why})` });
  const culprit = badVersion
    ? bits(view, 'ip.version', 'Version', offset, 1, 0xf0)
    : bits(view, 'ip.hdr_len', 'Header Length', offset, 1, 0x0f);
  const children = [culprit, warn('ip.bogus', `Bogus IPv4 header: ${why}`, offset, 1)];
  return { field: field('ip', 'Internet Protocol Version 4 (bogus)', offset, 1, undefined, children) };
}

/** Where the datagram ends, by its total length, with a warning when that cannot be right. */
function datagramEnd(view: ByteView, offset: number, total: number, hlen: number, children: Field[]): number {
  // A total length of 0 is what TSO-offloaded captures record: the frame decides then.
  if (total === 0) return view.end;
  if (total < hlen) {
    children.push(
      warn('ip.bogus_ip_length', `Total length ${total} is shorter than the header (${hlen})`, offset + 2, 2),
    );
    return offset + hlen;
  }
  if (offset + total > view.end) {
    const text = `Total length ${total} runs past the frame (${view.end - offset} bytes)`;
    children.push(warn('ip.len.past_end', text, offset + 2, 2));
    return view.end;
  }
  return offset + total;
}

/** The IPv4 header at `offset`; the payload goes by protocol number unless this is a later fragment. */
export function dissectIpv4(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const version = view.u8(offset) >> 4;
  const hlen = (view.u8(offset) & 0x0f) * 4;
  setMetaOnce(ctx, { networkOffset: offset });
  if (version !== 4 || hlen < 20) return bogusHeader(view, offset, version, hlen, ctx);
  const proto = view.u8(offset + 9);
  const fragWord = view.u16(offset + 6);
  const fragOffset = fragWord & 0x1fff;
  const src = formatIpv4(view.slice(offset + 12, 4));
  const dst = formatIpv4(view.slice(offset + 16, 4));
  const children = headerChildren(view, offset, hlen);
  const end = datagramEnd(view, offset, view.u16(offset + 2), hlen, children);
  ctx.ip = {
    version: 4,
    src: view.slice(offset + 12, 4),
    dst: view.slice(offset + 16, 4),
    ttl: view.u8(offset + 8),
  };
  addresses(ctx, src, dst);
  const headerEnd = offset + hlen;
  setSummary(ctx, { protocol: 'IPv4', info: ipProtocolText(proto) });
  let next: Next = { table: 'ipproto', key: proto, offset: headerEnd, end };
  if ((fragWord & 0x2000) !== 0 || fragOffset !== 0) {
    const id = hex(view.u16(offset + 4), 4).slice(2);
    const text = `Fragmented IP protocol (proto=${ipProtocolShort(proto)}, off=${fragOffset * 8}, ID=${id})`;
    // A first fragment still carries the transport header, whose layer then speaks for the packet
    // (as tshark does without reassembly); a later one has only payload.
    if (fragOffset !== 0) setFragmentSummary(ctx, 'IPv4', text);
    else setSummary(ctx, { info: text });
  }
  // The flow dissector's thoff: the end of the IP header; a later fragment has no transport header.
  setPayloadOffset(ctx, headerEnd, fragOffset !== 0);
  if (fragOffset !== 0) {
    children.push(fragmentNote(fragOffset, offset, headerEnd, proto));
    next = { table: 'data', offset: headerEnd, end, label: 'Fragment data' };
  }
  const label = `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`;
  return { field: field('ip', label, offset, hlen, undefined, children), next };
}
