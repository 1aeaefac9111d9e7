// SPDX-License-Identifier: MIT
/**
 * A DNS message encoder (RFC 1035) with name compression: every name (in questions, answers and
 * inside CNAME/NS/PTR/MX data) points back at an earlier copy of its longest known suffix.
 */
import { concat, ipv4, ipv6, u16, u32 } from './bytes.ts';

/** Record types the encoder knows by name. */
export const DNS_TYPE = { A: 1, NS: 2, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 } as const;

/** A question: name, type, class (default IN). */
export interface DnsQuestion {
  name: string;
  type: number;
  class?: number;
}

/** Record data, by kind. */
export type DnsData =
  | { a: string }
  | { aaaa: string }
  | { name: string }
  | { mx: { preference: number; exchange: string } }
  | { txt: string[] }
  | { raw: Uint8Array };

/** A resource record. */
export interface DnsRecord {
  name: string;
  type: number;
  class?: number;
  ttl: number;
  data: DnsData;
}

/** Header flags (RFC 1035 §4.1.1). */
export interface DnsFlags {
  response?: boolean;
  opcode?: number;
  authoritative?: boolean;
  truncated?: boolean;
  recursionDesired?: boolean;
  recursionAvailable?: boolean;
  rcode?: number;
}

/** A whole message. */
export interface DnsMessage {
  id: number;
  flags: DnsFlags;
  questions: DnsQuestion[];
  answers?: DnsRecord[];
  authority?: DnsRecord[];
  additional?: DnsRecord[];
}

/** Encode a message; with `tcp` it gets the 2-byte length prefix DNS over TCP uses. */
export function dnsMessage(m: DnsMessage, tcp = false): Uint8Array {
  const w = new NameWriter();
  const f = m.flags;
  const flags =
    (f.response ? 0x8000 : 0) |
    ((f.opcode ?? 0) << 11) |
    (f.authoritative ? 0x400 : 0) |
    (f.truncated ? 0x200 : 0) |
    (f.recursionDesired ? 0x100 : 0) |
    (f.recursionAvailable ? 0x80 : 0) |
    (f.rcode ?? 0);
  const sections = [m.answers ?? [], m.authority ?? [], m.additional ?? []];
  w.push(u16(m.id), u16(flags), u16(m.questions.length), ...sections.map((s) => u16(s.length)));
  for (const q of m.questions) {
    w.name(q.name);
    w.push(u16(q.type), u16(q.class ?? 1));
  }
  for (const r of sections.flat()) writeRecord(w, r);
  const msg = w.bytes();
  return tcp ? concat(u16(msg.length), msg) : msg;
}

function writeRecord(w: NameWriter, r: DnsRecord): void {
  w.name(r.name);
  w.push(u16(r.type), u16(r.class ?? 1), u32(r.ttl));
  const lengthAt = w.length;
  w.push(u16(0));
  const d = r.data;
  if ('a' in d) w.push(ipv4(d.a));
  else if ('aaaa' in d) w.push(ipv6(d.aaaa));
  else if ('name' in d) w.name(d.name);
  else if ('mx' in d) {
    w.push(u16(d.mx.preference));
    w.name(d.mx.exchange);
  } else if ('txt' in d) {
    for (const s of d.txt)
      w.push(
        Uint8Array.of(s.length),
        Uint8Array.from(s, (c) => c.charCodeAt(0)),
      );
  } else w.push(d.raw);
  w.patch16(lengthAt, w.length - lengthAt - 2);
}

/** Accumulates the message and remembers where each name suffix was written. */
class NameWriter {
  private readonly parts: number[] = [];
  private readonly suffixes = new Map<string, number>();

  get length(): number {
    return this.parts.length;
  }

  push(...chunks: Uint8Array[]): void {
    for (const c of chunks) for (const b of c) this.parts.push(b);
  }

  patch16(at: number, value: number): void {
    this.parts[at] = value >> 8;
    this.parts[at + 1] = value & 0xff;
  }

  /** Write a name, ending in a pointer to the longest suffix already written (RFC 1035 §4.1.4). */
  name(name: string): void {
    const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = this.suffixes.get(suffix);
      if (at !== undefined) {
        this.push(u16(0xc000 | at));
        return;
      }
      if (this.length < 0x4000) this.suffixes.set(suffix, this.length);
      const label = labels[i]!;
      this.push(
        Uint8Array.of(label.length),
        Uint8Array.from(label, (c) => c.charCodeAt(0)),
      );
    }
    this.push(Uint8Array.of(0));
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
