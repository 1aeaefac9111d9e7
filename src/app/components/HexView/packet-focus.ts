// SPDX-License-Identifier: MIT
/**
 * State the hex view and the field tree share and nobody else needs: the field under the pointer,
 * the field the user selected (each tied to the packet its path belongs to), and the packet shown
 * when there is no trace (no program assembled yet: bytes and fields still deserve a look).
 */
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { packetOptions } from '../../../state/debugger-slice.ts';
import { engine } from '../../../state/engine.ts';
import { useStore } from '../../../state/store.ts';
import type { PacketView } from '../../../worker/protocol.ts';
import type { FieldPath } from '../FieldTree/field-paths.ts';
import { type ReadFocus, readFocus } from './read-focus.ts';

/** A field of one packet (`packet` is the packet key of {@link useShownPacket}). */
export interface FieldRef {
  packet: string;
  path: FieldPath;
}

interface PacketFocusState {
  hovered: FieldRef | undefined;
  selected: FieldRef | undefined;
  /** Bumped when a selection should be scrolled into view (a click in the other pane). */
  reveal: number;
  fallback: { key: string; view: PacketView | undefined } | undefined;
  hover(ref: FieldRef | undefined): void;
  select(ref: FieldRef | undefined, reveal?: boolean): void;
}

/** The shared hover/selection store of the byte and field panes. */
export const usePacketFocus = create<PacketFocusState>()((set, get) => ({
  hovered: undefined,
  selected: undefined,
  reveal: 0,
  fallback: undefined,
  hover(ref) {
    const now = get().hovered;
    if (now?.packet !== ref?.packet || now?.path !== ref?.path) set({ hovered: ref });
  },
  select(ref, reveal = false) {
    set({ selected: ref, ...(reveal ? { reveal: get().reveal + 1 } : {}) });
  },
}));

/** The path of `ref` when it belongs to `packet`. */
export function pathFor(ref: FieldRef | undefined, packet: string): FieldPath | undefined {
  return ref?.packet === packet ? ref.path : undefined;
}

let fallbackRequest = 0;

/**
 * The packet the byte and field panes show: the trace's packet, or when there is no trace (no
 * assembled program) the selected packet fetched on its own. `key` names the packet for
 * {@link FieldRef}s.
 */
export function useShownPacket(): { packet: PacketView | undefined; key: string } {
  const s = useStore(
    useShallow((state) => ({
      trace: state.trace,
      hasCapture: state.capture !== undefined,
      selected: state.selectedPacket,
      generation: state.captureGeneration,
      vlanOffload: state.vlanOffload,
      metaOverrides: state.metaOverrides,
    })),
  );
  const fallback = usePacketFocus((f) => f.fallback);
  const wanted = `${s.generation}:${s.selected}:${s.vlanOffload}:${JSON.stringify(s.metaOverrides)}`;
  const needFallback = !s.trace && s.hasCapture;
  useEffect(() => {
    if (!needFallback || usePacketFocus.getState().fallback?.key === wanted) return;
    const request = ++fallbackRequest;
    void engine()
      .packetView(s.selected, packetOptions(useStore.getState()))
      .then((view) => {
        if (request === fallbackRequest) usePacketFocus.setState({ fallback: { key: wanted, view } });
      });
  }, [needFallback, wanted, s.selected]);
  if (s.trace) return { packet: s.trace.packet, key: `${s.generation}:${s.trace.packet.index}` };
  if (!s.hasCapture || !fallback) return { packet: undefined, key: '' };
  const packet = fallback.view;
  return { packet, key: packet ? `${s.generation}:${packet.index}` : '' };
}

/** The bytes lit at the cursor for the shown packet (nothing when the trace is of another packet). */
export function useReadFocus(packet: PacketView | undefined): ReadFocus {
  const s = useStore(useShallow((state) => ({ trace: state.trace, cursor: state.cursor })));
  const steps = s.trace && s.trace.packet === packet ? s.trace.run.steps : undefined;
  return useMemo(
    () => (steps && packet ? readFocus(steps, s.cursor, packet.bytes.length) : {}),
    [steps, s.cursor, packet],
  );
}
