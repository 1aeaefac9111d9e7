// The expression bar's state over an in-process engine session: compile for the open capture's
// link type, drop superseded results, compare with the editor, and notice when that goes stale.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineWorkerApi } from '../worker/protocol.ts';
import { EngineSession } from '../worker/session.ts';
import { setEngine } from './engine.ts';
import { comparisonStale, expressionLinkType } from './filter-slice.ts';
import { useStore } from './store.ts';

/** The worker's API over an in-process session; `delay` slows compiles to race them. */
function inProcessEngine(delay: (expression: string) => number): EngineWorkerApi {
  const session = new EngineSession();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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
    compileExpression: async (expression, options) => {
      await wait(delay(expression));
      return session.compileExpression(expression, options);
    },
    compareWithEditor: (expression, options) => session.compareWithEditor(expression, options),
  };
}

const store = () => useStore.getState();

describe('filter slice', () => {
  beforeAll(async () => {
    setEngine(inProcessEngine((expression) => (expression === 'slow' ? 50 : 0)));
    await store().setProgramText(readFileSync('samples/programs/default.bpf', 'utf8'));
  });

  it('compiles for Ethernet until a capture says otherwise', async () => {
    expect(expressionLinkType(store())).toBe(1);
    await store().openCapture(new Uint8Array(readFileSync('samples/captures/linktype-raw.pcap')), 'raw');
    expect(expressionLinkType(store())).toBe(101);
    store().setExpression('ip');
    await store().compileExpression();
    expect(store().expressionOutcome).toMatchObject({ expression: 'ip', linkTypeName: 'RAW' });
  });

  it('keeps the newest compile when an older one answers last', async () => {
    store().setExpression('slow');
    const older = store().compileExpression();
    store().setExpression('tcp');
    await store().compileExpression();
    await older;
    expect(store().expressionOutcome?.expression).toBe('tcp');
  });

  it('clears the outcome for a blank expression and keeps the text as typed', async () => {
    store().setExpression('   ');
    await store().compileExpression();
    expect(store().expressionOutcome).toBeUndefined();
    store().setExpression('  udp');
    await store().compileExpression();
    expect(store().expressionOutcome?.expression).toBe('  udp');
  });

  it('compares with the editor and goes stale when the program changes', async () => {
    await store().openCapture(new Uint8Array(readFileSync('samples/captures/dns.pcap')), 'dns.pcap');
    store().setExpression('udp port 53');
    store().setExpressionOptimize(false);
    await store().compareWithEditor();
    const c = store().comparison;
    expect(c?.total).toBe(24);
    expect(c?.differences.length).toBeGreaterThan(0);
    expect(store().comparing).toBe(false);
    expect(comparisonStale(store())).toBe(false);
    await store().setProgramText('ret #0\n');
    expect(comparisonStale(store())).toBe(true);
    store().clearComparison();
    expect(store().comparison).toBeUndefined();
    expect(comparisonStale(store())).toBe(false);
  });
});
