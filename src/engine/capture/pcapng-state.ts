// SPDX-License-Identifier: MIT
/** What the pcapng block handlers share while walking a file: the current section and interface scales. */
import type { ParseContext } from './parse-context.ts';
import type { TsOut, TsScale } from './timestamps.ts';

/** Per-run pcapng state beside the {@link ParseContext}. */
export class PcapngState {
  /** Index in `ctx.interfaces` of the current section's first interface (ids restart per section). */
  sectionFirst = 0;
  /** Timestamp scale of every interface, by global index. */
  readonly scales: TsScale[] = [];
  /** Scratch for timestamp conversion. */
  readonly ts: TsOut = { sec: 0, nsec: 0 };

  /** The global interface index for a section-local id, or undefined when the section lacks it. */
  globalInterface(ctx: ParseContext, localId: number): number | undefined {
    return localId < ctx.interfaces.length - this.sectionFirst ? this.sectionFirst + localId : undefined;
  }
}
