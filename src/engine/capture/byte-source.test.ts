// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { blobSource, bytesSource } from './byte-source.ts';

const data = Uint8Array.from({ length: 100 }, (_, i) => i);

describe('byte sources', () => {
  it('reads views from memory, clamped to the end', async () => {
    const s = bytesSource(data);
    expect(s.size).toBe(100);
    const view = s.readSync!(10, 5);
    expect([...view]).toEqual([10, 11, 12, 13, 14]);
    expect(view.buffer).toBe(data.buffer);
    expect([...(await s.read(98, 10))]).toEqual([98, 99]);
    expect((await s.read(200, 10)).length).toBe(0);
    expect(s.readSync!(-5, 2).length).toBe(2);
  });

  it('reads copies from a Blob (the real one, typed structurally), clamped to the end', async () => {
    const s = blobSource(new Blob([data]));
    expect(s.size).toBe(100);
    expect(s.readSync).toBeUndefined();
    expect([...(await s.read(95, 10))]).toEqual([95, 96, 97, 98, 99]);
    expect((await s.read(100, 10)).length).toBe(0);
    expect((await s.read(5, Number.NaN)).length).toBe(0);
  });
});
