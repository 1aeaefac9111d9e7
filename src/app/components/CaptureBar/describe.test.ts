// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCapture } from '../../../engine/index.ts';
import type { CaptureInfo, RunAllOutcome } from '../../../worker/protocol.ts';
import {
  captureSummary,
  failureText,
  formatBytes,
  progressText,
  runSummary,
  warningLines,
} from './describe.ts';

/** What the worker reports for a file (the same shape as `EngineSession.openCapture`). */
function infoOf(name: string, bytes: Uint8Array): CaptureInfo {
  const { capture, diagnostics } = openCapture(bytes);
  return {
    name,
    format: capture?.format ?? 'pcap',
    byteLength: bytes.length,
    packetCount: capture?.packetCount ?? 0,
    interfaces: (capture?.interfaces ?? []).map((i) => ({
      linkType: i.linkType,
      linkTypeName: i.linkTypeName,
    })),
    diagnostics,
  };
}

const sample = (name: string) => infoOf(name, new Uint8Array(readFileSync(`samples/captures/${name}`)));

describe('sizes and progress', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 KB'],
    [2498, '2.5 KB'],
    [58_000_024, '58.0 MB'],
    [3e12, '3.0 TB'],
  ])('%i bytes → %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('says how far indexing got', () => {
    expect(progressText({ name: 'big.pcap', done: 11_600_000, total: 58_000_000 })).toBe(
      'Indexing big.pcap… 11.6 MB of 58.0 MB (20%)',
    );
    expect(progressText({ name: 'empty.pcap', done: 0, total: 0 })).toBe(
      'Indexing empty.pcap… 0 B of 0 B (100%)',
    );
  });
});

describe('captureSummary', () => {
  it('names format, link types and packet count', () => {
    expect(captureSummary(sample('dns.pcap'))).toMatch(/^pcap · EN10MB · \d+ packets$/);
    expect(captureSummary(sample('two-interfaces.pcapng'))).toMatch(/^pcapng · EN10MB, RAW · \d+ packets$/);
  });
});

describe('failureText', () => {
  it('says where a damaged file breaks and what was kept', () => {
    const damaged = sample('damaged-truncated.pcap');
    expect(failureText(damaged, damaged)).toEqual({
      headline:
        'damaged-truncated.pcap is damaged at byte 616: the file ends inside packet 7: its record at byte 616 needs 54 captured bytes but only 27 remain',
      kept: 'Kept the 6 packets before it.',
      hint: 'the capture was cut short',
    });
  });

  it('says that nothing was readable and which capture stays open', () => {
    const garbage = infoOf(
      'garbage.bin',
      Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff),
    );
    const text = failureText(garbage, sample('dns.pcap'));
    expect(text.headline).toMatch(/^Could not open garbage\.bin at byte 0: the file starts with 0x0025/);
    expect(text.headline).not.toMatch(/kept/);
    expect(text.kept).toBe('Nothing in it was readable; dns.pcap stays open.');
    expect(text.hint).toBe('save it as pcap or pcapng (in Wireshark: File > Save As)');
    expect(failureText(infoOf('empty.pcap', new Uint8Array()), undefined)).toMatchObject({
      headline:
        'Could not open empty.pcap at byte 0: the file is empty: a capture starts with a pcap or pcapng header.',
      kept: 'Nothing in it was readable; no capture is open.',
    });
  });
});

describe('warningLines', () => {
  it('lists warnings with their byte offsets and is empty for a clean file', () => {
    expect(warningLines(sample('dns.pcap'))).toEqual([]);
    const info = sample('dns.pcap');
    info.diagnostics = [
      {
        severity: 'warning',
        code: 'CAP4008',
        message: 'a captured length above the snapshot length',
        offset: 40,
        notes: [{ message: '3 more like this after the first' }],
      },
    ];
    expect(warningLines(info)).toEqual([
      'byte 40: a captured length above the snapshot length (3 more like this after the first)',
    ]);
  });
});

describe('runSummary', () => {
  const outcome: RunAllOutcome = {
    verdicts: new Uint32Array(),
    accepted: 12,
    dropped: 1_000,
    engine: 'wasm',
    milliseconds: 3.25,
    cancelled: false,
    done: 1_012,
  };

  it('gives counts and how the run went', () => {
    expect(runSummary(outcome, 1_012)).toEqual({
      counts: '12 accepted · 1,000 dropped',
      how: 'WebAssembly · 3.3 ms',
      long: 'Ran over 1,012 packets with the program translated to WebAssembly in 3.3 ms.',
    });
    const slow = runSummary(
      { ...outcome, engine: 'interpreter', reason: 'no WebAssembly here', milliseconds: 120.4 },
      1_012,
    );
    expect(slow.how).toBe('interpreter (no WebAssembly here) · 120 ms');
    expect(slow.long).toBe('Ran over 1,012 packets with the interpreter (no WebAssembly here) in 120 ms.');
    const cancelled = runSummary({ ...outcome, cancelled: true, done: 8_192 }, 1_000_000);
    expect(cancelled.how).toBe('cancelled at 8,192 of 1,000,000 · WebAssembly · 3.3 ms');
    expect(cancelled.long).toMatch(/^Cancelled after 8,192 of 1,000,000 packets with/);
  });
});
