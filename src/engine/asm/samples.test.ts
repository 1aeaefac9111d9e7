// SPDX-License-Identifier: MIT
/**
 * The sample programs do what their first comment line says: each one, assembled by us, gives the
 * same verdicts under libpcap's bpf_filter() as the tcpdump expression it stands for, over every
 * Ethernet sample capture (both run through the libpcap reference harness).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { BUILD_DIR, buildHarness, REPO_ROOT, requireTool, runTool } from '../../testkit/reference-tools.ts';
import { encode } from '../isa/codec.ts';
import { assemble } from './assemble.ts';

const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');
const harness = tcpdump ? buildHarness('libpcap-filter', ['pcap']) : undefined;
const PROGRAMS = join(REPO_ROOT, 'samples', 'programs');
const CAPTURES = join(REPO_ROOT, 'samples', 'captures');
const WORK = join(BUILD_DIR, 'asm-samples');

/** Each sample's tcpdump equivalent, and whether only zero/non-zero is comparable (other ret k). */
const EQUIVALENTS: Record<string, { expression: string; args?: string[]; boolean?: boolean }> = {
  'default.bpf': { expression: 'ip and (udp port 53 or tcp port 53)' },
  'arp.bpf': {
    expression: 'arp and arp[0:2] = 1 and arp[2:2] = 0x800 and (arp[6:2] = 1 or arp[6:2] = 2)',
    boolean: true,
  },
  'web.bpf': { expression: 'ip and tcp and (port 80 or port 443)' },
  'dns-udp.bpf': { expression: 'ip and udp dst port 53 and udp[10] & 0x80 = 0' },
  'icmp-echo.bpf': { expression: 'icmp[icmptype] = icmp-echo or icmp[icmptype] = icmp-echoreply' },
  'vlan.bpf': {
    expression:
      '(ether[12:2] = 0x8100 and ether[14:2] & 0xfff = 100 and ether[16:2] = 0x800 and ether[27] = 17)' +
      ' or (ether[12:2] = 0x800 and ether[23] = 17)',
  },
  'ipv6-dns.bpf': {
    expression:
      'ether[12:2] = 0x86dd and (ether[20] = 17 or ether[20] = 6) and (ether[54:2] = 53 or ether[56:2] = 53)',
  },
  'tcp-payload.bpf': {
    expression: 'ip and tcp and (ip[2:2] - ((ip[0] & 0xf) << 2) - ((tcp[12] & 0xf0) >> 2)) != 0',
  },
  'snaplen-96.bpf': { expression: 'ip or ip6', args: ['-s', '96'] },
  // Ancillary loads are out of bounds for bpf_filter(): libpcap drops everything.
  'linux-extensions.bpf': { expression: 'less 0 and greater 1' },
};

/** Classic pcap files whose link type is Ethernet (1), read from the global header. */
function ethernetCaptures(): string[] {
  return (
    readdirSync(CAPTURES)
      // the damaged capture is the reader's test, not a filter's: the harness refuses it
      .filter((name) => name.endsWith('.pcap') && !name.startsWith('damaged'))
      .filter((name) => {
        const header = readFileSync(join(CAPTURES, name)).subarray(0, 24);
        if (header.length < 24) return false;
        const littleEndian = header[0] === 0xd4 || header[0] === 0x4d;
        const view = new DataView(header.buffer, header.byteOffset, 24);
        return view.getUint32(20, littleEndian) === 1;
      })
  );
}

/** Verdicts of a program (tcpdump -ddd text) over a capture, one per packet. */
function verdicts(ddd: string, capture: string, name: string): number[] {
  const file = join(WORK, `${name}.ddd`);
  writeFileSync(file, ddd);
  return runTool(harness!, [file, join(CAPTURES, capture)])
    .trim()
    .split('\n')
    .map(Number);
}

describe.skipIf(!tcpdump || !harness)('sample programs match their tcpdump equivalents', () => {
  mkdirSync(WORK, { recursive: true });
  const samples = readdirSync(PROGRAMS).filter((f) => f.endsWith('.bpf'));
  const captures = ethernetCaptures();

  it('every sample has an equivalent, and there are Ethernet captures to run', () => {
    expect(Object.keys(EQUIVALENTS).sort()).toEqual([...samples].sort());
    expect(captures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(samples)('%s', (name) => {
    const equivalent = EQUIVALENTS[name]!;
    const result = assemble(readFileSync(join(PROGRAMS, name), 'utf8'));
    expect(result).toReportNoErrors();
    const insns = result.program!.insns.map(encode);
    const ours = `${insns.length}\n${insns.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`).join('\n')}\n`;
    const theirs = runTool(tcpdump!, [
      ...(equivalent.args ?? []),
      '-y',
      'EN10MB',
      '-ddd',
      equivalent.expression,
    ]);
    let accepted = 0;
    for (const capture of captures) {
      const a = verdicts(ours, capture, `ours-${name}`);
      const b = verdicts(theirs, capture, `tcpdump-${name}`);
      if (equivalent.boolean) expect(a.map(Boolean), capture).toEqual(b.map(Boolean));
      else expect(a, capture).toEqual(b);
      accepted += a.filter((v) => v !== 0).length;
    }
    // every other sample meets traffic it keeps in the sample captures
    if (name === 'linux-extensions.bpf') expect(accepted).toBe(0);
    else expect(accepted).toBeGreaterThan(0);
  });
});
