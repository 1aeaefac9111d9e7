// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { dissect } from './dissect.ts';
import { createTcpConversations } from './tcp-seq.ts';
import { find, findAll, hexToBytes } from './testdata/tree.ts';

// Ethernet + IPv4 (DF, TTL 64, correct checksum) + TCP SYN with MSS, SACK-permitted, timestamps,
// NOP and window scale 7, built by hand.
const SYN = hexToBytes(`
  020000000002 020000000001 0800
  45 00 003c 1234 4000 40 06 3c51 c0000201 c6336402
  c738 0050 000003e8 00000000 a0 02 faf0 0000 0000
  020405b4 0402 080a0000000100000000 01 030307`);

describe('IPv4 header', () => {
  const { fields } = dissect(SYN, 1);

  it('ties every field to its bytes and bits', () => {
    expect(find(fields, 'ip.version').range).toEqual({ offset: 14, length: 1, bitMask: 0xf0 });
    expect(find(fields, 'ip.version').value).toBe(4);
    expect(find(fields, 'ip.hdr_len')).toMatchObject({
      value: 5,
      range: { offset: 14, length: 1, bitMask: 0x0f },
    });
    expect(find(fields, 'ip.hdr_len').label).toContain('20 bytes (5)');
    expect(find(fields, 'ip.dsfield.dscp').range).toEqual({ offset: 15, length: 1, bitMask: 0xfc });
    expect(find(fields, 'ip.dsfield.ecn').range).toEqual({ offset: 15, length: 1, bitMask: 0x03 });
    expect(find(fields, 'ip.len')).toMatchObject({ value: 60, range: { offset: 16, length: 2 } });
    expect(find(fields, 'ip.id')).toMatchObject({ value: 0x1234, label: 'Identification: 0x1234 (4660)' });
    expect(find(fields, 'ip.ttl')).toMatchObject({ value: 64, range: { offset: 22, length: 1 } });
    expect(find(fields, 'ip.proto')).toMatchObject({ value: 6, label: 'Protocol: TCP (6)' });
    expect(find(fields, 'ip.src')).toMatchObject({ value: '192.0.2.1', label: 'Source Address: 192.0.2.1' });
    expect(find(fields, 'ip.dst')).toMatchObject({ value: '198.51.100.2', range: { offset: 30, length: 4 } });
  });

  it('shows flags as bits of byte 20 and the fragment offset as 13 bits of bytes 20-21', () => {
    expect(find(fields, 'ip.flags')).toMatchObject({
      value: 2,
      range: { offset: 20, length: 1, bitMask: 0xe0 },
    });
    expect(find(fields, 'ip.flags').label).toBe("010. .... = Flags: 0x2, Don't fragment");
    expect(find(fields, 'ip.flags.rb')).toMatchObject({ value: 0, range: { bitMask: 0x80 } });
    expect(find(fields, 'ip.flags.df')).toMatchObject({
      value: 1,
      range: { offset: 20, length: 1, bitMask: 0x40 },
    });
    expect(find(fields, 'ip.flags.mf')).toMatchObject({ value: 0, range: { bitMask: 0x20 } });
    expect(find(fields, 'ip.frag_offset').range).toEqual({ offset: 20, length: 2, bitMask: 0x1fff });
  });

  it('verifies the header checksum', () => {
    expect(find(fields, 'ip.checksum').label).toBe('Header Checksum: 0x3c51 [correct]');
    expect(find(fields, 'ip.checksum.status').value).toBe('good');
    const bad = SYN.slice();
    bad[25] = 0x52;
    const f = find(dissect(bad, 1).fields, 'ip.checksum');
    expect(f.label).toBe('Header Checksum: 0x3c52 [incorrect, should be 0x3c51]');
    expect(f.note).toBe('warning');
    expect(find(f.children, 'ip.checksum.status').value).toBe('bad');
  });

  it('decodes DSCP/ECN and options (router alert)', () => {
    const frame = hexToBytes(`020000000002 020000000001 0800
      46 b9 0020 1234 0000 40 11 e6a4 c0000201 c6336402 94040000 0001 0002 0008 0000`);
    const f = dissect(frame, 1).fields;
    expect(find(f, 'ip.dsfield').label).toBe('Differentiated Services Field: 0xb9 (DSCP: EF, ECN: ECT(1))');
    expect(find(f, 'ip.dsfield.dscp').value).toBe(46);
    expect(find(f, 'ip.dsfield.ecn').value).toBe(1);
    expect(find(f, 'ip.options').range).toEqual({ offset: 34, length: 4 });
    expect(find(f, 'ip.opt.type').value).toBe(148);
    expect(find(f, 'ip.opt.type.copy')).toMatchObject({
      value: 1,
      range: { offset: 34, length: 1, bitMask: 0x80 },
    });
    expect(find(f, 'ip.opt.type.number').value).toBe(20);
    expect(find(f, 'ip.opt.len').value).toBe(4);
    expect(find(f, 'ip.opt.ra')).toMatchObject({ value: 0, range: { offset: 36, length: 2 } });
    expect(find(f, 'ip').range).toEqual({ offset: 14, length: 24 });
    expect(find(f, 'udp.srcport').range.offset).toBe(38);
  });

  it('says a non-first fragment has no transport header', () => {
    const frame = hexToBytes(`020000000002 020000000001 0800
      45 00 0024 1234 20b9 40 11 5ba5 c0000201 c6336402 ${'aa'.repeat(16)}`);
    const d = dissect(frame, 1);
    expect(find(d.fields, 'ip.frag_offset').value).toBe(185);
    expect(find(d.fields, 'ip.flags.mf').value).toBe(1);
    const note = find(d.fields, 'teach.fragment');
    expect(note.note).toBe('teaching');
    expect(note.label).toContain('No transport header here: fragment offset 185 (byte 1480');
    expect(findAll(d.fields, 'udp')).toHaveLength(0);
    expect(find(d.fields, 'data')).toMatchObject({ range: { offset: 34, length: 16 } });
    expect(d.summary).toMatchObject({
      protocol: 'IPv4',
      info: 'Fragmented IP protocol (proto=UDP 17, off=1480, ID=1234)',
    });
    expect(d.meta.payloadOffset).toBe(34);
  });

  it('reports a bogus header length and stops', () => {
    const frame = SYN.slice();
    frame[14] = 0x44;
    const d = dissect(frame, 1);
    expect(find(d.fields, 'ip.bogus').note).toBe('warning');
    expect(findAll(d.fields, 'tcp')).toHaveLength(0);
  });
});

describe('TCP header', () => {
  const { fields, summary } = dissect(SYN, 1);

  it('has ports, raw sequence numbers and the data offset', () => {
    expect(find(fields, 'tcp.srcport')).toMatchObject({ value: 51000, range: { offset: 34, length: 2 } });
    expect(find(fields, 'tcp.dstport')).toMatchObject({ value: 80, range: { offset: 36, length: 2 } });
    expect(find(fields, 'tcp.seq_raw')).toMatchObject({ value: 1000, range: { offset: 38, length: 4 } });
    expect(find(fields, 'tcp.ack_raw')).toMatchObject({ value: 0, range: { offset: 42, length: 4 } });
    expect(find(fields, 'tcp.hdr_len')).toMatchObject({
      value: 10,
      range: { offset: 46, length: 1, bitMask: 0xf0 },
    });
    expect(find(fields, 'tcp.window_size_value').value).toBe(64240);
    expect(find(fields, 'tcp').range).toEqual({ offset: 34, length: 40 });
  });

  it('gives every flag its own bit in the byte that holds it', () => {
    expect(find(fields, 'tcp.flags')).toMatchObject({
      value: 2,
      range: { offset: 46, length: 2, bitMask: 0x0fff },
    });
    expect(find(fields, 'tcp.flags').label).toBe('.... 0000 0000 0010 = Flags: 0x002 (SYN)');
    const expected: [string, number, number][] = [
      ['tcp.flags.res', 46, 0x0e],
      ['tcp.flags.ae', 46, 0x01],
      ['tcp.flags.cwr', 47, 0x80],
      ['tcp.flags.ece', 47, 0x40],
      ['tcp.flags.urg', 47, 0x20],
      ['tcp.flags.ack', 47, 0x10],
      ['tcp.flags.push', 47, 0x08],
      ['tcp.flags.reset', 47, 0x04],
      ['tcp.flags.syn', 47, 0x02],
      ['tcp.flags.fin', 47, 0x01],
    ];
    const children = find(fields, 'tcp.flags').children;
    expect(children.map((c) => c.name)).toEqual(expected.map(([n]) => n));
    for (const [name, offset, mask] of expected) {
      expect(find(children, name).range).toEqual({ offset, length: 1, bitMask: mask });
      expect(find(children, name).value).toBe(name === 'tcp.flags.syn' ? 1 : 0);
    }
  });

  it('decodes options with their own ranges', () => {
    expect(findAll(fields, 'tcp.option_kind').map((f) => f.value)).toEqual([2, 4, 8, 1, 3]);
    expect(find(fields, 'tcp.options.mss_val')).toMatchObject({
      value: 1460,
      range: { offset: 56, length: 2 },
    });
    expect(find(fields, 'tcp.options.sack_perm').range).toEqual({ offset: 58, length: 2 });
    expect(find(fields, 'tcp.options.timestamp.tsval')).toMatchObject({
      value: 1,
      range: { offset: 62, length: 4 },
    });
    expect(find(fields, 'tcp.options.timestamp.tsecr')).toMatchObject({
      value: 0,
      range: { offset: 66, length: 4 },
    });
    expect(find(fields, 'tcp.options.nop').range).toEqual({ offset: 70, length: 1 });
    expect(find(fields, 'tcp.options.wscale.shift')).toMatchObject({
      value: 7,
      range: { offset: 73, length: 1 },
    });
    expect(find(fields, 'tcp.options.wscale.multiplier').value).toBe(128);
  });

  it('summarises like tshark', () => {
    expect(summary).toEqual({
      source: '192.0.2.1',
      destination: '198.51.100.2',
      protocol: 'TCP',
      length: 74,
      info: '51000 → 80 [SYN] Seq=1000 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=128',
    });
  });

  it('reports an option whose length does not fit', () => {
    const bad = SYN.slice();
    bad[55] = 40;
    const warnings = findAll(dissect(bad, 1).fields, 'tcp.option.len.invalid');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.note).toBe('warning');
  });
});

describe('TCP conversations', () => {
  /** A segment between 192.0.2.1:51000 and 198.51.100.2:80 (checksums are not verified). */
  function segment(fromClient: boolean, seq: number, ack: number, flags: number, options = ''): Uint8Array {
    const words = 5 + options.length / 8;
    const [sport, dport] = fromClient ? ['c738', '0050'] : ['0050', 'c738'];
    const [src, dst] = fromClient ? ['c0000201', 'c6336402'] : ['c6336402', 'c0000201'];
    const total = (20 + words * 4).toString(16).padStart(4, '0');
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
    return hexToBytes(`020000000002 020000000001 0800 45 00 ${total} 0000 4000 40 06 0000 ${src} ${dst}
      ${sport} ${dport} ${hex(seq, 8)} ${hex(ack, 8)} ${hex(words << 4, 2)} ${hex(flags, 2)} 0200 0000 0000 ${options}`);
  }

  it('counts sequence numbers from each side and scales windows after both SYNs', () => {
    const table = createTcpConversations();
    const info = (b: Uint8Array) => dissect(b, 1, { tcpConversations: table }).summary.info;
    expect(info(segment(true, 5000, 0, 0x02, '03030701'))).toBe(
      '51000 → 80 [SYN] Seq=0 Win=512 Len=0 WS=128',
    );
    expect(info(segment(false, 9000, 5001, 0x12, '03030201'))).toBe(
      '80 → 51000 [SYN, ACK] Seq=0 Ack=1 Win=512 Len=0 WS=4',
    );
    expect(info(segment(true, 5001, 9001, 0x10))).toBe('51000 → 80 [ACK] Seq=1 Ack=1 Win=65536 Len=0');
    expect(info(segment(false, 9001, 5001, 0x11))).toBe('80 → 51000 [FIN, ACK] Seq=1 Ack=1 Win=2048 Len=0');
  });

  it('joining mid-stream, counts the first segment seen as 1 (as tshark does)', () => {
    const table = createTcpConversations();
    const info = (b: Uint8Array) => dissect(b, 1, { tcpConversations: table }).summary.info;
    expect(info(segment(true, 700, 300, 0x10))).toBe('51000 → 80 [ACK] Seq=1 Ack=1 Win=512 Len=0');
    expect(info(segment(false, 300, 700, 0x10))).toBe('80 → 51000 [ACK] Seq=1 Ack=1 Win=512 Len=0');
  });

  it('without a table shows raw numbers', () => {
    expect(dissect(segment(true, 5001, 9001, 0x10), 1).summary.info).toBe(
      '51000 → 80 [ACK] Seq=5001 Ack=9001 Win=512 Len=0',
    );
  });
});
