// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dissect, type Field, openCapture } from '../../../engine/index.ts';
import { fieldForRead, plainLabel } from './read-field.ts';

async function firstDnsFields(): Promise<Field[]> {
  const { capture } = await openCapture(new Uint8Array(readFileSync('samples/captures/dns.pcap')));
  const packet = await capture!.readPacket(0);
  return dissect(packet!.bytes, packet!.linkType).fields;
}

const read = (offset: number, length: number, bitMask?: number) =>
  ({ kind: 'packet', offset, length, ...(bitMask !== undefined ? { bitMask } : {}) }) as const;

describe('fieldForRead', () => {
  it('names the field each load of the default sample reads', async () => {
    const fields = await firstDnsFields();
    const name = (offset: number, length: number, mask?: number) =>
      fieldForRead(fields, read(offset, length, mask))?.name;
    expect(name(12, 2)).toBe('eth.type');
    expect(name(23, 1)).toBe('ip.proto');
    expect(name(20, 2)).toBe('ip.frag_offset');
    expect(name(14, 1, 0x0f)).toBe('ip.hdr_len');
    expect(name(34, 2)).toBe('udp.srcport');
    expect(name(36, 2)).toBe('udp.dstport');
    expect(name(26, 4)).toBe('ip.src');
  });

  it('stops at the enclosing field when no child holds the whole read', async () => {
    const fields = await firstDnsFields();
    expect(fieldForRead(fields, read(14, 1))?.name).toBe('ip');
    expect(fieldForRead(fields, read(0, 1))?.name).toBe('eth.dst');
    expect(fieldForRead(fields, read(12, 4))).toBeUndefined();
  });

  it('labels fields without their bit pictures', async () => {
    const fields = await firstDnsFields();
    expect(plainLabel(fieldForRead(fields, read(20, 2))!)).toBe('Fragment Offset: 0 (0 bytes)');
    expect(plainLabel(fieldForRead(fields, read(14, 1, 0x0f))!)).toBe('Header Length: 20 bytes (5)');
    expect(plainLabel(fieldForRead(fields, read(12, 2))!)).toBe('Type: IPv4 (0x0800)');
  });

  it('has nothing to say about reads that are not packet bytes', async () => {
    const fields = await firstDnsFields();
    expect(fieldForRead(fields, { kind: 'len', value: 75 })).toBeUndefined();
    expect(fieldForRead(fields, undefined)).toBeUndefined();
  });
});
