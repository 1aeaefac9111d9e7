// `bpflab compile`: the contract (exit codes, caret diagnostics into the expression, --json), and
// the listing against tcpdump's own for the same expression and link type.
import { describe, expect, it } from 'vitest';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { bpflab } from '../test-helpers.ts';

/**
 * Expressions across the language; every one compiles for Ethernet, some are refused on other
 * link types (by libpcap and bpflab alike). Listings are compared optimized and unoptimized.
 */
const EXPRESSIONS = [
  'udp port 53',
  'ip and udp port 53',
  'tcp',
  'host 10.0.0.1',
  'src net 10.0.0.0/8',
  'dst net 192.168.0.0 mask 255.255.0.0',
  'ether host aa:bb:cc:dd:ee:ff',
  'ether broadcast',
  'arp or rarp',
  'ip6',
  'vlan 100 and ip',
  'icmp[icmptype] == icmp-echo',
  'tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn',
  'portrange 1000-2000',
  'less 100',
  'greater 1000',
  'ip proto 17',
  'not tcp port 22',
  'src host 192.168.1.1 and dst port 80',
  'ip multicast',
  'len > 60 and ip6',
  'ip6 host 2001:db8::1',
  'udp[8:2] = 0x1234 || tcp[13] & 2 != 0',
  'geneve',
  'geneve 5 and ip',
];

const LINK_TYPES = ['EN10MB', 'RAW', 'LINUX_SLL', 'LINUX_SLL2', 'NULL'] as const;

/** tcpdump's listing, or undefined when libpcap refuses the expression for this link type. */
function tcpdumpListing(tcpdump: string, args: string[]): string | undefined {
  try {
    return runTool(tcpdump, args);
  } catch {
    return undefined;
  }
}

describe('bpflab compile', () => {
  it('prints the optimized listing in tcpdump -d format by default', async () => {
    const r = await bpflab('compile', 'ip', 'and', 'udp', 'port', '53');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\(000\) ldh {6}\[12\]\n/);
    expect(r.stdout).toMatch(/ret {6}#262144\n/);
    const quoted = await bpflab('compile', 'ip and udp port 53', '--format', 'd');
    expect(quoted.stdout).toBe(r.stdout);
    const unoptimized = await bpflab('compile', 'ip and udp port 53', '--no-optimize');
    expect(unoptimized.stdout.split('\n').length).toBeGreaterThanOrEqual(r.stdout.split('\n').length);
  });

  it('names the primitive of every test in --format asm', async () => {
    const r = await bpflab('compile', 'udp port 53', '--format', 'asm');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/jn?eq #0x35, \w+ ; UDP (source|destination) port = 53/);
    expect(r.stdout).toMatch(/ret #262144/);
  });

  it('points a caret into the expression and exits 1 on an expression error', async () => {
    const r = await bpflab('compile', 'udp port');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error\[FLT\d{4}\]: expected .* but found end of input/m);
    expect(r.stderr).toContain('--> <expression>:1:9');
    expect(r.stderr).toMatch(/1 \| udp port\n\s+\|\s+\^/);
    const bad = await bpflab('compile', 'host 1.2.3.400');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--> <expression>:1:6');
  });

  it('prints a JSON document for results and for errors', async () => {
    const ok = await bpflab('compile', 'tcp', '--json', '--linktype', 'RAW');
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc).toMatchObject({ expression: 'tcp', linkType: { value: 101, name: 'RAW' }, format: 'd' });
    expect(doc.insns).toBe(doc.output.trim().split('\n').length);
    const failed = await bpflab('compile', 'tcp port', '--json');
    expect(failed.code).toBe(1);
    const error = JSON.parse(failed.stdout).error;
    expect(error.diagnostics[0]).toMatchObject({ severity: 'error', range: { startLine: 1, startCol: 9 } });
  });

  it('refuses an expression the link type cannot express, naming the link type', async () => {
    const r = await bpflab('compile', 'ether host aa:bb:cc:dd:ee:ff', '--linktype', 'RAW');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[FLT\d{4}\]/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await bpflab('compile')).code).toBe(2);
    expect((await bpflab('compile', 'tcp', '--linktype', 'TOKENRING9')).code).toBe(2);
    expect((await bpflab('compile', 'tcp', '--format', 'xtbpf')).code).toBe(2);
    expect((await bpflab('compile', 'tcp', '--snaplen', '0')).code).toBe(2);
    expect((await bpflab('compile', 'tcp', '--linktype')).code).toBe(2);
  });
});

describe('bpflab compile equals tcpdump -d (and --no-optimize equals tcpdump -O -d)', () => {
  const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');
  const cases = LINK_TYPES.flatMap((dlt) =>
    EXPRESSIONS.flatMap((expr) => [[dlt, expr, 'optimized'] as const, [dlt, expr, 'unoptimized'] as const]),
  );

  it.skipIf(!tcpdump).each(cases)('%s: %s (%s)', async (dlt, expr, how) => {
    const optimized = how === 'optimized';
    const theirs = tcpdumpListing(tcpdump as string, [...(optimized ? [] : ['-O']), '-d', '-y', dlt, expr]);
    const ours = await bpflab('compile', expr, '--linktype', dlt, ...(optimized ? [] : ['--no-optimize']));
    if (theirs === undefined) {
      // libpcap refuses it for this link type: so must bpflab, with a diagnostic.
      expect(ours.code).toBe(1);
      expect(ours.stderr).toMatch(/error\[FLT\d{4}\]/);
      return;
    }
    expect(ours.stderr).not.toMatch(/^error/m);
    expect(ours.stdout).toBe(theirs);
  });

  it.skipIf(!tcpdump)("takes tcpdump's own letters: -y LINKTYPE, -s SNAPLEN, -O", async () => {
    const args = ['-O', '-y', 'LINUX_SLL', '-s', '96', 'tcp port 80'];
    const ours = await bpflab('compile', ...args);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toBe(tcpdumpListing(tcpdump as string, ['-d', ...args]));
  });

  it.skipIf(!tcpdump).each(['dd', 'ddd'] as const)('--format %s with --snaplen', async (format) => {
    for (const expr of ['ip and udp port 53', 'vlan and tcp[tcpflags] & tcp-syn != 0', 'arp']) {
      const theirs = runTool(tcpdump as string, [`-${format}`, '-s', '96', '-y', 'EN10MB', expr]);
      const ours = await bpflab('compile', expr, '--format', format, '--snaplen', '96');
      expect(ours.stdout).toBe(theirs);
    }
  });
});
