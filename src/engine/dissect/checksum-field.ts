// SPDX-License-Identifier: MIT
/** A checksum field that says whether the checksum is right ("verified", as the task asks). */
import type { ByteView } from './byte-view.ts';
import { checksumOk, expectedChecksum } from './checksum.ts';
import { field } from './field.ts';
import { hex } from './format.ts';
import type { Field } from './types.ts';

/** What the checksum over a span turned out to be. */
export type ChecksumStatus = 'good' | 'bad' | 'unverified';

/**
 * A 16-bit Internet checksum at `offset`, verified over `[start, start + length)` (plus a
 * pseudo-header sum `initial`); unverifiable when the covered bytes were not all captured.
 */
export function checksumField(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  start: number,
  length: number,
  initial = 0,
): { field: Field; status: ChecksumStatus } {
  const value = view.u16(offset);
  let status: ChecksumStatus = 'unverified';
  let note = '[unverified: not all covered bytes were captured]';
  if (length >= 2 && view.has(start, length)) {
    const covered = view.bytes.subarray(start, start + length);
    if (checksumOk(covered, initial)) {
      status = 'good';
      note = '[correct]';
    } else {
      status = 'bad';
      note = `[incorrect, should be ${hex(expectedChecksum(covered, offset - start, initial), 4)}]`;
    }
  }
  const statusWord = status === 'good' ? 'Good' : status === 'bad' ? 'Bad' : 'Unverified';
  const child = field(`${name}.status`, `Checksum Status: ${statusWord}`, offset, 2, status);
  const out = field(name, `${title}: ${hex(value, 4)} ${note}`, offset, 2, value, [child]);
  if (status === 'bad') out.note = 'warning';
  return { field: out, status };
}
