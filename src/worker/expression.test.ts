// The worker's expression requests over the real engine, in-process: the compiled program for the
// bar, and the editor-vs-expression comparison over whole captures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, compileFilter, filterView, openCapture, run } from '../engine/index.ts';
import { REPO_ROOT } from '../testkit/reference-tools.ts';
import { diffVerdicts } from './expression.ts';
import type { PacketOptions } from './protocol.ts';
import { EngineSession } from './session.ts';

const read = (...parts: string[]) => readFileSync(join(REPO_ROOT, ...parts));
const dnsProgram = read('samples', 'programs', 'default.bpf').toString('utf8');
const captureBytes = (name: string) => new Uint8Array(read('samples', 'captures', name));
const options: PacketOptions & { optimize: boolean } = {
  semantics: 'linux',
  vlanOffload: false,
  metaOverrides: {},
  optimize: true,
};

async function session(program: string, capture = 'dns.pcap'): Promise<EngineSession> {
  const s = new EngineSession();
  s.setProgram(program, 'socket');
  await s.openCapture(captureBytes(capture), capture);
  return s;
}

/** Verdicts of a program over every packet of a capture, through the interpreter. */
function verdicts(text: string, capture: string): number[] {
  const { program } = assemble(text);
  const { capture: c } = openCapture(captureBytes(capture));
  if (!program || !c) throw new Error('bad fixture');
  return Array.from({ length: c.packetCount }, (_, i) => {
    const p = c.packetAt(i);
    return p ? run(program.insns, filterView(p).context, 'linux').verdict : 0;
  });
}

describe('compileExpression', () => {
  it('gives bpf_asm that names the expression and reassembles to the compiled program', () => {
    const outcome = new EngineSession().compileExpression('udp port 53', { linkType: 1, optimize: true });
    expect(outcome).toMatchObject({ expression: 'udp port 53', linkTypeName: 'EN10MB', optimize: true });
    expect(outcome.text).toMatch(
      /^; tcpdump expression: udp port 53\n; compiled by bpflab for EN10MB, optimized\n/,
    );
    expect(outcome.text).toMatch(/; UDP (source|destination) port = 53/);
    const compiled = compileFilter('udp port 53', { linkType: 1 }).program;
    expect(assemble(outcome.text as string).program?.insns).toEqual(compiled?.insns);
  });

  it('ties every listing row to the primitive it implements', () => {
    const text = 'ip and udp port 53';
    const outcome = new EngineSession().compileExpression(text, { linkType: 1, optimize: false });
    expect(outcome.listing.length).toBeGreaterThan(4);
    expect(outcome.listing[0]).toMatchObject({ pc: 0, d: '(000) ldh      [12]' });
    expect(outcome.listing.every((row) => row.line === undefined)).toBe(true);
    const primitives = new Set(
      outcome.listing.flatMap((row) =>
        row.range ? [text.slice(row.range.startCol - 1, row.range.endCol - 1)] : [],
      ),
    );
    // The final accept/reject returns belong to the whole expression.
    expect(primitives).toEqual(new Set(['ip', 'udp port 53', text]));
  });

  it('returns diagnostics and no program for an expression with errors', () => {
    const outcome = new EngineSession().compileExpression('udp port', { linkType: 1, optimize: true });
    expect(outcome.text).toBeUndefined();
    expect(outcome.listing).toEqual([]);
    expect(outcome.diagnostics[0]).toMatchObject({ severity: 'error', range: { startCol: 9 } });
  });

  it("compiles as tcpdump -r does for the open capture's link type: its snaplen, savefile rules", async () => {
    const s = await session(dnsProgram, 'linktype-null.pcap');
    const withFile = s.compileExpression('ip6', { linkType: 0, optimize: true });
    expect(withFile.text).toMatch(/compiled by bpflab for NULL, optimized, as tcpdump -r compiles it/);
    // BSD's three AF_INET6 values (24, 28, 30), little-endian as the file was written.
    const families = withFile.listing.flatMap((row) => /jeq\s+#(0x[0-9a-f]+)/.exec(row.d)?.[1] ?? []);
    expect(families.map(Number)).toEqual([0x1e000000, 0x18000000, 0x1c000000]);
    // Another link type: no file to read it from, so as `tcpdump -d -y` (the host's AF_INET6).
    const noFile = new EngineSession().compileExpression('ip6', { linkType: 0, optimize: true });
    expect(noFile.text).not.toMatch(/tcpdump -r/);
    expect(noFile.listing.filter((row) => /jeq/.test(row.d))).toHaveLength(1);
  });

  it('compiles for the link type it is given', () => {
    const raw = new EngineSession().compileExpression('ip', { linkType: 101, optimize: true });
    expect(raw.linkTypeName).toBe('RAW');
    expect(raw.listing[0]?.d).toMatch(/ldb {6}\[0\]/);
  });
});

describe('compareWithEditor', () => {
  it('finds no difference between the default program and its own expression', async () => {
    const s = await session(dnsProgram);
    const c = await s.compareWithEditor('ip and (udp port 53 or tcp port 53)', options);
    expect(c.problem).toBeUndefined();
    expect(c).toMatchObject({ total: 24, acceptDrop: 0, lengths: 0, differences: [] });
    expect(c.editorAccepted).toBe(c.expressionAccepted);
  });

  it('lists the packets where accept and drop differ, with both verdicts', async () => {
    const s = await session(dnsProgram);
    const c = await s.compareWithEditor('udp port 53', options);
    const ours = verdicts(dnsProgram, 'dns.pcap');
    const { program } = compileFilter('udp port 53', { linkType: 1 });
    const { capture } = openCapture(captureBytes('dns.pcap'));
    const theirs = ours.map((_, i) => {
      const p = capture?.packetAt(i);
      return p && program ? run(program.insns, filterView(p).context, 'linux').verdict : 0;
    });
    const expected = ours.flatMap((v, i) => (v === theirs[i] ? [] : [i]));
    expect(expected.length).toBeGreaterThan(0); // IPv6 DNS and TCP DNS are judged differently
    expect(c.differences.map((d) => d.index)).toEqual(expected);
    for (const d of c.differences) {
      expect(d).toMatchObject({ editor: ours[d.index], expression: theirs[d.index], kind: 'accept-drop' });
    }
  });

  it('counts a different snap length as a difference of its own kind', () => {
    const diff = diffVerdicts(Uint32Array.of(0, 96, 262144, 7), Uint32Array.of(0, 262144, 262144, 0));
    expect(diff).toMatchObject({ acceptDrop: 1, lengths: 1, editorAccepted: 3, expressionAccepted: 2 });
    expect(diff.differences).toEqual([
      { index: 1, editor: 96, expression: 262144, kind: 'length' },
      { index: 3, editor: 7, expression: 0, kind: 'accept-drop' },
    ]);
  });

  it('compiles per link type in a pcapng that mixes them', async () => {
    const s = await session('ret #262144\n', 'two-interfaces.pcapng');
    const c = await s.compareWithEditor('ip', options);
    expect(c.problem).toBeUndefined();
    expect(c.total).toBeGreaterThan(0);
    expect(c.expressionAccepted).toBeGreaterThan(0);
    expect(c.acceptDrop).toBe(c.total - c.expressionAccepted);
  });

  it('says why nothing was compared', async () => {
    const empty = new EngineSession();
    expect((await empty.compareWithEditor('tcp', options)).problem).toBe('no capture is open');
    const broken = await session('ldh [12\n');
    expect((await broken.compareWithEditor('tcp', options)).problem).toMatch(/does not assemble/);
    const bad = await session(dnsProgram);
    const outcome = await bad.compareWithEditor('tcp port', options);
    expect(outcome.problem).toMatch(/does not compile/);
    expect(outcome.diagnostics.length).toBeGreaterThan(0);
  });
});
