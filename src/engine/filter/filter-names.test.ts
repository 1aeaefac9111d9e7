// SPDX-License-Identifier: MIT
/**
 * The built-in name tables against the system tables libpcap reads: every service, IP protocol
 * and Ethernet-type name compiles to exactly libpcap's program (`port NAME`, `tcp port NAME`,
 * `udp port NAME`, `ip proto \NAME`, `ether proto \NAME`), through the reference harness.
 */
import { describe, expect, it } from 'vitest';
import { buildHarness, runTool } from '../../testkit/reference-tools.ts';
import { encodeProgram } from '../isa/codec.ts';
import { compileFilter } from './compile-filter.ts';
import { ETHER_PROTOCOLS, IP_PROTOCOLS, LLC_PROTOCOLS, lookupService, SERVICES } from './filter-names.ts';
import { compileCommand, parseCompileAnswer, splitAnswers } from './testdata/harness-protocol.ts';

describe('filter name tables', () => {
  it('knows common services with their transports', () => {
    expect(lookupService('domain')).toEqual([53, 'any']);
    expect(lookupService('ssh')).toEqual([22, 'tcp']);
    expect(lookupService('ntp')).toEqual([123, 'udp']);
    expect(lookupService('www')).toEqual([80, 'tcp']);
    expect(lookupService('constructor')).toBeUndefined();
  });

  const harness = buildHarness('libpcap-compile', ['pcap']);
  it.skipIf(!harness)('compiles every name exactly as libpcap does with the system tables', () => {
    const exprs = [
      ...Object.keys(SERVICES).flatMap((n) => [`port ${n}`, `tcp port ${n}`, `udp dst port ${n}`]),
      ...Object.keys(IP_PROTOCOLS).map((n) => `ip proto \\${n}`),
      ...Object.keys({ ...ETHER_PROTOCOLS, ...LLC_PROTOCOLS }).map((n) => `ether proto \\${n}`),
    ];
    const jobs = exprs.map((expr) =>
      compileCommand({ dlt: 1, snaplen: 262144, optimize: false, netmask: 0, expr }),
    );
    const answers = splitAnswers(runTool(harness!, [], `${jobs.join('\n')}\n`)).map(parseCompileAnswer);
    const differences = exprs.filter((expr, i) => {
      const theirs = answers[i]!;
      const ours = compileFilter(expr, { optimize: false }).program;
      if (!theirs.ok || !ours) return theirs.ok !== !!ours;
      return JSON.stringify(encodeProgram(ours.insns)) !== JSON.stringify(theirs.insns);
    });
    expect(differences).toEqual([]);
    expect(exprs.length).toBeGreaterThan(400);
  });
});
