// SPDX-License-Identifier: MIT
/**
 * Per-conversation TCP state for summaries, as tshark keeps it: sequence numbers relative to each
 * direction's first one (`Seq=0 Ack=1`) and windows scaled by the shift both SYNs announced.
 */
import type { TcpConversations } from './types.ts';

/** A fresh table; feed it the packets of one capture in order. */
export function createTcpConversations(): TcpConversations {
  return { bases: new Map(), scales: new Map() };
}

/** What one segment says, as the summary needs it. */
export interface Segment {
  from: string;
  to: string;
  seq: number;
  ack: number;
  syn: boolean;
  ackFlag: boolean;
  window: number;
  /** The window-scale shift of this segment's option, or -1 without one. */
  wsShift: number;
}

const wrap = (n: number) => (n + 0x100000000) % 0x100000000;

/** Relative sequence and acknowledgment numbers, and the window as the sender meant it. */
export function tcpNumbers(
  table: TcpConversations | undefined,
  s: Segment,
): { seq: number; ack: number; window: number } {
  if (!table) return { seq: s.seq, ack: s.ack, window: s.window };
  const forward = `${s.from}>${s.to}`;
  const reverse = `${s.to}>${s.from}`;
  // A SYN starts the direction at its own number; joining mid-stream, tshark counts the first
  // segment seen as relative 1, so the base sits one below it.
  if (s.syn) table.bases.set(forward, s.seq);
  else if (!table.bases.has(forward)) table.bases.set(forward, wrap(s.seq - 1));
  if (s.ackFlag && !table.bases.has(reverse)) table.bases.set(reverse, wrap(s.ack - 1));
  if (s.syn) table.scales.set(forward, s.wsShift);
  const base = table.bases.get(forward)!;
  const reverseBase = table.bases.get(reverse);
  // RFC 7323 §2.2: scaling applies only when both SYNs carried the option, and never to a SYN.
  const mine = table.scales.get(forward) ?? -1;
  const theirs = table.scales.get(reverse) ?? -1;
  const scaled = !s.syn && mine >= 0 && theirs >= 0;
  return {
    seq: wrap(s.seq - base),
    ack: reverseBase === undefined ? s.ack : wrap(s.ack - reverseBase),
    window: scaled ? s.window * 2 ** Math.min(mine, 14) : s.window,
  };
}
