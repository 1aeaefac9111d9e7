// SPDX-License-Identifier: MIT
/**
 * First load: restore a share link from the URL hash, else open the default sample program; then
 * open the default sample capture so the debugger has something to show straight away.
 */
import defaultProgram from '../../samples/programs/default.bpf?raw';
import { useStore } from '../state/store.ts';
import { decodeSharedState } from '../state/url-state.ts';
import { DEFAULT_CAPTURE, sampleCaptures } from './samples.ts';

/** Load the initial program and capture (`hash` is `location.hash`, injected for testability). */
export async function bootstrap(hash: string): Promise<void> {
  const shared = decodeSharedState(hash);
  const store = useStore.getState();
  if (shared) {
    useStore.setState({
      breakpoints: shared.breakpoints,
      semantics: shared.semantics,
      checkMode: shared.checkMode,
      vlanOffload: shared.vlanOffload,
      ...(shared.expression
        ? { expression: shared.expression.text, expressionOptimize: shared.expression.optimize }
        : {}),
    });
  }
  const programDone = store.setProgramText(shared?.program ?? defaultProgram);
  const sample = sampleCaptures().find((s) => s.name === DEFAULT_CAPTURE);
  if (sample) {
    const bytes = new Uint8Array(await (await fetch(sample.url)).arrayBuffer());
    await store.openCapture(bytes, sample.name);
  }
  await programDone;
  if (shared && shared.packet > 0) await store.selectPacket(shared.packet);
}
