// SPDX-License-Identifier: MIT
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setEngine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import { encodeSharedState } from '../../../state/url-state.ts';
import type { EngineWorkerApi } from '../../../worker/protocol.ts';
import { EngineSession } from '../../../worker/session.ts';
import { applySharedHash } from './use-link-arrivals.ts';

/** The worker's API over an in-process session (what the worker does, without the worker). */
function inProcessEngine(): EngineWorkerApi {
  const session = new EngineSession();
  return {
    ping: async () => ({ engineVersion: 'test', webAssembly: false }),
    setProgram: async (text, mode) => session.setProgram(text, mode),
    importProgram: async (text) => session.importProgram(text),
    exportProgram: async (format) => session.exportProgram(format),
    openCapture: (source, name, onProgress) => session.openCapture(source, name, onProgress),
    packetRows: (start, count) => session.packetRows(start, count),
    packetView: (index, options) => session.packetView(index, options),
    trace: (index, options) => session.trace(index, options),
    runAll: (options, onProgress) => session.runAll(options, onProgress),
    cancelRunAll: async () => session.cancelRunAll(),
    compileExpression: async (expression, options) => session.compileExpression(expression, options),
    compareWithEditor: (expression, options) => session.compareWithEditor(expression, options),
  };
}

const PROGRAM = 'ldh [12]\njeq #0x86dd, v6, other\nv6: ret #-1\nother: ret #0\n';

describe('a share link arriving in an open page', () => {
  beforeAll(async () => {
    setEngine(inProcessEngine());
    await useStore.getState().setProgramText('ret #1\n');
    await useStore
      .getState()
      .openCapture(new Uint8Array(readFileSync('samples/captures/dns.pcap')), 'dns.pcap');
    useStore.getState().runToEnd();
  });

  it('applies program, packet, breakpoints and settings, keeps the capture, starts at step 0', async () => {
    const hash = encodeSharedState({
      program: PROGRAM,
      packet: 2,
      breakpoints: [{ line: 2, condition: 'A == 0x86dd' }],
      semantics: 'libpcap',
      checkMode: 'socket',
      vlanOffload: true,
      expression: { text: 'ip6 and udp', optimize: false },
    });
    expect(await applySharedHash(hash)).toBe(true);
    const s = useStore.getState();
    expect([s.expression, s.expressionOptimize]).toEqual(['ip6 and udp', false]);
    expect(s.programText).toBe(PROGRAM);
    expect(s.breakpoints).toEqual([{ line: 2, condition: 'A == 0x86dd' }]);
    expect([s.semantics, s.vlanOffload, s.selectedPacket, s.cursor]).toEqual(['libpcap', true, 2, 0]);
    expect(s.capture?.name).toBe('dns.pcap');
    // Packet 3 is the IPv6 query: the program accepts it.
    expect(s.trace?.run.verdict).toBe(0xffffffff);
  });

  it('ignores hashes that are not share links and packets the open capture lacks', async () => {
    expect(await applySharedHash('#section-2')).toBe(false);
    expect(useStore.getState().programText).toBe(PROGRAM);
    const far = encodeSharedState({
      program: 'ret #7\n',
      packet: 9999,
      breakpoints: [],
      semantics: 'linux',
      checkMode: 'socket',
      vlanOffload: false,
    });
    expect(await applySharedHash(far)).toBe(true);
    expect(useStore.getState().selectedPacket).toBe(2);
    expect(useStore.getState().trace?.run.verdict).toBe(7);
    // A link without an expression empties the bar: the page shows what the link holds.
    expect([useStore.getState().expression, useStore.getState().expressionOptimize]).toEqual(['', true]);
  });
});
