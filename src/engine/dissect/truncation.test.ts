// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { dissect } from './dissect.ts';
import { find, findAll, flatten, hexToBytes } from './testdata/tree.ts';

// Ethernet + IPv4 + TCP (PSH, ACK) carrying 8 payload bytes; 62 bytes on the wire.
const FRAME = hexToBytes(`
  020000000002 020000000001 0800
  45 00 0030 1234 4000 40 06 3c5d c0000201 c6336402
  c738 0050 000003e8 000007d0 50 18 faf0 0000 0000
  4745542f20485454`);

describe('truncated frames', () => {
  const d = dissect(FRAME.subarray(0, 40), 1, { wireLength: FRAME.length });

  it('say how much was captured, where the cut is', () => {
    const note = d.fields[0]!;
    expect(note).toMatchObject({
      name: 'teach.truncated',
      note: 'teaching',
      range: { offset: 40, length: 0 },
    });
    expect(note.label).toContain('captured 40 of 62 bytes');
    expect(d.summary.length).toBe(62);
    expect(d.summary.info).toMatch(/\[Packet size limited during capture\]$/);
  });

  it('mark every field cut short, and drop the values they cannot have', () => {
    const seq = find(d.fields, 'tcp.seq_raw');
    expect(seq).toMatchObject({
      note: 'warning',
      label: 'Sequence Number (raw): [cut short: captured 2 of 4 bytes]',
    });
    expect(seq.value).toBeUndefined();
    expect(find(d.fields, 'tcp.window_size_value')).toMatchObject({
      note: 'warning',
      label: 'Window: [not captured]',
    });
    expect(find(d.fields, 'tcp.flags.syn').label).toBe('Syn: [not captured]');
    expect(find(d.fields, 'tcp').label).toMatch(/\[cut short\]$/);
    expect(find(d.fields, 'data').label).toBe('Data (8 bytes): [not captured]');
    // Fields the capture holds keep their values and no mark.
    expect(find(d.fields, 'tcp.dstport')).toMatchObject({ value: 80 });
    expect(find(d.fields, 'tcp.dstport').note).toBeUndefined();
    expect(find(d.fields, 'ip.checksum').label).toBe('Header Checksum: 0x3c5d [correct]');
    const unmarked = flatten(d.fields).filter(
      (f) => f.range.offset + f.range.length > 40 && f.note === undefined,
    );
    expect(unmarked).toEqual([]);
  });

  it('cannot verify a checksum over bytes it does not have', () => {
    const short = dissect(FRAME.subarray(0, 28), 1, { wireLength: FRAME.length });
    expect(find(short.fields, 'ip.checksum').label).toBe(
      'Header Checksum: 0x3c5d [unverified: not all covered bytes were captured]',
    );
    expect(find(short.fields, 'ip.src').label).toBe('Source Address: [cut short: captured 2 of 4 bytes]');
    expect(find(short.fields, 'ip.dst').label).toBe('Destination Address: [not captured]');
  });

  it('a wire length below the captured length is taken as the captured length', () => {
    const full = dissect(FRAME, 1, { wireLength: 10 });
    expect(full.wireLength).toBe(FRAME.length);
    expect(findAll(full.fields, 'teach.truncated')).toHaveLength(0);
  });

  it('an empty frame is a note and the bytes it lacks', () => {
    const empty = dissect(new Uint8Array(0), 1, { wireLength: 60 });
    expect(empty.fields.map((f) => f.name)).toEqual(['teach.truncated', 'data']);
    expect(find(empty.fields, 'data').label).toBe('Data (60 bytes): [not captured]');
  });
});
