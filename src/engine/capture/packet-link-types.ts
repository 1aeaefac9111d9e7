// SPDX-License-Identifier: MIT
/** Which link types a capture's packets use (a pcapng may mix them, one per interface). */
import type { Capture } from './capture-types.ts';

/**
 * The link types of `capture`'s packets in first-seen order; a capture with no packets answers
 * its first interface's, so a filter can still be compiled for it.
 */
export function packetLinkTypes(capture: Pick<Capture, 'packetCount' | 'linkType' | 'interfaces'>): number[] {
  const types = new Set<number>();
  for (let i = 0; i < capture.packetCount; i++) types.add(capture.linkType(i));
  if (types.size === 0 && capture.interfaces[0]) types.add(capture.interfaces[0].linkType);
  return [...types];
}
