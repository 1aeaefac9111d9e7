// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { defaultMeta, EXTENSION_OFFSETS, type PacketMeta } from '../../../engine/index.ts';
import {
  describeMetaValue,
  formatMetaValue,
  META_FIELDS,
  type MetaFieldSpec,
  metaDigest,
  parseMetaValue,
} from './meta-fields.ts';

const spec = (key: keyof PacketMeta) => META_FIELDS.find((f) => f.key === key) as MetaFieldSpec;

describe('metadata fields', () => {
  it('cover every field of PacketMeta a filter can observe, each with its extension', () => {
    const keys = META_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const observable = Object.keys(defaultMeta()).filter((k) => k !== 'linkOffset');
    for (const key of observable) expect(keys).toContain(key);
    for (const f of META_FIELDS) if (f.ext) expect(EXTENSION_OFFSETS[f.ext]).toBeTypeOf('number');
  });

  it('read decimal and hex, refuse what the field cannot hold', () => {
    expect(parseMetaValue(spec('protocol'), '0x86DD')).toEqual({ ok: true, value: 0x86dd });
    expect(parseMetaValue(spec('ifindex'), ' 7 ')).toEqual({ ok: true, value: 7 });
    expect(parseMetaValue(spec('mark'), '4294967295')).toEqual({ ok: true, value: 0xffffffff });
    expect(parseMetaValue(spec('vlanTci'), '0x10000')).toEqual({
      ok: false,
      message: 'at most 65535 (0xffff)',
    });
    expect(parseMetaValue(spec('mark'), '-1').ok).toBe(false);
    expect(parseMetaValue(spec('mark'), '1.5').ok).toBe(false);
    expect(parseMetaValue(spec('mark'), '').ok).toBe(false);
    expect(parseMetaValue(spec('vlanPresent'), '1')).toEqual({ ok: true, value: true });
  });

  it('write values in the radix that suits them and round-trip', () => {
    expect(formatMetaValue(spec('protocol'), 0x800)).toBe('0x0800');
    expect(formatMetaValue(spec('mark'), 0x2a)).toBe('0x0000002a');
    expect(formatMetaValue(spec('ifindex'), 3)).toBe('3');
    expect(formatMetaValue(spec('networkOffset'), undefined)).toBe('');
    for (const f of META_FIELDS.filter((x) => x.kind === 'number')) {
      const text = formatMetaValue(f, Math.min(f.max, 1234));
      expect(parseMetaValue(f, text)).toEqual({ ok: true, value: Math.min(f.max, 1234) });
    }
  });

  it('say what values mean', () => {
    expect(describeMetaValue(spec('protocol'), 0x86dd)).toBe('IPv6');
    expect(describeMetaValue(spec('pktType'), 4)).toBe('outgoing: sent by this machine');
    expect(describeMetaValue(spec('vlanTci'), 0xa00a)).toBe('VLAN 10, priority 5');
    expect(describeMetaValue(spec('vlanTci'), 0x100a)).toBe('VLAN 10, priority 0, DEI');
    expect(describeMetaValue(spec('networkOffset'), undefined)).toBe('unknown: SKF_NET_OFF loads fail');
    expect(describeMetaValue(spec('hatype'), 1)).toBe('Ethernet');
  });

  it('digest the metadata in one line', () => {
    const meta = { ...defaultMeta(), protocol: 0x800, ifindex: 1, vlanPresent: true, vlanTci: 10, mark: 0 };
    expect(metaDigest(meta)).toBe('proto 0x0800 (IPv4) · host · ifindex 1 · VLAN 10');
  });
});
