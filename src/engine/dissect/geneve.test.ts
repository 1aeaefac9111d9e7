// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { geneveScene } from '../../../scripts/lib/sample-geneve.ts';
import { dissect } from './dissect.ts';
import { find, findAll } from './testdata/tree.ts';

const frames = geneveScene();
const packet = (n: number) => dissect(frames[n - 1]!, 1);

describe('Geneve', () => {
  it('reads the base header, then the inner Ethernet frame after the options', () => {
    const d = packet(3); // IPv4, three options (40 bytes), VNI 10, C bit, inner ARP
    expect(find(d.fields, 'geneve.version')).toMatchObject({
      value: 0,
      range: { offset: 42, bitMask: 0xc0 },
    });
    expect(find(d.fields, 'geneve.option.len')).toMatchObject({ value: 10, range: { bitMask: 0x3f } });
    expect(find(d.fields, 'geneve.flags.critical')).toMatchObject({
      value: 1,
      range: { offset: 43, bitMask: 0x40 },
    });
    expect(find(d.fields, 'geneve.proto_type')).toMatchObject({
      value: 0x6558,
      range: { offset: 44, length: 2 },
    });
    expect(find(d.fields, 'geneve.vni')).toMatchObject({ value: 10, range: { offset: 46, length: 3 } });
    expect(findAll(d.fields, 'geneve.option').map((f) => [f.range.offset, f.range.length])).toEqual([
      [50, 12],
      [62, 4],
      [66, 24],
    ]);
    expect(findAll(d.fields, 'eth.dst').map((f) => [f.value, f.range.offset])).toEqual([
      ['02:00:00:00:00:01', 0],
      ['ff:ff:ff:ff:ff:ff', 90],
    ]);
    expect(d.summary.protocol).toBe('ARP');
  });

  it('hands a bare IP payload to IPv4 or IPv6 by protocol type', () => {
    const v4 = packet(5); // IPv6 outer, protocol type 0x0800
    expect(find(v4.fields, 'geneve.proto_type')?.value).toBe(0x0800);
    expect(findAll(v4.fields, 'ip.src').map((f) => [f.value, f.range.offset])).toEqual([['192.0.2.1', 82]]);
    expect(v4.summary).toMatchObject({ protocol: 'ICMP', source: '192.0.2.1' });
    const v6 = packet(6); // two options, VNI 0xffffff, protocol type 0x86dd
    expect(find(v6.fields, 'geneve.vni')?.value).toBe(0xffffff);
    expect(v6.summary.protocol).toBe('DNS');
  });

  it('warns about an unknown version yet decodes on, as tshark does', () => {
    const d = packet(8);
    expect(find(d.fields, 'geneve.version')?.value).toBe(1);
    expect(find(d.fields, 'geneve.version.unknown')?.note).toBe('warning');
    expect(d.summary.protocol).toBe('ICMP');
  });

  it('shows the fields of a datagram too short for the header, named as tshark names it', () => {
    const d = packet(9); // 4 bytes of UDP payload
    expect(find(d.fields, 'geneve.proto_type')?.value).toBe(0x6558);
    expect(findAll(d.fields, 'geneve.vni')).toEqual([]);
    expect(d.summary).toMatchObject({
      protocol: 'Geneve',
      info: 'Encapsulated Transparent Ethernet bridging[Malformed Packet]',
    });
  });
});
