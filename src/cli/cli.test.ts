// The CLI contract (DESIGN §7), through the real `bin/bpflab.js` entry: exit codes, stdout/stderr,
// --json documents, and the acceptance checks against bpfc.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, requireTool, runTool } from '../testkit/reference-tools.ts';
import { bpflab } from './test-helpers.ts';

/** Run the real `bin/bpflab.js` in a child process (for stdin input and the entry point itself). */
function bpflabProcess(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'bpflab.js'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = (name: string) => join('samples', 'programs', name);
const capture = (name: string) => join('samples', 'captures', name);

describe('bpflab CLI', () => {
  it('runs as bin/bpflab.js: usage with --help, the version with --version', () => {
    const help = bpflabProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: bpflab <command>/);
    for (const command of ['asm', 'disasm', 'check', 'run', 'dissect'])
      expect(help.stdout).toContain(`  ${command} `);
    expect(bpflabProcess(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('stops quietly when the reader closes the pipe early (| head), as Unix filters do', () => {
    // `head -c 1` reads one byte and exits while the dissection is still being written.
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" bin/bpflab.js dissect ${capture('tcp-session.pcap')} --packet 4 | head -c 1`,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await bpflab('frobnicate')).code).toBe(2);
    expect((await bpflab('asm')).code).toBe(2);
    expect((await bpflab('asm', sample('default.bpf'), '--format', 'nope')).code).toBe(2);
    expect((await bpflab('run', sample('default.bpf'), capture('dns.pcap'), '--trace', '0')).code).toBe(2);
  });

  it('reports all three errors of a program with line:col and exits 1', async () => {
    const r = await bpflab('asm', join('src', 'engine', 'asm', 'testdata', 'three-errors.bpf'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const located = r.stderr.match(/--> \S+three-errors\.bpf:\d+:\d+/g) ?? [];
    expect(located).toHaveLength(3);
    expect(r.stderr.match(/^error\[ASM\d{4}\]/gm)).toHaveLength(3);
  });

  it('prints a JSON error document with --json', async () => {
    const r = await bpflab('asm', join('src', 'engine', 'asm', 'testdata', 'three-errors.bpf'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { error: { message: string; diagnostics: { code: string }[] } };
    expect(doc.error.diagnostics).toHaveLength(3);
    expect((await bpflab('disasm', 'no-such-file.bpf')).code).toBe(1);
  });

  it('check names the kernel rule and exits 1 when the kernel would refuse', async () => {
    const r = bpflabProcess(['check', '-', '--json'], '');
    expect(r.code).toBe(1); // empty stdin: not a program
    expect(JSON.parse(r.stdout)).toHaveProperty('error');
    const ok = await bpflab('check', sample('default.bpf'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok: the Linux checker accepts this program');
  });

  it('disasm turns a tcpdump -ddd program into bpf_asm that re-assembles to the same bytes', () => {
    const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');
    if (!tcpdump) return;
    const ddd = runTool(tcpdump, ['-ddd', '-y', 'EN10MB', 'ip and udp port 53']);
    const asm = bpflabProcess(['disasm', '-'], ddd);
    expect(asm.code).toBe(0);
    const again = bpflabProcess(['asm', '-', '--format', 'ddd'], asm.stdout);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(ddd);
  });

  it('run --json gives one verdict object per packet', async () => {
    const r = await bpflab('run', sample('default.bpf'), capture('dns.pcap'), '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { index: number; ret: number }[];
    expect(rows[0]).toMatchObject({ index: 1, ret: 262144 });
    expect(rows.map((row) => row.index)).toEqual(rows.map((_, i) => i + 1));
  });

  it('run --trace prints every step of one packet', async () => {
    const r = await bpflab('run', sample('default.bpf'), capture('dns.pcap'), '--trace', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+0\s+ldh \[12\]\s+0x00000800/m);
    expect(r.stdout).toMatch(/verdict: 262144/);
  });

  it('dissect --json follows the documented shape', async () => {
    const r = await bpflab('dissect', capture('dns.pcap'), '--json', '--packet', '1');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'pcap', warnings: [] });
    expect(doc.packets).toHaveLength(1);
    expect(doc.packets[0]).toMatchObject({ index: 1, interface: 0 });
    expect(doc.packets[0].fields.length).toBeGreaterThan(0);
  });

  it('dissect keeps the packets before the damage of a damaged file and warns', async () => {
    const r = await bpflab('dissect', capture('damaged-truncated.pcap'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.packets.length).toBeGreaterThan(0);
    expect(doc.warnings.length).toBeGreaterThan(0);
    expect((await bpflab('dissect', sample('default.bpf'))).code).toBe(1);
  });
});

describe('bpflab asm --format ddd equals bpfc for every sample program', () => {
  const bpfc = requireTool('bpfc', 'the Debian package netsniff-ng');
  const samples = readdirSync(join(REPO_ROOT, 'samples', 'programs')).filter((f) => f.endsWith('.bpf'));
  it.skipIf(!bpfc).each(samples)('%s', async (name) => {
    const ours = await bpflab('asm', sample(name), '--format', 'ddd', '--no-check');
    expect(ours.code).toBe(0);
    // bpfc -f tcpdump prints tcpdump -ddd lines without the count line.
    const theirs = runTool(bpfc as string, ['-f', 'tcpdump', '-i', join(REPO_ROOT, sample(name))]);
    const lines = theirs.trim().split('\n');
    expect(ours.stdout).toBe(`${lines.length}\n${lines.join('\n')}\n`);
  });
});
