// SPDX-License-Identifier: MIT
/** TCP (RFC 9293): ports, sequence numbers, data offset, each flag as its own bit field, options. */
import type { ByteView } from './byte-view.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { bits, field, flag, uint, warn } from './field.ts';
import { hex } from './format.ts';
import { type TcpOptions, tcpOptions } from './tcp-options.ts';
import { tcpNumbers } from './tcp-seq.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

/** Flag bits of bytes 12–13 (mask over the 16-bit word), low bit first as tshark lists them. */
const FLAGS: readonly [string, string, string, number][] = [
  ['tcp.flags.fin', 'Fin', 'FIN', 0x001],
  ['tcp.flags.syn', 'Syn', 'SYN', 0x002],
  ['tcp.flags.reset', 'Reset', 'RST', 0x004],
  ['tcp.flags.push', 'Push', 'PSH', 0x008],
  ['tcp.flags.ack', 'Acknowledgment', 'ACK', 0x010],
  ['tcp.flags.urg', 'Urgent', 'URG', 0x020],
  ['tcp.flags.ece', 'ECN-Echo', 'ECE', 0x040],
  ['tcp.flags.cwr', 'Congestion Window Reduced', 'CWR', 0x080],
  ['tcp.flags.ae', 'Accurate ECN', 'AE', 0x100],
];

/** Names of the flags set in a 12-bit flags value (`SYN, ACK`). */
export function flagNames(flags: number): string[] {
  return FLAGS.filter(([, , , bit]) => (flags & bit) !== 0).map(([, , short]) => short);
}

/**
 * The flags field (12 bits over bytes 12–13) with one child per flag. Each child covers the one
 * byte that holds it, the byte a `ldb` + `jset` reads.
 */
function flagsField(view: ByteView, offset: number): Field {
  const value = view.u16(offset + 12) & 0x0fff;
  const names = flagNames(value);
  const out = bits(
    view,
    'tcp.flags',
    'Flags',
    offset + 12,
    2,
    0x0fff,
    (v) => `${hex(v, 3)}${names.length ? ` (${names.join(', ')})` : ''}`,
  );
  out.children.push(
    bits(view, 'tcp.flags.res', 'Reserved', offset + 12, 1, 0x0e, (v) => (v ? `Set (${v})` : 'Not set')),
  );
  for (const [name, title, , bit] of [...FLAGS].reverse()) {
    const inFirstByte = bit > 0xff;
    out.children.push(
      flag(view, name, title, offset + (inFirstByte ? 12 : 13), 1, inFirstByte ? bit >> 8 : bit),
    );
  }
  return out;
}

function infoText(
  view: ByteView,
  offset: number,
  payload: number,
  options: TcpOptions | undefined,
  ctx: DissectContext,
): string {
  const sport = view.u16(offset);
  const dport = view.u16(offset + 2);
  const flags = view.u16(offset + 12) & 0x0fff;
  const segment = {
    from: `${ctx.summary.source}:${sport}`,
    to: `${ctx.summary.destination}:${dport}`,
    seq: view.u32(offset + 4),
    ack: view.u32(offset + 8),
    syn: (flags & 0x002) !== 0,
    ackFlag: (flags & 0x010) !== 0,
    window: view.u16(offset + 14),
    wsShift: options?.wsShift ?? -1,
  };
  const n = tcpNumbers(ctx.embedded ? undefined : ctx.tcpConversations, segment);
  const parts = [`${sport} → ${dport} [${flagNames(flags).join(', ')}] Seq=${n.seq}`];
  if (segment.ackFlag) parts.push(`Ack=${n.ack}`);
  parts.push(`Win=${n.window}`, `Len=${payload}`, ...(options?.words ?? []));
  return parts.join(' ');
}

/** The TCP header at `offset`; the payload goes by port (lower port first). */
export function dissectTcp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const hlen = (view.u8(offset + 12) >> 4) * 4;
  const children: Field[] = [
    uint(view, 'tcp.srcport', 'Source Port', offset, 2),
    uint(view, 'tcp.dstport', 'Destination Port', offset + 2, 2),
    uint(view, 'tcp.seq_raw', 'Sequence Number (raw)', offset + 4, 4),
    uint(view, 'tcp.ack_raw', 'Acknowledgment number (raw)', offset + 8, 4),
    bits(view, 'tcp.hdr_len', 'Header Length', offset + 12, 1, 0xf0, (v) => `${v * 4} bytes (${v})`),
    flagsField(view, offset),
    uint(view, 'tcp.window_size_value', 'Window', offset + 14, 2),
    uint(view, 'tcp.checksum', 'Checksum', offset + 16, 2, (v) => `${hex(v, 4)} [unverified]`),
    uint(view, 'tcp.urgent_pointer', 'Urgent Pointer', offset + 18, 2),
  ];
  // The kernel counts at least a 20-byte header for poff, whatever the data offset says.
  setPayloadOffset(ctx, offset + Math.max(20, hlen), true);
  const size = Math.max(20, hlen);
  let options: TcpOptions | undefined;
  if (hlen < 20) {
    children.push(
      warn('tcp.hdr_len.bogus', `Bogus TCP header length (${hlen}, must be at least 20)`, offset + 12, 1),
    );
  } else if (hlen > 20) {
    options = tcpOptions(view, offset + 20, Math.min(offset + hlen, Math.max(view.end, offset + 20)));
    children.push(options.field);
  }
  const payload = Math.max(0, view.end - offset - size);
  const info = view.has(offset, 20)
    ? infoText(view, offset, payload, options, ctx)
    : `${view.u16(offset)} → ${view.u16(offset + 2)} (header cut short)`;
  // Without both ports captured the segment does not name the packet (tshark keeps the IP line).
  if (view.has(offset, 4)) setSummary(ctx, { protocol: 'TCP', info });
  const sport = view.u16(offset);
  const dport = view.u16(offset + 2);
  const label = `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Len: ${payload}`;
  return {
    field: field('tcp', label, offset, size, undefined, children),
    next: { table: 'tcp', ports: [sport, dport], offset: offset + size, end: view.end },
  };
}
