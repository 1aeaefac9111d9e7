// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_OFFSET, defaultMeta, RANDOM_SEED, resolveMeta, seededRandom } from './meta.ts';

describe('packet metadata defaults', () => {
  it('describe a plain received Ethernet frame', () => {
    expect(defaultMeta()).toEqual({
      protocol: 0,
      pktType: 0,
      ifindex: 0,
      mark: 0,
      queue: 0,
      hatype: 1,
      rxhash: 0,
      cpu: 0,
      random: seededRandom(0),
      vlanPresent: false,
      vlanTci: 0,
      vlanTpid: 0,
      linkOffset: DEFAULT_LINK_OFFSET,
    });
    expect(defaultMeta().networkOffset).toBeUndefined();
    expect(defaultMeta().payloadOffset).toBeUndefined();
  });

  it('seededRandom is a fixed, reproducible u32 per index', () => {
    expect(RANDOM_SEED).toBe(0x6270666c);
    const values = Array.from({ length: 1000 }, (_, i) => seededRandom(i));
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff)).toBe(true);
    expect(new Set(values).size).toBe(1000);
    expect(seededRandom(42)).toBe(seededRandom(42));
    expect(defaultMeta(5).random).toBe(seededRandom(5));
  });

  it('resolveMeta keeps what is given and fills the rest', () => {
    const meta = resolveMeta({ protocol: 0x86dd, networkOffset: 14, vlanPresent: true });
    expect(meta).toMatchObject({
      protocol: 0x86dd,
      networkOffset: 14,
      vlanPresent: true,
      hatype: 1,
      pktType: 0,
    });
    expect(resolveMeta(undefined)).toEqual(defaultMeta());
    expect(resolveMeta({}, 3)).toEqual(defaultMeta(3));
  });

  it('resolveMeta treats a field set to undefined as absent', () => {
    const partial = { hatype: undefined, mark: 9 } as unknown as Parameters<typeof resolveMeta>[0];
    expect(resolveMeta(partial)).toMatchObject({ hatype: 1, mark: 9 });
  });

  it('resolveMeta does not alias the caller’s object', () => {
    const partial = { mark: 1 };
    const meta = resolveMeta(partial);
    meta.mark = 2;
    expect(partial.mark).toBe(1);
  });
});
