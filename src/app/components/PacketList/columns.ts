// SPDX-License-Identifier: MIT
/** What the packet list's Time and Verdict cells say. */
import { hex, verdictMeaning } from '../../format.ts';

/**
 * Seconds since the first packet, to the microsecond, as packet lists show time by default.
 * Integer arithmetic on the two parts keeps precision for timestamps far from the epoch.
 */
export function relativeTime(tsSec: number, tsNsec: number, firstSec: number, firstNsec: number): string {
  let sec = tsSec - firstSec;
  let nsec = tsNsec - firstNsec;
  let sign = '';
  if (sec < 0 || (sec === 0 && nsec < 0)) {
    sign = '-';
    sec = -sec;
    nsec = -nsec;
  }
  if (nsec < 0) {
    sec -= 1;
    nsec += 1_000_000_000;
  }
  return `${sign}${sec}.${String(Math.floor(nsec / 1000)).padStart(6, '0')}`;
}

/** A Verdict cell: text, its colour class, and a tooltip in plain words. */
export interface VerdictCell {
  text: string;
  kind: 'accept' | 'drop' | 'none';
  title: string;
}

/** The Verdict cell for a packet (undefined verdict: the run never reached it). */
export function verdictCell(verdict: number | undefined, wireLength: number): VerdictCell {
  if (verdict === undefined)
    return { text: '—', kind: 'none', title: 'not run (the run was cancelled first)' };
  if (verdict === 0)
    return { text: 'drop', kind: 'drop', title: `returned 0: ${verdictMeaning(0, wireLength)}` };
  // Large values (ret #-1 is 0xffffffff) read better in hex.
  const value = verdict > 999_999 ? hex(verdict) : String(verdict);
  return {
    text: `accept ${value}`,
    kind: 'accept',
    title: `returned ${verdict}: ${verdictMeaning(verdict, wireLength)}`,
  };
}
