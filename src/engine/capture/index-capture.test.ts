// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { type BlobLike, blobSource, bytesSource } from './byte-source.ts';
import { CAP } from './capture-diagnostics.ts';
import type { CaptureIndexResult } from './capture-types.ts';
import { indexCapture, openCapture } from './index-capture.ts';
import { writePcap } from './pcap-writer.ts';
import { PcapngBuilder } from './pcapng-builder.ts';
import { writePcapng } from './pcapng-writer.ts';

/** A Blob stand-in that counts reads (the engine types Blob structurally). */
function countingBlob(bytes: Uint8Array): BlobLike & { reads: number } {
  const blob = {
    reads: 0,
    size: bytes.length,
    slice(a: number, b: number) {
      blob.reads++;
      return { arrayBuffer: async () => bytes.slice(a, b).buffer };
    },
  };
  return blob;
}

/** Many varied packets: enough bytes to span several 4 MiB windows. */
function bigPackets(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    bytes: new Uint8Array(60 + ((i * 37) % 1400)).fill(i & 0xff),
    wireLength: 60 + ((i * 37) % 1400) + (i % 3),
    tsSec: 1_700_000_000 + Math.floor(i / 1000),
    tsNsec: (i % 1000) * 1_000_000 + (i % 7),
  }));
}

/** The observable content of a result, for comparing two ways of indexing. */
function summary(r: CaptureIndexResult) {
  const c = r.capture;
  return {
    diagnostics: r.diagnostics,
    count: c?.packetCount,
    interfaces: c?.interfaces,
    index: c && {
      offsets: [...c.index.offsets],
      caplens: [...c.index.caplens],
      wire: [...c.index.wireLengths],
      sec: [...c.index.tsSec],
      nsec: [...c.index.tsNsec],
      ifaces: [...c.index.interfaceIds],
    },
  };
}

const pcap = writePcap(bigPackets(12_000), { linkType: 1, nanosecond: true });
const pcapng = writePcapng(
  bigPackets(12_000).map((p, i) => ({
    ...p,
    interfaceId: i % 2,
    ...(i % 500 === 0 ? { comment: `c${i}` } : {}),
  })),
  { interfaces: [{ linkType: 1, tsresol: 9 }, { linkType: 101 }] },
);

describe('indexCapture over a byte source', () => {
  it.each([
    ['pcap', pcap],
    ['pcapng', pcapng],
  ])('gives the same index as openCapture for %s across many windows', async (_name, file) => {
    expect(file.length).toBeGreaterThan(2 * (4 << 20));
    const sync = openCapture(file);
    expect(sync.diagnostics).toEqual([]);
    expect(summary(await indexCapture(bytesSource(file)))).toEqual(summary(sync));
    const blob = countingBlob(file);
    const fromBlob = await indexCapture(blobSource(blob));
    expect(summary(fromBlob)).toEqual(summary(sync));
    // Reads come in windows, not one per packet.
    expect(blob.reads).toBeLessThan(20);
    expect(fromBlob.capture?.synchronous).toBe(false);
  });

  it('reads packets on demand from a blob, singly and in runs', async () => {
    const { capture } = await indexCapture(blobSource(countingBlob(pcapng)));
    const sync = openCapture(pcapng).capture!;
    const p = await capture!.readPacket(501);
    expect(p).toEqual(sync.packetAt(501));
    const run = await capture!.readPackets(495, 505);
    expect(run.map((x) => x.index)).toEqual([495, 496, 497, 498, 499, 500, 501, 502, 503, 504]);
    expect(run).toEqual([...Array(10)].map((_, k) => sync.packetAt(495 + k)));
    expect(run[5]?.comment).toBe('c500');
    expect(await capture!.readPacket(-1)).toBeUndefined();
    expect(await capture!.readPacket(12_000)).toBeUndefined();
    expect(() => capture!.packetAt(0)).toThrow(/in-memory/);
  });

  it('reads a whole capture with readPackets in several spans', async () => {
    const { capture } = await indexCapture(blobSource(countingBlob(pcap)));
    const all = await capture!.readPackets(0, capture!.packetCount);
    expect(all).toHaveLength(12_000);
    expect(all[11_999]?.bytes[0]).toBe(11_999 & 0xff);
    expect(all.every((p, i) => p.caplen === capture!.caplen(i) && p.bytes.length === p.caplen)).toBe(true);
  });

  it('reports throttled, increasing progress and a final call at the end', async () => {
    const calls: [number, number][] = [];
    await indexCapture(bytesSource(pcap), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThan(20);
    expect(calls.at(-1)).toEqual([pcap.length, pcap.length]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThanOrEqual(calls[i - 1]![0]);
  });

  it('stops when cancelled, keeping what it read', async () => {
    const signal = { aborted: false };
    let turns = 0;
    const r = await indexCapture(bytesSource(pcap), {
      signal,
      yieldControl: async () => {
        if (++turns === 2) signal.aborted = true;
      },
    });
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: CAP.cancelled }]);
    expect(r.capture!.packetCount).toBeGreaterThan(0);
    expect(r.capture!.packetCount).toBeLessThan(12_000);
  });

  it('reports a source that fails or returns short reads', async () => {
    const failing: BlobLike = {
      size: pcap.length,
      slice: (a, b) => ({
        arrayBuffer: async () => {
          if (a > 0) throw new Error('disk gone');
          return pcap.slice(a, b).buffer;
        },
      }),
    };
    const r = await indexCapture(blobSource(failing));
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: CAP.readFailed }]);
    expect(r.diagnostics[0]?.message).toMatch(/disk gone; kept \d+ packets before the damage/);
    expect(r.capture?.packetCount).toBeGreaterThan(0);
    const short: BlobLike = {
      size: pcap.length + 100,
      slice: (a, b) => ({ arrayBuffer: async () => pcap.slice(a, b).buffer }),
    };
    const s = await indexCapture(blobSource(short));
    expect(s.diagnostics.at(-1)?.code).toBe(CAP.readFailed);
    const dead: BlobLike = {
      size: 100,
      slice: () => ({ arrayBuffer: () => Promise.reject(new Error('nope')) }),
    };
    expect((await indexCapture(blobSource(dead))).diagnostics[0]).toMatchObject({ code: CAP.readFailed });
  });

  it('indexes blocks larger than the whole-block limit from their header and trailer', async () => {
    const huge = new Uint8Array(1_500_000).fill(7);
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0);
    b.enhancedPacket({ interfaceId: 0, bytes: new Uint8Array(10), tsSec: 1 });
    b.enhancedPacket({ interfaceId: 0, bytes: huge, tsSec: 2, options: [{ code: 1, value: 'not read' }] });
    b.enhancedPacket({
      interfaceId: 0,
      bytes: new Uint8Array(12),
      tsSec: 3,
      options: [{ code: 1, value: 'read' }],
    });
    b.block(0x1234, new Uint8Array(1_200_000), []);
    b.enhancedPacket({ interfaceId: 0, bytes: new Uint8Array(14), tsSec: 4 });
    const file = b.bytes();
    for (const r of [openCapture(file), await indexCapture(blobSource(countingBlob(file)))]) {
      expect(r.capture?.packetCount).toBe(4);
      expect([0, 1, 2, 3].map((i) => r.capture?.caplen(i))).toEqual([10, 1_500_000, 12, 14]);
      expect(r.capture?.comment(1)).toBeUndefined();
      expect(r.capture?.comment(2)).toBe('read');
      expect(r.diagnostics.map((d) => d.code)).toEqual([CAP.caplenTooLarge, CAP.unknownBlock]);
    }
  });

  it('handles the empty source and bad magic asynchronously too', async () => {
    expect((await indexCapture(bytesSource(new Uint8Array(0)))).diagnostics[0]?.code).toBe(CAP.emptyFile);
    expect((await indexCapture(bytesSource(new Uint8Array(64)))).diagnostics[0]?.code).toBe(CAP.badMagic);
  });
});
