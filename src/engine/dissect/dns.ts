// SPDX-License-Identifier: MIT
/** DNS messages (RFC 1035 §4.1) over UDP and, with a 2-byte length prefix, over TCP (§4.2.2). */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { type DnsMessage, question, resourceRecord } from './dns-rr.ts';
import { bits, field, flag, uint, warn } from './field.ts';
import { hex, plural } from './format.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const OPCODES: Readonly<Record<number, string>> = {
  0: 'Standard query',
  1: 'Inverse query',
  2: 'Server status request',
  4: 'Zone change notification',
  5: 'Dynamic update',
};

const RCODES: Readonly<Record<number, string>> = {
  0: 'No error',
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
};

/** One bit field of the flags word; some only mean something in a response. */
interface FlagBit {
  name: string;
  title: string;
  mask: number;
  words?: readonly [string, string];
  show?: (v: number) => string;
  responseOnly?: boolean;
}

const FLAG_BITS: readonly FlagBit[] = [
  {
    name: 'response',
    title: 'Response',
    mask: 0x8000,
    words: ['Message is a response', 'Message is a query'],
  },
  { name: 'opcode', title: 'Opcode', mask: 0x7800, show: (v) => `${OPCODES[v] ?? 'Unknown'} (${v})` },
  {
    name: 'authoritative',
    title: 'Authoritative',
    mask: 0x0400,
    words: ['Server is an authority for domain', 'Server is not an authority for domain'],
    responseOnly: true,
  },
  {
    name: 'truncated',
    title: 'Truncated',
    mask: 0x0200,
    words: ['Message is truncated', 'Message is not truncated'],
  },
  {
    name: 'recdesired',
    title: 'Recursion desired',
    mask: 0x0100,
    words: ['Do query recursively', "Don't do query recursively"],
  },
  {
    name: 'recavail',
    title: 'Recursion available',
    mask: 0x0080,
    words: ['Server can do recursive queries', "Server can't do recursive queries"],
    responseOnly: true,
  },
  { name: 'z', title: 'Z', mask: 0x0040, words: ['reserved (1)', 'reserved (0)'] },
  {
    name: 'authenticated',
    title: 'Answer authenticated',
    mask: 0x0020,
    words: [
      'Answer/authority portion was authenticated by the server',
      'Answer/authority portion was not authenticated by the server',
    ],
    responseOnly: true,
  },
  {
    name: 'checkdisable',
    title: 'Non-authenticated data',
    mask: 0x0010,
    words: ['Acceptable', 'Unacceptable'],
  },
  {
    name: 'rcode',
    title: 'Reply code',
    mask: 0x000f,
    show: (v) => `${RCODES[v] ?? 'Unknown'} (${v})`,
    responseOnly: true,
  },
];

/** The 16-bit flags word, each flag its own bit field (as tshark, response-only ones on responses). */
function flagsField(view: ByteView, at: number): Field {
  const flags = view.u16(at);
  const response = (flags & 0x8000) !== 0;
  const opcode = OPCODES[(flags >> 11) & 0xf] ?? 'Unknown operation';
  const out = uint(
    view,
    'dns.flags',
    'Flags',
    at,
    2,
    (v) => `${hex(v, 4)} ${opcode}${response ? ' response' : ''}`,
  );
  for (const b of FLAG_BITS) {
    if (b.responseOnly && !response) continue;
    const name = `dns.flags.${b.name}`;
    out.children.push(
      b.words
        ? flag(view, name, b.title, at, 2, b.mask, b.words)
        : bits(view, name, b.title, at, 2, b.mask, b.show),
    );
  }
  return out;
}

const SECTIONS: readonly [string, string][] = [
  ['dns.answers', 'Answers'],
  ['dns.authorities', 'Authoritative nameservers'],
  ['dns.additionals', 'Additional records'],
];

/** Questions then the three record sections, each stopping where the message ends. */
function sections(msg: DnsMessage, counts: number[], words: string[]): Field[] {
  const { view } = msg;
  const out: Field[] = [];
  let at = msg.start + 12;
  const groups: [string, string, number][] = [
    ['dns.queries', 'Queries', counts[0]!],
    ...SECTIONS.map(([n, t], i) => [n, t, counts[i + 1]!] as [string, string, number]),
  ];
  for (const [index, [name, title, count]] of groups.entries()) {
    if (count === 0 || at >= view.captured) continue;
    const start = at;
    const entries: Field[] = [];
    for (let i = 0; i < count && at < Math.min(msg.end, view.captured); i++) {
      const entry = index === 0 ? question(msg, at) : resourceRecord(msg, at);
      entries.push(entry.field);
      // tshark's Info lists every question and record; one cut short by the capture says nothing.
      if (entry.text && view.has(entry.field.range.offset, entry.field.range.length)) words.push(entry.text);
      if (entry.next <= at) break;
      at = entry.next;
    }
    // Fewer entries than announced: a malformed message, unless the capture simply stopped first.
    if (entries.length < count && (msg.end <= view.captured || at < view.captured)) {
      const text = `${plural(count, 'entry', 'entries')} announced, ${entries.length} found before the message ends`;
      entries.push(warn('dns.count.mismatch', text, at, 0));
    }
    out.push(field(name, title, start, at - start, undefined, entries));
  }
  return out;
}

function infoText(view: ByteView, at: number, words: string[]): string {
  const flags = view.u16(at + 2);
  const opcode = OPCODES[(flags >> 11) & 0xf] ?? 'Unknown operation';
  const response = (flags & 0x8000) !== 0;
  const rcode = flags & 0xf;
  const head = `${opcode}${response ? ' response' : ''} ${hex(view.u16(at), 4)}`;
  const error = response && rcode !== 0 ? ` ${RCODES[rcode] ?? `Unknown error ${rcode}`}` : '';
  return `${head}${error}${words.length ? ` ${words.join(' ')}` : ''}`;
}

/** A DNS message from `offset` to the layer's end. */
function dnsMessage(view: ByteView, offset: number, ctx: DissectContext, prefix: Field[]): LayerResult {
  const end = view.end;
  const msg: DnsMessage = { view, start: offset, end };
  const counts = [4, 6, 8, 10].map((d) => view.u16(offset + d));
  const response = (view.u16(offset + 2) & 0x8000) !== 0;
  const children = [
    ...prefix,
    uint(view, 'dns.id', 'Transaction ID', offset, 2, (v) => hex(v, 4)),
    flagsField(view, offset + 2),
    uint(view, 'dns.count.queries', 'Questions', offset + 4, 2),
    uint(view, 'dns.count.answers', 'Answer RRs', offset + 6, 2),
    uint(view, 'dns.count.auth_rr', 'Authority RRs', offset + 8, 2),
    uint(view, 'dns.count.add_rr', 'Additional RRs', offset + 10, 2),
  ];
  const words: string[] = [];
  if (end - offset >= 12) children.push(...sections(msg, counts, words));
  setSummary(ctx, { protocol: 'DNS', info: infoText(view, offset, words) });
  const start = prefix.length > 0 ? offset - 2 : offset;
  return {
    field: field(
      'dns',
      `Domain Name System (${response ? 'response' : 'query'})`,
      start,
      end - start,
      undefined,
      children,
    ),
  };
}

/** DNS over UDP: the datagram is one message. */
export function dissectDns(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  return dnsMessage(view, offset, ctx, []);
}

/** DNS over TCP: a 2-byte length, then the message (this segment's first message only). */
export function dissectDnsTcp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const length = view.u16(offset);
  const inner = view.withEnd(Math.min(view.end, offset + 2 + length));
  return dnsMessage(inner, offset + 2, ctx, [uint(view, 'dns.length', 'Length', offset, 2)]);
}
