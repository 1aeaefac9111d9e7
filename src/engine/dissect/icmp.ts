// SPDX-License-Identifier: MIT
/** ICMP for IPv4 (RFC 792): echo, errors with the quoted datagram, timestamps. */
import type { ByteView } from './byte-view.ts';
import { checksumField } from './checksum-field.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { bytesField, dataField, field, uint } from './field.ts';
import { formatIpv4, hex } from './format.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  17: 'Address mask request',
  18: 'Address mask reply',
};

const CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  3: [
    'Network unreachable',
    'Host unreachable',
    'Protocol unreachable',
    'Port unreachable',
    'Fragmentation needed',
    'Source route failed',
    'Destination network unknown',
    'Destination host unknown',
    'Source host isolated',
    'Network administratively prohibited',
    'Host administratively prohibited',
    'Network unreachable for TOS',
    'Host unreachable for TOS',
    'Communication administratively filtered',
    'Host precedence violation',
    'Precedence cutoff in effect',
  ],
  5: [
    'Redirect for network',
    'Redirect for host',
    'Redirect for TOS and network',
    'Redirect for TOS and host',
  ],
  11: ['Time to live exceeded in transit', 'Fragment reassembly time exceeded'],
  12: ['Pointer indicates the error', 'Required option missing', 'Bad length'],
};

/** Types whose body quotes the offending datagram's header and first 8 bytes. */
const ERROR_TYPES: readonly number[] = [3, 4, 5, 11, 12];

function codeName(type: number, code: number): string | undefined {
  return CODE_NAMES[type]?.[code];
}

/** The 4 bytes after the checksum of an error message. */
function errorWord(view: ByteView, offset: number, type: number, code: number): Field[] {
  if (type === 3 && code === 4) {
    return [
      bytesField(view, 'icmp.unused', 'Unused', offset + 4, 2),
      uint(view, 'icmp.mtu', 'MTU of next hop', offset + 6, 2),
    ];
  }
  if (type === 5) {
    const gw = formatIpv4(view.slice(offset + 4, 4));
    return [field('icmp.redir_gw', `Gateway address: ${gw}`, offset + 4, 4, gw)];
  }
  if (type === 12) {
    return [
      uint(view, 'icmp.pointer', 'Pointer', offset + 4, 1),
      bytesField(view, 'icmp.unused', 'Unused', offset + 5, 3),
    ];
  }
  return [bytesField(view, 'icmp.unused', 'Unused', offset + 4, 4)];
}

function echoFields(view: ByteView, offset: number, end: number): Field[] {
  const out = [
    uint(view, 'icmp.ident', 'Identifier (BE)', offset + 4, 2, (v) => `${v} (${hex(v, 4)})`),
    uint(view, 'icmp.seq', 'Sequence Number (BE)', offset + 6, 2, (v) => `${v} (${hex(v, 4)})`),
  ];
  if (end > offset + 8) out.push(dataField(view, offset + 8, end - offset - 8));
  return out;
}

function timestampFields(view: ByteView, offset: number): Field[] {
  return [
    uint(view, 'icmp.ident', 'Identifier (BE)', offset + 4, 2),
    uint(view, 'icmp.seq', 'Sequence Number (BE)', offset + 6, 2),
    uint(
      view,
      'icmp.originate_timestamp',
      'Originate timestamp',
      offset + 8,
      4,
      (v) => `${v} ms after midnight UTC`,
    ),
    uint(
      view,
      'icmp.receive_timestamp',
      'Receive timestamp',
      offset + 12,
      4,
      (v) => `${v} ms after midnight UTC`,
    ),
    uint(
      view,
      'icmp.transmit_timestamp',
      'Transmit timestamp',
      offset + 16,
      4,
      (v) => `${v} ms after midnight UTC`,
    ),
  ];
}

function infoText(view: ByteView, offset: number, type: number, code: number, ctx: DissectContext): string {
  const name = TYPE_NAMES[type] ?? `Unknown ICMP (type ${type})`;
  if (type === 0 || type === 8) {
    const id = view.u16(offset + 4);
    const seq = view.u16(offset + 6);
    const le = ((seq & 0xff) << 8) | (seq >> 8);
    // tshark pads the two echo names to one width before the id.
    return `${name.padEnd(21)}id=${hex(id, 4)}, seq=${seq}/${le}, ttl=${ctx.ip?.ttl ?? 0}`;
  }
  const codeText = codeName(type, code);
  return codeText ? `${name} (${codeText})` : name;
}

/** The ICMP message at `offset`, up to the end of the IP payload. */
export function dissectIcmp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const type = view.u8(offset);
  const code = view.u8(offset + 1);
  const end = view.end;
  const codeText = codeName(type, code);
  const children: Field[] = [
    uint(view, 'icmp.type', 'Type', offset, 1, (v) => `${v} (${TYPE_NAMES[v] ?? 'Unknown'})`),
    uint(view, 'icmp.code', 'Code', offset + 1, 1, (v) => (codeText ? `${v} (${codeText})` : String(v))),
    checksumField(view, 'icmp.checksum', 'Checksum', offset + 2, offset, end - offset).field,
  ];
  const info = view.has(offset, 8) ? infoText(view, offset, type, code, ctx) : (TYPE_NAMES[type] ?? 'ICMP');
  setSummary(ctx, { protocol: 'ICMP', info });
  setPayloadOffset(ctx, offset + 8, true);
  if (type === 0 || type === 8) children.push(...echoFields(view, offset, end));
  else if (type === 13 || type === 14) children.push(...timestampFields(view, offset));
  else if (ERROR_TYPES.includes(type)) {
    children.push(...errorWord(view, offset, type, code));
    // The quoted datagram: its own IP header and the first bytes of its payload.
    const quoted = ctx.nested({ table: 'ethertype', key: 0x0800, offset: offset + 8, end }, true);
    children.push(...quoted);
  } else if (end > offset + 4) children.push(dataField(view, offset + 4, end - offset - 4));
  const label = 'Internet Control Message Protocol';
  return { field: field('icmp', label, offset, end - offset, undefined, children) };
}
