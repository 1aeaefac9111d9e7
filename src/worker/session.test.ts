// The worker's session over the real engine, in-process: what the UI asks and what it gets back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, filterView, openCapture, run } from '../engine/index.ts';
import { REPO_ROOT } from '../testkit/reference-tools.ts';
import type { PacketOptions } from './protocol.ts';
import { EngineSession } from './session.ts';

const read = (...parts: string[]) => readFileSync(join(REPO_ROOT, ...parts));
const program = read('samples', 'programs', 'default.bpf').toString('utf8');
const capture = new Uint8Array(read('samples', 'captures', 'dns.pcap'));
const options: PacketOptions = { semantics: 'linux', vlanOffload: false, metaOverrides: {} };

async function openSession(): Promise<EngineSession> {
  const session = new EngineSession();
  session.setProgram(program, 'socket');
  await session.openCapture(capture.slice(), 'dns.pcap');
  return session;
}

describe('EngineSession', () => {
  it('assembles and checks a program into a listing tied to editor lines', () => {
    const analysis = new EngineSession().setProgram(program, 'socket');
    expect(analysis).toMatchObject({ assembled: true, runnable: true });
    expect(analysis.listing[0]).toMatchObject({
      pc: 0,
      asm: 'ldh [12]',
      d: '(000) ldh      [12]',
      code: 0x28,
      k: 12,
    });
    expect(analysis.listing.every((row) => typeof row.line === 'number')).toBe(true);
    const jump = analysis.listing.find((row) => row.targets?.length === 2);
    expect(jump?.targets?.every((t) => t > jump.pc)).toBe(true);
  });

  it('reports assembler errors without a listing, and checker errors as not runnable', () => {
    const session = new EngineSession();
    expect(session.setProgram('ldh [12\nret #0\n', 'socket')).toMatchObject({
      assembled: false,
      runnable: false,
      listing: [],
    });
    const rejected = session.setProgram('ld M[0]\nret a\n', 'socket');
    expect(rejected).toMatchObject({ assembled: true, runnable: false });
    expect(rejected.diagnostics.map((d) => d.code)).toContain('CHK2010');
  });

  it('turns a pasted tcpdump -ddd program into bpf_asm', () => {
    const outcome = new EngineSession().importProgram('4\n40 0 0 12\n21 0 1 2054\n6 0 0 262144\n6 0 0 0\n');
    expect(outcome.format).toBe('ddd');
    expect(outcome.text).toContain('ldh [12]');
    expect(outcome.text).toContain('jneq #0x806');
  });

  it('opens a capture and pages its rows', async () => {
    const session = new EngineSession();
    const info = await session.openCapture(capture.slice(), 'dns.pcap');
    expect(info).toMatchObject({
      name: 'dns.pcap',
      format: 'pcap',
      interfaces: [{ linkType: 1, linkTypeName: 'EN10MB' }],
    });
    const rows = await session.packetRows(0, 5);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ index: 0, protocol: 'DNS', source: '192.0.2.10' });
    expect(await session.packetRows(info.packetCount - 1, 10)).toHaveLength(1);
  });

  it('keeps the previous capture when a new one is unreadable', async () => {
    const session = await openSession();
    const failed = await session.openCapture(new Uint8Array([1, 2, 3, 4, 5]), 'garbage.bin');
    expect(failed.packetCount).toBe(0);
    expect(failed.diagnostics.length).toBeGreaterThan(0);
    expect(session.openCaptureName).toBe('dns.pcap');
  });

  it('traces a packet exactly as the engine runs it', async () => {
    const session = await openSession();
    const outcome = await session.trace(0, options);
    const packet = openCapture(capture).capture?.packetAt(0);
    if (!outcome || !packet) throw new Error('no trace');
    const insns = assemble(program).program?.insns ?? [];
    expect(outcome.run).toEqual(run(insns, filterView(packet).context, 'linux'));
    expect(outcome.packet.fields.map((f) => f.name)).toContain('ip');
  });

  it('runs all packets with verdicts equal to the interpreter, in both semantics', async () => {
    const session = await openSession();
    const opened = openCapture(capture).capture;
    const insns = assemble(program).program?.insns ?? [];
    for (const semantics of ['linux', 'libpcap'] as const) {
      const outcome = await session.runAll({ ...options, semantics });
      if (!outcome || !opened) throw new Error('no run');
      const expected = Array.from({ length: opened.packetCount }, (_, i) => {
        const packet = opened.packetAt(i);
        return packet ? run(insns, filterView(packet).context, semantics).verdict : -1;
      });
      expect(Array.from(outcome.verdicts)).toEqual(expected);
      expect(outcome.accepted + outcome.dropped).toBe(opened.packetCount);
      expect(outcome).toMatchObject({ engine: 'wasm', cancelled: false });
    }
  });
});
