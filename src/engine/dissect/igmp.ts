// SPDX-License-Identifier: MIT
/** IGMP v1 (RFC 1112), v2 (RFC 2236) and v3 (RFC 3376); the version follows from type and length. */
import type { ByteView } from './byte-view.ts';
import { checksumField } from './checksum-field.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { bits, bytesField, field, flag, uint } from './field.ts';
import { formatIpv4, hex } from './format.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  17: 'Membership Query',
  18: 'Membership Report',
  22: 'Membership Report',
  23: 'Leave Group',
  34: 'Membership Report',
};

const RECORD_TYPES = [
  '',
  'Mode Is Include',
  'Mode Is Exclude',
  'Change To Include Mode',
  'Change To Exclude Mode',
  'Allow New Sources',
  'Block Old Sources',
];

/** RFC 3376 §4.1.1: a query of 12 or more bytes is v3; shorter ones are v2, or v1 when Max Resp is 0. */
export function igmpVersion(type: number, length: number, maxResp: number): number {
  if (type === 0x11) return length >= 12 ? 3 : maxResp === 0 ? 1 : 2;
  if (type === 0x22) return 3;
  if (type === 0x16 || type === 0x17) return 2;
  return 1;
}

function address(view: ByteView, name: string, title: string, at: number): Field {
  const text = formatIpv4(view.slice(at, 4));
  return field(name, `${title}: ${text}`, at, 4, text);
}

function sources(view: ByteView, at: number, count: number, end: number): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < count && at + 4 <= Math.min(end, view.captured); i++, at += 4)
    out.push(address(view, 'igmp.saddr', 'Source Address', at));
  return out;
}

function v3Query(view: ByteView, offset: number, end: number): Field[] {
  const count = view.u16(offset + 10);
  return [
    address(view, 'igmp.maddr', 'Multicast Address', offset + 4),
    bits(view, 'igmp.reserved', 'Reserved', offset + 8, 1, 0xf0),
    flag(view, 'igmp.s', 'S', offset + 8, 1, 0x08, [
      'Suppress router side processing',
      'Do not suppress router side processing',
    ]),
    bits(view, 'igmp.qrv', 'QRV', offset + 8, 1, 0x07),
    uint(view, 'igmp.qqic', 'QQIC', offset + 9, 1),
    uint(view, 'igmp.num_src', 'Num Src', offset + 10, 2),
    ...sources(view, offset + 12, count, end),
  ];
}

/** v3 report group records (RFC 3376 §4.2.4); returns the words for the summary. */
function v3Report(view: ByteView, offset: number, end: number, words: string[]): Field[] {
  const groups = view.u16(offset + 6);
  const out: Field[] = [
    bytesField(view, 'igmp.reserved', 'Reserved', offset + 4, 2),
    uint(view, 'igmp.num_grp_recs', 'Num Group Records', offset + 6, 2),
  ];
  let at = offset + 8;
  for (let g = 0; g < groups && at + 8 <= Math.min(end, view.captured); g++) {
    const type = view.u8(at);
    const aux = view.u8(at + 1) * 4;
    const count = view.u16(at + 2);
    const size = 8 + count * 4 + aux;
    const group = formatIpv4(view.slice(at + 4, 4));
    const join = type === 2 || type === 4 ? 'Join' : 'Leave';
    words.push(`${join} group ${group} for ${count === 0 ? 'any sources' : `${count} sources`}`);
    const children = [
      uint(view, 'igmp.record_type', 'Record Type', at, 1, (v) => `${RECORD_TYPES[v] ?? 'Unknown'} (${v})`),
      uint(view, 'igmp.aux_data_len', 'Aux Data Len', at + 1, 1),
      uint(view, 'igmp.num_src', 'Num Src', at + 2, 2),
      address(view, 'igmp.maddr', 'Multicast Address', at + 4),
      ...sources(view, at + 8, count, end),
    ];
    if (aux > 0) children.push(bytesField(view, 'igmp.aux_data', 'Aux Data', at + 8 + count * 4, aux));
    out.push(
      field(
        'igmp.record',
        `Group Record : ${group}  ${RECORD_TYPES[type] ?? 'Unknown'}`,
        at,
        size,
        undefined,
        children,
      ),
    );
    at += size;
  }
  return out;
}

function infoText(type: number, group: string, words: string[]): string {
  const name = TYPE_NAMES[type] ?? `Unknown Type:${hex(type, 2)}`;
  if (type === 0x11) return group === '0.0.0.0' ? `${name}, general` : `${name}, specific for group ${group}`;
  if (type === 0x22) return `${name} / ${words.join(' / ')}`;
  if (type === 0x17) return `${name} ${group}`;
  return `${name} group ${group}`;
}

/** The IGMP message at `offset`; the checksum covers the whole message. */
export function dissectIgmp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const end = view.end;
  const type = view.u8(offset);
  const version = igmpVersion(type, end - offset, view.u8(offset + 1));
  const children: Field[] = [
    field('igmp.version', `IGMP Version: ${version} (from type and length)`, offset, 0, version),
    uint(view, 'igmp.type', 'Type', offset, 1, (v) => `${TYPE_NAMES[v] ?? 'Unknown'} (${hex(v, 2)})`),
    version === 1
      ? bytesField(view, 'igmp.unused', 'Unused', offset + 1, 1)
      : uint(view, 'igmp.max_resp', 'Max Resp Time', offset + 1, 1, (v) => `${v / 10} sec (${hex(v, 2)})`),
    checksumField(view, 'igmp.checksum', 'Checksum', offset + 2, offset, end - offset).field,
  ];
  const words: string[] = [];
  if (version === 3 && type === 0x11) children.push(...v3Query(view, offset, end));
  else if (type === 0x22) children.push(...v3Report(view, offset, end, words));
  else children.push(address(view, 'igmp.maddr', 'Multicast Address', offset + 4));
  setPayloadOffset(ctx, offset + 8, true);
  setSummary(ctx, {
    protocol: `IGMPv${version}`,
    info: view.has(offset, 8)
      ? infoText(type, formatIpv4(view.slice(offset + 4, 4)), words)
      : (TYPE_NAMES[type] ?? 'IGMP'),
  });
  return {
    field: field(
      'igmp',
      `Internet Group Management Protocol, version ${version}`,
      offset,
      end - offset,
      undefined,
      children,
    ),
  };
}
