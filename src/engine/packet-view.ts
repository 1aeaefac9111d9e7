// SPDX-License-Identifier: MIT
/**
 * A captured packet as a filter sees it: the dissector derives what the frame can tell about the
 * socket-buffer metadata (protocol, packet type, network offset…), VLAN offload optionally moves
 * the outer tag out of the bytes, then the user's overrides win. The worker, the CLI and "run
 * all" share this, so every face of bpflab gives the same verdicts.
 */
import type { CapturePacket } from './capture/capture-types.ts';
import { dissect } from './dissect/index.ts';
import type { Dissection, TcpConversations } from './dissect/types.ts';
import { resolveMeta } from './vm/meta.ts';
import type { PacketContext, PacketMeta } from './vm/types.ts';

/** How a packet is presented to the filter. */
export interface FilterViewOptions {
  /** Strip the outer 802.1Q/802.1ad tag into metadata, as Linux does with hardware VLAN offload. */
  vlanOffload?: boolean;
  /** User overrides of the derived metadata. */
  metaOverrides?: Partial<PacketMeta>;
  /** Per-capture TCP state, so summaries can show relative sequence numbers. */
  tcpConversations?: TcpConversations;
}

/** The packet context to run a filter on, plus the dissection it was derived from. */
export interface FilterView {
  context: PacketContext & { meta: PacketMeta };
  dissection: Dissection;
}

/** Present `packet` to a filter. Interface ids become ifindex 1, 2, … unless overridden. */
export function filterView(packet: CapturePacket, options: FilterViewOptions = {}): FilterView {
  const dissection = dissect(packet.bytes, packet.linkType, {
    wireLength: packet.wireLength,
    vlanOffload: options.vlanOffload === true,
    ...(options.tcpConversations ? { tcpConversations: options.tcpConversations } : {}),
  });
  const meta = resolveMeta(
    { ifindex: packet.interfaceId + 1, ...dissection.meta, ...options.metaOverrides },
    packet.index,
  );
  return { context: { bytes: dissection.bytes, wireLength: dissection.wireLength, meta }, dissection };
}
