// SPDX-License-Identifier: MIT
/** Helpers dissectors use to fill in the packet summary and the Linux metadata. */
import type { PacketMeta } from '../vm/types.ts';
import type { DissectContext, SummaryState } from './types.ts';

/** Overwrite summary pieces (the higher layer wins), unless inside a quoted packet. */
export function setSummary(ctx: DissectContext, parts: Partial<SummaryState>): void {
  if (ctx.embedded) return;
  Object.assign(ctx.summary, parts);
}

/** Set metadata keys that nothing set before (the outermost header decides), unless quoted. */
export function setMetaOnce(ctx: DissectContext, parts: Partial<PacketMeta>): void {
  if (ctx.embedded) return;
  for (const [key, value] of Object.entries(parts) as [keyof PacketMeta, never][]) {
    if (ctx.meta[key] === undefined) ctx.meta[key] = value;
  }
}

/**
 * Record where the kernel's flow dissector would put `poff` (SKF_AD_PAY_OFFSET): the first
 * transport header it stops at decides; `final` marks that no later header may change it.
 */
export function setPayloadOffset(ctx: DissectContext, offset: number, final: boolean): void {
  if (ctx.embedded || ctx.transportDone) return;
  ctx.meta.payloadOffset = offset;
  if (final) ctx.transportDone = true;
}

/** Summary text for the address pair of a layer. */
export function addresses(ctx: DissectContext, source: string, destination: string): void {
  setSummary(ctx, { source, destination });
}

/** Mark the frame as a fragment: its summary line says so even when a transport header follows. */
export function setFragmentSummary(ctx: DissectContext, protocol: string, info: string): void {
  if (ctx.embedded || ctx.fragmentSummary) return;
  ctx.fragmentSummary = { protocol, info };
  setSummary(ctx, { protocol, info });
}
