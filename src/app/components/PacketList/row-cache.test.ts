// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { PacketRow } from '../../../worker/protocol.ts';
import { PAGE_SIZE, RowCache } from './row-cache.ts';

function fakeRows(start: number, count: number): PacketRow[] {
  return Array.from({ length: count }, (_, i) => ({
    index: start + i,
    source: 'a',
    destination: 'b',
    protocol: 'UDP',
    length: 60,
    info: `packet ${start + i}`,
    tsSec: 0,
    tsNsec: 0,
    caplen: 60,
  }));
}

/** A fetcher whose answers are released by hand, to test ordering. */
function manualFetcher() {
  const calls: { start: number; count: number; release: () => void }[] = [];
  const fetchRows = (start: number, count: number) =>
    new Promise<PacketRow[]>((resolve) => {
      calls.push({ start, count, release: () => resolve(fakeRows(start, count)) });
    });
  return { calls, fetchRows };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RowCache', () => {
  it('asks once per missing page and serves rows when the page arrives', async () => {
    const { calls, fetchRows } = manualFetcher();
    let loads = 0;
    const cache = new RowCache(fetchRows, () => loads++);
    cache.ensure([0, 1, 63, 64, 65, 0]);
    expect(calls.map((c) => [c.start, c.count])).toEqual([
      [0, PAGE_SIZE],
      [PAGE_SIZE, PAGE_SIZE],
    ]);
    expect(cache.row(1)).toBeUndefined();
    for (const c of calls) c.release();
    await tick();
    expect(loads).toBe(2);
    expect(cache.row(65)?.info).toBe('packet 65');
    cache.ensure([70]);
    expect(calls).toHaveLength(2);
  });

  it('drops an answer that arrives after the capture changed', async () => {
    const { calls, fetchRows } = manualFetcher();
    let loads = 0;
    const cache = new RowCache(fetchRows, () => loads++);
    cache.ensure([5]);
    cache.reset();
    calls[0]?.release();
    await tick();
    expect(loads).toBe(0);
    expect(cache.row(5)).toBeUndefined();
    cache.ensure([5]);
    expect(calls).toHaveLength(2);
  });

  it('keeps a bounded number of pages, evicting the least recently used', async () => {
    const cache = new RowCache(
      async (start, count) => fakeRows(start, count),
      () => {},
    );
    for (let page = 0; page < 300; page++) {
      cache.ensure([0, page * PAGE_SIZE]);
      await tick();
    }
    expect(cache.size).toBe(256);
    expect(cache.row(0)?.index).toBe(0); // page 0 was used all along
    expect(cache.row(PAGE_SIZE)).toBeUndefined(); // page 1 was not
  });

  it('drops its rows when told of another capture, not of the same one', async () => {
    const cache = new RowCache(
      async (start, count) => fakeRows(start, count),
      () => {},
    );
    cache.setCapture(1);
    cache.ensure([0]);
    await tick();
    cache.setCapture(1);
    expect(cache.row(0)).toBeDefined();
    cache.setCapture(2);
    expect(cache.row(0)).toBeUndefined();
  });

  it('ignores negative packet numbers', () => {
    const { calls, fetchRows } = manualFetcher();
    new RowCache(fetchRows, () => {}).ensure([-1]);
    expect(calls).toHaveLength(0);
  });
});
