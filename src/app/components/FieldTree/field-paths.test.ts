// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dissect, openCapture } from '../../../engine/index.ts';
import {
  ancestorsOf,
  fieldAt,
  fieldsTouching,
  innermostField,
  keyOf,
  nearestShown,
  treeKey,
  visibleRows,
} from './field-paths.ts';

const capture = openCapture(new Uint8Array(readFileSync('samples/captures/dns.pcap'))).capture;
const packet = capture?.packetAt(0);
if (!packet) throw new Error('dns.pcap has no first packet');
const { fields } = dissect(packet.bytes, packet.linkType, {});
const nameAt = (at: number) => fieldAt(fields, innermostField(fields, at))?.name;

describe('innermostField', () => {
  it.each([
    [0, 'eth.dst'],
    [5, 'eth.dst'],
    [12, 'eth.type'],
    [14, 'ip.version'],
    [15, 'ip.dsfield'],
    [20, 'ip.flags'],
    [21, 'ip.frag_offset'],
    [23, 'ip.proto'],
    [27, 'ip.src'],
    [36, 'udp.dstport'],
    [44, 'dns.flags'],
    [60, 'dns.qry.name'],
  ])('byte %i belongs to %s', (at, name) => {
    expect(nameAt(at)).toBe(name);
  });

  it('finds nothing past the packet', () => {
    expect(innermostField(fields, 75)).toBeUndefined();
    expect(innermostField(fields, -1)).toBeUndefined();
  });
});

describe('fieldsTouching', () => {
  const names = (paths: Set<string>) => [...paths].map((p) => fieldAt(fields, p)?.name).sort();

  it('marks the EtherType for `ldh [12]` and its layer as enclosing', () => {
    const { hits, enclosing } = fieldsTouching(fields, { offset: 12, length: 2 });
    expect(names(hits)).toEqual(['eth.type']);
    expect(names(enclosing)).toEqual(['eth']);
  });

  it('tells the header-length nibble from the version nibble by the read mask', () => {
    const { hits } = fieldsTouching(fields, { offset: 14, length: 1, bitMask: 0x0f });
    expect(names(hits)).toEqual(['ip.hdr_len']);
  });

  it('marks the flags and the fragment offset that `jset #0x1fff` on `ldh [20]` looks at', () => {
    expect(names(fieldsTouching(fields, { offset: 20, length: 2, bitMask: 0x1fff }).hits)).toEqual([
      'ip.frag_offset',
    ]);
    expect(names(fieldsTouching(fields, { offset: 20, length: 2 }).hits)).toEqual([
      'ip.flags.df',
      'ip.flags.mf',
      'ip.flags.rb',
      'ip.frag_offset',
    ]);
  });

  it('finds nothing for an empty or missing span', () => {
    expect(fieldsTouching(fields, undefined).hits.size).toBe(0);
    expect(fieldsTouching(fields, { offset: 500, length: 2 }).hits.size).toBe(0);
  });
});

describe('tree rows', () => {
  it('shows layers collapsed, then their children when expanded, with stable keys', () => {
    expect(visibleRows(fields, () => false).map((r) => r.field.name)).toEqual(['eth', 'ip', 'udp', 'dns']);
    const open = visibleRows(fields, (key) => key === 'ip' || key === 'ip/ip.flags');
    expect(open.slice(1, 4).map((r) => [r.field.name, r.level])).toEqual([
      ['ip', 1],
      ['ip.version', 2],
      ['ip.hdr_len', 2],
    ]);
    const flags = open.find((r) => r.field.name === 'ip.flags');
    expect(flags).toMatchObject({ key: 'ip/ip.flags', expanded: true });
    expect(keyOf(fields, flags?.path ?? '')).toBe('ip/ip.flags');
  });

  it('walks paths up to the nearest shown ancestor', () => {
    expect(ancestorsOf('1.6.2')).toEqual(['1', '1.6']);
    expect(nearestShown('1.6.2', new Set(['0', '1']))).toBe('1');
    expect(nearestShown('1.6.2', new Set(['1.6.2']))).toBe('1.6.2');
    expect(nearestShown(undefined, new Set(['0']))).toBeUndefined();
    expect(fieldAt(fields, '9.9')).toBeUndefined();
  });
});

describe('treeKey', () => {
  const rows = visibleRows(fields, (key) => key === 'ip');
  const path = (name: string) => rows.find((r) => r.field.name === name)?.path ?? '';

  it('moves, opens and closes as the ARIA tree pattern says', () => {
    expect(treeKey(rows, path('eth'), 'ArrowDown')).toEqual({ kind: 'go', path: path('ip') });
    expect(treeKey(rows, path('eth'), 'ArrowRight')).toEqual({
      kind: 'toggle',
      path: path('eth'),
      open: true,
    });
    expect(treeKey(rows, path('ip'), 'ArrowRight')).toEqual({ kind: 'go', path: path('ip.version') });
    expect(treeKey(rows, path('ip'), 'ArrowLeft')).toEqual({ kind: 'toggle', path: path('ip'), open: false });
    expect(treeKey(rows, path('ip.ttl'), 'ArrowLeft')).toEqual({ kind: 'go', path: path('ip') });
    expect(treeKey(rows, path('ip.ttl'), 'ArrowRight')).toBeUndefined();
    expect(treeKey(rows, path('ip.ttl'), 'Enter')).toBeUndefined();
    expect(treeKey(rows, path('udp'), 'Enter')).toEqual({ kind: 'toggle', path: path('udp'), open: true });
    expect(treeKey(rows, path('udp'), ' ')).toEqual({ kind: 'select', path: path('udp') });
    expect(treeKey(rows, path('udp'), 'End')).toEqual({ kind: 'go', path: path('dns') });
    expect(treeKey(rows, path('dns'), 'ArrowDown')).toBeUndefined();
    expect(treeKey(rows, undefined, 'ArrowDown')).toEqual({ kind: 'go', path: '0' });
    expect(treeKey(rows, path('eth'), 'x')).toBeUndefined();
  });
});
