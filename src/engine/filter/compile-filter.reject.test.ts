// SPDX-License-Identifier: MIT
/**
 * The reject table (testdata/reject-table.json), in the shape of libpcap's TESTrun `filter_reject_tests`: an expression libpcap
 * refuses (`errstr` is libpcap 1.10.3's own message, for provenance), and the diagnostic bpflab
 * gives for it (`line:col-line:col CODE message`, pointing at the offending token). With the
 * reference harness available, every row is also compiled by libpcap to confirm it still refuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { buildHarness, REPO_ROOT, runTool } from '../../testkit/reference-tools.ts';
import { compileFilter } from './compile-filter.ts';
import { compileCommand, parseCompileAnswer, splitAnswers } from './testdata/harness-protocol.ts';

interface RejectRow {
  name: string;
  DLT: keyof typeof LINKS;
  expr: string;
  /** libpcap's error message. */
  errstr: string;
  /** bpflab's diagnostic, as `toReportError` reads it. */
  ours: string;
  /** libpcap refuses it only after a failed name lookup (not re-run here: it would query DNS). */
  lookup?: boolean;
}

/** [LINKTYPE for bpflab, DLT for libpcap]. */
const LINKS = {
  EN10MB: [1, 1],
  RAW: [101, 12],
  LINUX_SLL: [113, 113],
  LINUX_SLL2: [276, 276],
  NULL: [0, 0],
} as const;

const REJECTS: RejectRow[] = JSON.parse(
  readFileSync(join(REPO_ROOT, 'src', 'engine', 'filter', 'testdata', 'reject-table.json'), 'utf8'),
);

describe('reject table: what libpcap refuses, bpflab refuses, pointing at the offending token', () => {
  it.each(REJECTS)('$name ($DLT): $expr', (row) => {
    const r = compileFilter(row.expr, { linkType: LINKS[row.DLT][0] });
    expect(r.program).toBeUndefined();
    expect(r).toReportError(row.ours);
  });

  const harness = buildHarness('libpcap-compile', ['pcap']);
  it.skipIf(!harness)('libpcap refuses every row, with the message recorded in the table', () => {
    const rows = REJECTS.filter((r) => !r.lookup);
    const jobs = rows.map((r) =>
      compileCommand({ dlt: LINKS[r.DLT][1], snaplen: 262144, optimize: true, netmask: 0, expr: r.expr }),
    );
    const answers = splitAnswers(runTool(harness!, [], `${jobs.join('\n')}\n`)).map(parseCompileAnswer);
    expect(answers.map((a, i) => `${rows[i]!.expr}: ${a.ok ? 'accepted' : a.error}`)).toEqual(
      rows.map((r) => `${r.expr}: ${r.errstr}`),
    );
  });
});
