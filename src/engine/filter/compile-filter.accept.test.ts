// SPDX-License-Identifier: MIT
/**
 * Golden listings (testdata/accept-table.json), in the shape of libpcap's TESTrun `filter_accept_blocks`: every alias of an
 * entry must compile to the same program, listed as `tcpdump -d` prints it. The listings were
 * printed by tcpdump 4.99.3 / libpcap 1.10.3 (`tcpdump [-O] -s SNAPLEN -y DLT -d EXPR`): `opt` is
 * libpcap's optimized program, `unopt` its unoptimized one (given where all aliases share it).
 * bpflab's unoptimized code is libpcap's exactly; its optimizer is its own, and for these entries
 * it arrives at libpcap's optimized program too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testkit/reference-tools.ts';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { compileFilter } from './compile-filter.ts';

interface AcceptEntry {
  name: string;
  DLT: keyof typeof LINK_TYPES;
  aliases: string[];
  snaplen?: number;
  opt?: string[];
  unopt?: string[];
}

const LINK_TYPES = { EN10MB: 1, RAW: 101, LINUX_SLL: 113, LINUX_SLL2: 276, NULL: 0, LOOP: 108 } as const;

const ACCEPT: AcceptEntry[] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'src', 'engine', 'filter', 'testdata', 'accept-table.json'), 'utf8'),
);

function listing(entry: AcceptEntry, expr: string, optimize: boolean): string {
  const r = compileFilter(expr, {
    linkType: LINK_TYPES[entry.DLT],
    snaplen: entry.snaplen ?? 262144,
    optimize,
  });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return formatTcpdumpListing(r.program!.insns);
}

describe('accept table: golden listings (libpcap TESTrun shape)', () => {
  for (const entry of ACCEPT) {
    describe(entry.name, () => {
      for (const [mode, lines] of [
        ['opt', entry.opt],
        ['unopt', entry.unopt],
      ] as const) {
        if (!lines) continue;
        it.each(entry.aliases)(`${mode}: %s`, (alias) => {
          expect(listing(entry, alias, mode === 'opt')).toBe(`${lines.join('\n')}\n`);
        });
      }
    });
  }

  it('has about thirty entries with several aliases', () => {
    expect(ACCEPT.length).toBeGreaterThanOrEqual(30);
    expect(ACCEPT.reduce((n, e) => n + e.aliases.length, 0)).toBeGreaterThanOrEqual(80);
  });
});
