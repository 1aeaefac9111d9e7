// `bpflab filter`: the contract, and the matches against tcpdump reading the same capture with the
// same expression (tcpdump -r FILE -w - EXPR, whose packets are then counted and compared).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPackets, openCapture, writePcap } from '../../engine/index.ts';
import { REPO_ROOT, requireTool } from '../../testkit/reference-tools.ts';
import { bpflab } from '../test-helpers.ts';

const capture = (name: string) => join('samples', 'captures', name);
const scratch = mkdtempSync(join(tmpdir(), 'bpflab-filter-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Packets of a pcap/pcapng file: bytes and timestamps, for comparing two files' contents. */
function packetsOf(bytes: Uint8Array) {
  const { capture: c } = openCapture(bytes);
  if (!c) throw new Error('not a capture');
  return Array.from({ length: c.packetCount }, (_, i) => {
    const p = c.packetAt(i);
    return { bytes: Buffer.from(p?.bytes ?? []).toString('hex'), ts: `${p?.tsSec}.${p?.tsNsec}` };
  });
}

/** What tcpdump keeps: its -w output, or undefined when it refuses the expression. */
function tcpdumpMatches(tcpdump: string, file: string, expr: string): Uint8Array | undefined {
  const r = spawnSync(tcpdump, ['-r', resolve(REPO_ROOT, file), '-w', '-', expr], { maxBuffer: 64 << 20 });
  return r.status === 0 ? new Uint8Array(r.stdout) : undefined;
}

const EXPRESSIONS = [
  'udp port 53',
  'tcp',
  'ip',
  'ip6',
  'not ip',
  'host 192.0.2.10',
  'net 198.51.100.0/24',
  'tcp[tcpflags] & tcp-syn != 0',
  'icmp or icmp6',
  'arp',
  'vlan',
  'greater 100',
  'ip[6:2] & 0x1fff != 0',
  'udp and not port 53',
  'ip6 proto 17 or ip6 protochain 17',
  'sctp',
  'igmp',
  'src portrange 50000-60000',
];

const CAPTURES = [
  'dns.pcap',
  'arp.pcap',
  'icmp.pcap',
  'icmpv6.pcap',
  'tcp-session.pcap',
  'dual-stack.pcap',
  'ipv4-fragments.pcap',
  'ipv6-extension-headers.pcap',
  'vlan-qinq.pcap',
  'sctp.pcap',
  'igmp.pcap',
  'truncated-snaplen.pcap',
  'tunnels.pcap',
  'linktype-raw.pcap',
  'linktype-linux-sll.pcap',
  'linktype-linux-sll2.pcap',
  'linktype-null.pcap',
  'linktype-loop.pcap',
  'linktype-ipv4.pcap',
  'linktype-ipv6.pcap',
];

describe('bpflab filter', () => {
  it('prints one tcpdump-like line per matching packet', async () => {
    const r = await bpflab('filter', 'udp port 53', capture('dns.pcap'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^\s+1 {2}\d\d:\d\d:\d\d\.\d{6} DNS 192\.0\.2\.10 > 198\.51\.100\.53: .*, length \d+$/,
    );
  });

  it('--json gives every packet with index, match and ret; --count the number of matches', async () => {
    const r = await bpflab('filter', 'tcp', capture('dns.pcap'), '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { index: number; match: boolean; ret: number }[];
    expect(rows.map((row) => row.index)).toEqual(rows.map((_, i) => i + 1));
    for (const row of rows) expect(row.match).toBe(row.ret !== 0);
    const count = await bpflab('filter', 'tcp', capture('dns.pcap'), '--count');
    expect(count.stdout).toBe(`${rows.filter((row) => row.match).length}\n`);
  });

  it('joins the words before the capture into the expression', async () => {
    const joined = await bpflab('filter', 'udp', 'port', '53', capture('dns.pcap'), '--count');
    const quoted = await bpflab('filter', 'udp port 53', capture('dns.pcap'), '--count');
    expect(joined.stdout).toBe(quoted.stdout);
  });

  it('-w writes the matching packets as a pcap', async () => {
    const out = join(scratch, 'dns-udp.pcap');
    const r = await bpflab('filter', 'udp', capture('dns.pcap'), '-w', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = new Uint8Array(readFileSync(out));
    expect([...written.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    const count = await bpflab('filter', 'udp', capture('dns.pcap'), '--count');
    expect(packetsOf(written)).toHaveLength(Number(count.stdout));
  });

  it('compiles per interface in a pcapng that mixes link types', async () => {
    const r = await bpflab('filter', 'ip', capture('two-interfaces.pcapng'), '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { match: boolean }[];
    expect(rows.length).toBeGreaterThan(0);
    const out = join(scratch, 'mixed.pcapng');
    expect((await bpflab('filter', 'ip', capture('two-interfaces.pcapng'), '-w', out)).code).toBe(0);
    expect(packetsOf(new Uint8Array(readFileSync(out)))).toHaveLength(rows.filter((x) => x.match).length);
  });

  it('reports expression errors with a caret, and link types the expression cannot serve', async () => {
    const r = await bpflab('filter', 'udp port', capture('dns.pcap'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--> <expression>:1:9');
    const raw = await bpflab('filter', 'ether src aa:bb:cc:dd:ee:ff', capture('linktype-raw.pcap'));
    expect(raw.code).toBe(1);
    expect(raw.stderr).toMatch(/error\[FLT\d{4}\]/);
    const json = await bpflab('filter', 'udp port', capture('dns.pcap'), '--json');
    expect(JSON.parse(json.stdout).error.diagnostics.length).toBeGreaterThan(0);
    expect((await bpflab('filter', 'tcp', 'no-such.pcap')).code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await bpflab('filter', 'tcp')).code).toBe(2);
    expect((await bpflab('filter', 'tcp', capture('dns.pcap'), '-w', '-', '--count')).code).toBe(2);
    expect((await bpflab('filter', 'tcp', capture('dns.pcap'), '-x')).code).toBe(2);
  });
});

/** `path`: a sample (`capture(name)`) or a file written by the test. */
async function expectSameAsTcpdump(tcpdump: string, path: string, expr: string): Promise<void> {
  const theirs = tcpdumpMatches(tcpdump, path, expr);
  const out = join(scratch, 'ours.pcap');
  const ours = await bpflab('filter', expr, path, '-w', out);
  if (theirs === undefined) {
    expect(ours.code).toBe(1); // libpcap refuses the expression for this link type
    return;
  }
  expect(ours.code).toBe(0);
  expect(packetsOf(new Uint8Array(readFileSync(out)))).toEqual(packetsOf(theirs));
  const count = await bpflab('filter', expr, path, '--count');
  expect(Number(count.stdout)).toBe(packetsOf(theirs).length);
}

describe('bpflab filter keeps exactly what tcpdump -r keeps', () => {
  const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');
  const cases = CAPTURES.flatMap((file) => EXPRESSIONS.map((expr) => [file, expr] as const));

  // NULL/LOOP captures included: with a file open, libpcap matches IPv6 by every BSD AF_INET6
  // value (24, 28, 30), not the compiling host's 10 as `tcpdump -d -y NULL` does.
  it.skipIf(!tcpdump).each(cases)('%s: %s', (file, expr) =>
    expectSameAsTcpdump(tcpdump as string, capture(file), expr),
  );

  it.skipIf(!tcpdump)('on a big-endian NULL file, whose address families are big-endian too', async () => {
    // linktype-null.pcap rewritten as a big-endian machine would have captured it.
    const { capture: le } = openCapture(
      new Uint8Array(readFileSync(join(REPO_ROOT, capture('linktype-null.pcap')))),
    );
    if (!le) throw new Error('unreadable sample');
    const packets = Array.from({ length: le.packetCount }, (_, i) => {
      const p = le.packetAt(i);
      if (!p) throw new Error('unreadable packet');
      const bytes = p.bytes.slice();
      bytes.subarray(0, 4).reverse();
      return { bytes, wireLength: p.wireLength, tsSec: p.tsSec, tsNsec: p.tsNsec };
    });
    const file = join(scratch, 'null-be.pcap');
    writeFileSync(file, writePcap(packets, { linkType: 0, bigEndian: true }));
    for (const expr of ['ip', 'ip6', 'udp port 53', 'not ip6', 'ip6 proto 17 or ip6 protochain 17']) {
      await expectSameAsTcpdump(tcpdump as string, file, expr);
    }
    // Not vacuous: the file has IPv4 and IPv6 packets, and both are told apart.
    expect(Number((await bpflab('filter', 'ip', file, '--count')).stdout)).toBeGreaterThan(0);
    expect(Number((await bpflab('filter', 'ip6', file, '--count')).stdout)).toBeGreaterThan(0);
  });

  it.skipIf(!tcpdump)("accepts with the file's snapshot length, as tcpdump's program returns", async () => {
    for (const file of ['truncated-snaplen.pcap', 'dns.pcap', 'linktype-null.pcap']) {
      const listing = spawnSync(tcpdump as string, [
        '-r',
        resolve(REPO_ROOT, capture(file)),
        '-d',
        'ip or ip6',
      ]);
      const accept = Number(/ret\s+#(\d+)\n[^\n]*ret\s+#0\s*$/.exec(listing.stdout.toString())?.[1]);
      expect(accept).toBeGreaterThan(0);
      const rows = JSON.parse((await bpflab('filter', 'ip or ip6', capture(file), '--json')).stdout) as {
        ret: number;
      }[];
      expect(new Set(rows.map((r) => r.ret).filter((ret) => ret !== 0))).toEqual(new Set([accept]));
    }
  });

  it.skipIf(!tcpdump)('on each interface of a mixed pcapng, split into one pcap per link type', async () => {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, capture('two-interfaces.pcapng'))));
    const { capture: mixed } = openCapture(bytes);
    if (!mixed) throw new Error('unreadable sample');
    for (const expr of ['ip', 'udp', 'tcp port 80', 'host 192.0.2.10']) {
      const rows = JSON.parse(
        (await bpflab('filter', expr, capture('two-interfaces.pcapng'), '--json')).stdout,
      );
      for (const [id, iface] of mixed.interfaces.entries()) {
        const indices = rows
          .map((_: unknown, i: number) => i)
          .filter((i: number) => mixed.interfaceId(i) === id);
        if (indices.length === 0) continue;
        const split = await exportPackets(mixed, indices, { format: 'pcap' });
        const path = join(scratch, `iface-${id}.pcap`);
        writeFileSync(path, split.bytes as Uint8Array);
        const theirs = tcpdumpMatches(tcpdump as string, path, expr);
        const ours = indices.filter((i: number) => rows[i].match).length;
        expect(theirs && packetsOf(theirs).length, `${expr} on ${iface.linkTypeName}`).toBe(ours);
      }
    }
  });
});
