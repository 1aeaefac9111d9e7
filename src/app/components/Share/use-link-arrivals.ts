// SPDX-License-Identifier: MIT
/**
 * A share link pasted into the address bar of an open bpflab page changes only the hash, so the
 * page does not reload and the first-load restore never runs. Apply such links as they arrive,
 * keeping the capture that is open (links never carry one).
 */
import { useEffect } from 'react';
import { useStore } from '../../../state/store.ts';
import { decodeSharedState } from '../../../state/url-state.ts';

/** Apply the share link in `hash`; false when it is not one. */
export async function applySharedHash(hash: string): Promise<boolean> {
  const shared = decodeSharedState(hash);
  if (!shared) return false;
  useStore.setState({
    breakpoints: shared.breakpoints,
    semantics: shared.semantics,
    checkMode: shared.checkMode,
    vlanOffload: shared.vlanOffload,
    runAll: undefined,
    // The bar compiles what it is given (debounced); a link without one empties it.
    expression: shared.expression?.text ?? '',
    expressionOptimize: shared.expression?.optimize ?? true,
  });
  const store = useStore.getState();
  await store.setProgramText(shared.program);
  const count = useStore.getState().capture?.packetCount ?? 0;
  if (shared.packet < count) await store.selectPacket(shared.packet);
  useStore.getState().restart();
  return true;
}

/** Listen for share links arriving in the hash while the page is open. */
export function useLinkArrivals(): void {
  useEffect(() => {
    const onHash = () => void applySharedHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
