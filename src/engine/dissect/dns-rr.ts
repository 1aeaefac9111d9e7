// SPDX-License-Identifier: MIT
/** DNS questions and resource records (RFC 1035 §4.1.2–4.1.3, RFC 3596 AAAA, RFC 6891 OPT). */
import type { ByteView } from './byte-view.ts';
import { nameField, readName } from './dns-name.ts';
import { bytesField, field, uint } from './field.ts';
import { formatIpv4, formatIpv6, hex } from './format.ts';
import type { Field } from './types.ts';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  64: 'SVCB',
  65: 'HTTPS',
  252: 'AXFR',
  255: 'ANY',
};

const CLASS_NAMES: Readonly<Record<number, string>> = { 1: 'IN', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };

/** `A`, `AAAA`… or `Unknown (N)`. */
export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `Unknown (${type})`;
}

function typeText(type: number): string {
  return `${typeName(type)} (${type})`;
}

function classText(cls: number): string {
  return `${CLASS_NAMES[cls] ?? 'Unknown'} (${hex(cls, 4)})`;
}

/** Where a message sits in the frame: compression pointers are relative to `start`. */
export interface DnsMessage {
  view: ByteView;
  start: number;
  end: number;
}

/** One entry of the question section; `next` is where the following entry starts. */
export function question(msg: DnsMessage, offset: number): { field: Field; next: number; text: string } {
  const { view } = msg;
  const wire = readName(view, msg.start, msg.end, offset);
  const at = offset + wire.length;
  const type = view.u16(at);
  const children = [
    nameField('dns.qry.name', 'Name', wire, offset, msg.start),
    uint(view, 'dns.qry.type', 'Type', at, 2, typeText),
    uint(view, 'dns.qry.class', 'Class', at + 2, 2, classText),
  ];
  const label = `${wire.name}: type ${typeName(type)}, class ${CLASS_NAMES[view.u16(at + 2)] ?? view.u16(at + 2)}`;
  return {
    field: field('dns.query', label, offset, wire.length + 4, undefined, children),
    next: at + 4,
    text: `${typeName(type)} ${wire.name}`,
  };
}

/** A name inside RDATA (it may use compression too). */
function rdataName(msg: DnsMessage, name: string, title: string, at: number): Field {
  return nameField(name, title, readName(msg.view, msg.start, msg.end, at), at, msg.start);
}

function soaFields(msg: DnsMessage, at: number): Field[] {
  const { view } = msg;
  const mname = readName(view, msg.start, msg.end, at);
  const rname = readName(view, msg.start, msg.end, at + mname.length);
  const n = at + mname.length + rname.length;
  return [
    nameField('dns.soa.mname', 'Primary name server', mname, at, msg.start),
    nameField('dns.soa.rname', "Responsible authority's mailbox", rname, at + mname.length, msg.start),
    uint(view, 'dns.soa.serial_number', 'Serial Number', n, 4),
    uint(view, 'dns.soa.refresh_interval', 'Refresh Interval', n + 4, 4),
    uint(view, 'dns.soa.retry_interval', 'Retry Interval', n + 8, 4),
    uint(view, 'dns.soa.expire_limit', 'Expire limit', n + 12, 4),
    uint(view, 'dns.soa.minimum_ttl', 'Minimum TTL', n + 16, 4),
  ];
}

function txtFields(view: ByteView, at: number, end: number): Field[] {
  const out: Field[] = [];
  while (at < Math.min(end, view.captured)) {
    const len = view.u8(at);
    const text = Array.from(view.slice(at + 1, Math.min(len, end - at - 1)), (c) =>
      String.fromCharCode(c),
    ).join('');
    out.push(
      uint(view, 'dns.txt.length', 'TXT Length', at, 1),
      field('dns.txt', `TXT: ${text}`, at + 1, len, text),
    );
    at += 1 + len;
  }
  return out;
}

/** RDATA fields by type, and the short text tshark's Info column gives the record. */
function rdata(msg: DnsMessage, type: number, at: number, len: number): { fields: Field[]; text: string } {
  const { view } = msg;
  if (type === 1 && len === 4) {
    const a = formatIpv4(view.slice(at, 4));
    return { fields: [field('dns.a', `Address: ${a}`, at, 4, a)], text: a };
  }
  if (type === 28 && len === 16) {
    const a = formatIpv6(view.slice(at, 16));
    return { fields: [field('dns.aaaa', `AAAA Address: ${a}`, at, 16, a)], text: a };
  }
  const names: Readonly<Record<number, [string, string]>> = {
    2: ['dns.ns', 'Name Server'],
    5: ['dns.cname', 'CNAME'],
    12: ['dns.ptr.domain_name', 'Domain Name'],
  };
  const named = names[type];
  if (named) {
    const f = rdataName(msg, named[0], named[1], at);
    return { fields: [f], text: String(f.value) };
  }
  if (type === 15) {
    const f = rdataName(msg, 'dns.mx.mail_exchange', 'Mail Exchange', at + 2);
    return {
      fields: [uint(view, 'dns.mx.preference', 'Preference', at, 2), f],
      text: `${view.u16(at)} ${f.value}`,
    };
  }
  if (type === 6) {
    const fields = soaFields(msg, at);
    return { fields, text: String(fields[0]!.value) };
  }
  if (type === 16) return { fields: txtFields(view, at, at + len), text: '' };
  return { fields: len > 0 ? [bytesField(view, 'dns.data', 'Data', at, len)] : [], text: '' };
}

/** The OPT pseudo-record's class and TTL mean payload size and extended flags (RFC 6891 §6.1.3). */
function optFields(view: ByteView, at: number): Field[] {
  return [
    uint(view, 'dns.rr.udp_payload_size', 'UDP payload size', at + 2, 2),
    uint(view, 'dns.resp.ext_rcode', 'Higher bits in extended RCODE', at + 4, 1, (v) => hex(v, 2)),
    uint(view, 'dns.resp.edns0_version', 'EDNS0 version', at + 5, 1),
    uint(view, 'dns.resp.z', 'Z', at + 6, 2, (v) => hex(v, 4)),
  ];
}

/** One resource record; `next` is where the following one starts. */
export function resourceRecord(
  msg: DnsMessage,
  offset: number,
): { field: Field; next: number; text: string } {
  const { view } = msg;
  const wire = readName(view, msg.start, msg.end, offset);
  const at = offset + wire.length;
  const type = view.u16(at);
  const len = view.u16(at + 8);
  const head = [
    nameField('dns.resp.name', 'Name', wire, offset, msg.start),
    uint(view, 'dns.resp.type', 'Type', at, 2, typeText),
  ];
  const middle =
    type === 41
      ? optFields(view, at)
      : [
          uint(view, 'dns.resp.class', 'Class', at + 2, 2, classText),
          uint(view, 'dns.resp.ttl', 'Time to live', at + 4, 4),
        ];
  const data = rdata(msg, type, at + 10, len);
  const children = [...head, ...middle, uint(view, 'dns.resp.len', 'Data length', at + 8, 2), ...data.fields];
  const text = `${typeName(type)}${data.text ? ` ${data.text}` : ''}`;
  const label =
    type === 41
      ? `${wire.name}: type OPT`
      : `${wire.name}: type ${typeName(type)}, class ${CLASS_NAMES[view.u16(at + 2)] ?? view.u16(at + 2)}${data.text ? `, ${data.text}` : ''}`;
  return {
    field: field('dns.rr', label, offset, wire.length + 10 + len, undefined, children),
    next: at + 10 + len,
    text,
  };
}
