// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { dissect } from './dissect.ts';
import { find, findAll, hexToBytes } from './testdata/tree.ts';

/** A UDP datagram 53 → 40000 around `message` (hex), in Ethernet + IPv4 (checksums not verified). */
function overUdp(message: string): Uint8Array {
  const bytes = hexToBytes(message);
  const udpLength = (8 + bytes.length).toString(16).padStart(4, '0');
  const ipLength = (28 + bytes.length).toString(16).padStart(4, '0');
  return hexToBytes(`020000000002 020000000001 0800 4500 ${ipLength} 0000 4000 4011 0000 c0000235 c0000201
    0035 9c40 ${udpLength} 0000 ${message}`);
}

// A response built by hand (message offsets in brackets): the question example.com MX [12], then
// MX, TXT, AAAA, CNAME, PTR, A answers, an SOA authority record and an EDNS OPT record, with names
// compressed by pointers (c00c = example.com at 12, c02b = mail.example.com inside the MX).
const RESPONSE = `
  1234 8180 0001 0006 0001 0001
  076578616d706c6503636f6d00 000f 0001
  c00c 000f 0001 00000e10 0009 000a 046d61696c c00c
  c00c 0010 0001 0000003c 000d 08 6869207468657265 03 616263
  c00c 001c 0001 00000e10 0010 20010db8000000000000000000000001
  03777777 c00c 0005 0001 00000e10 0002 c00c
  c00c 000c 0001 00000e10 0002 c02b
  c00c 0001 0001 00000e10 0004 c0000201
  c00c 0006 0001 00000e10 0027 036e7331 c00c 0a686f73746d6173746572 c00c
    78a3f175 00001c20 00000384 00127500 0000012c
  00 0029 1000 00008000 0000`;

describe('DNS over UDP', () => {
  const d = dissect(overUdp(RESPONSE), 1);
  const at = (messageOffset: number) => 42 + messageOffset;

  it('has the header with every flag as a bit of the flags word', () => {
    expect(find(d.fields, 'dns.id')).toMatchObject({ value: 0x1234, range: { offset: 42, length: 2 } });
    expect(find(d.fields, 'dns.flags')).toMatchObject({ value: 0x8180, range: { offset: 44, length: 2 } });
    const bits = Object.fromEntries(
      find(d.fields, 'dns.flags').children.map((f) => [f.name, [f.value, f.range.bitMask]]),
    );
    expect(bits).toEqual({
      'dns.flags.response': [1, 0x8000],
      'dns.flags.opcode': [0, 0x7800],
      'dns.flags.authoritative': [0, 0x0400],
      'dns.flags.truncated': [0, 0x0200],
      'dns.flags.recdesired': [1, 0x0100],
      'dns.flags.recavail': [1, 0x0080],
      'dns.flags.z': [0, 0x0040],
      'dns.flags.authenticated': [0, 0x0020],
      'dns.flags.checkdisable': [0, 0x0010],
      'dns.flags.rcode': [0, 0x000f],
    });
    expect(findAll(d.fields, 'dns.count.answers')[0]!.value).toBe(6);
  });

  it('gives each name the bytes it occupies on the wire, following compression', () => {
    expect(find(d.fields, 'dns.qry.name')).toMatchObject({
      value: 'example.com',
      range: { offset: at(12), length: 13 },
    });
    expect(find(d.fields, 'dns.qry.type').value).toBe(15);
    const names = findAll(d.fields, 'dns.resp.name');
    expect(names.map((n) => [n.value, n.range.offset - 42, n.range.length])).toEqual([
      ['example.com', 29, 2],
      ['example.com', 50, 2],
      ['example.com', 75, 2],
      ['www.example.com', 103, 6],
      ['example.com', 121, 2],
      ['example.com', 135, 2],
      ['example.com', 151, 2],
      ['<Root>', 202, 1],
    ]);
    const pointer = find(names[3]!.children, 'dns.name.pointer');
    expect(pointer).toMatchObject({ note: 'teaching', range: { offset: at(107), length: 2 } });
    expect(pointer.label).toContain('continues at message offset 12 (byte 54 of the frame)');
  });

  it('decodes record data by type', () => {
    expect(find(d.fields, 'dns.mx.preference').value).toBe(10);
    expect(find(d.fields, 'dns.mx.mail_exchange')).toMatchObject({
      value: 'mail.example.com',
      range: { offset: at(43), length: 7 },
    });
    expect(findAll(d.fields, 'dns.txt').map((f) => f.value)).toEqual(['hi there', 'abc']);
    expect(find(d.fields, 'dns.aaaa')).toMatchObject({
      value: '2001:db8::1',
      range: { offset: at(87), length: 16 },
    });
    expect(find(d.fields, 'dns.cname')).toMatchObject({
      value: 'example.com',
      range: { offset: at(119), length: 2 },
    });
    const ptr = find(d.fields, 'dns.ptr.domain_name');
    expect(ptr).toMatchObject({ value: 'mail.example.com', range: { offset: at(133), length: 2 } });
    expect(findAll(ptr.children, 'dns.name.pointer').map((p) => p.range.offset - 42)).toEqual([133, 48]);
    expect(find(d.fields, 'dns.a')).toMatchObject({
      value: '192.0.2.1',
      range: { offset: at(147), length: 4 },
    });
    expect(find(d.fields, 'dns.soa.mname').value).toBe('ns1.example.com');
    expect(find(d.fields, 'dns.soa.rname').value).toBe('hostmaster.example.com');
    expect(find(d.fields, 'dns.soa.serial_number').value).toBe(2024010101);
    expect(find(d.fields, 'dns.soa.minimum_ttl')).toMatchObject({
      value: 300,
      range: { offset: at(198), length: 4 },
    });
    expect(find(d.fields, 'dns.rr.udp_payload_size').value).toBe(4096);
    expect(find(d.fields, 'dns').range).toEqual({ offset: 42, length: 213 });
  });

  it('summarises every question and record, as tshark does', () => {
    expect(d.summary).toMatchObject({
      protocol: 'DNS',
      source: '192.0.2.53',
      info:
        'Standard query response 0x1234 MX example.com MX 10 mail.example.com TXT AAAA 2001:db8::1 ' +
        'CNAME example.com PTR mail.example.com A 192.0.2.1 SOA ns1.example.com OPT',
    });
  });

  it('reports a pointer that does not point backwards (a loop) and carries on', () => {
    const loop = dissect(overUdp('0001 0100 0001 0000 0000 0000 c00c 0001 0001'), 1);
    const name = find(loop.fields, 'dns.qry.name');
    expect(name.range).toEqual({ offset: 54, length: 2 });
    expect(find(name.children, 'dns.name.malformed').label).toContain('does not point backwards');
    expect(find(loop.fields, 'dns.qry.type').range.offset).toBe(56);
  });

  it('reports a record count the message does not hold', () => {
    const short = dissect(overUdp('0001 0100 0003 0000 0000 0000 0161 00 0001 0001'), 1);
    expect(find(short.fields, 'dns.count.mismatch').label).toBe(
      '3 entries announced, 1 found before the message ends',
    );
    expect(short.summary.info).toBe('Standard query 0x0001 A a');
  });
});

describe('DNS over TCP', () => {
  it('reads the 2-byte length, then the message', () => {
    const frame = hexToBytes(`020000000002 020000000001 0800 4500 004d 0000 4000 4006 0000 c0000201 c0000235
      9c40 0035 00000001 00000001 5018 ffff 0000 0000
      001d 4242 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 000f 0001`);
    const d = dissect(frame, 1);
    expect(find(d.fields, 'dns.length')).toMatchObject({ value: 29, range: { offset: 54, length: 2 } });
    expect(find(d.fields, 'dns.id')).toMatchObject({ value: 0x4242, range: { offset: 56, length: 2 } });
    expect(find(d.fields, 'dns.qry.name').range).toEqual({ offset: 68, length: 13 });
    expect(find(d.fields, 'dns').range).toEqual({ offset: 54, length: 31 });
    expect(d.summary).toMatchObject({ protocol: 'DNS', info: 'Standard query 0x4242 MX example.com' });
    expect(d.meta.payloadOffset).toBe(54);
  });
});
