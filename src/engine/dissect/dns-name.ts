// SPDX-License-Identifier: MIT
/** DNS names on the wire (RFC 1035 §3.1, §4.1.4): labels and compression pointers. */
import type { ByteView } from './byte-view.ts';
import { field, teach, warn } from './field.ts';
import type { Field } from './types.ts';

/** A decoded name and how many bytes it occupies where it starts. */
export interface WireName {
  name: string;
  /** Bytes at the starting offset: the labels up to the terminating zero or the first pointer. */
  length: number;
  /** Each compression pointer followed: where it sits and the message offset it points to. */
  pointers: { at: number; target: number }[];
  error?: string;
}

/** RFC 1035 §2.3.4: a name is at most 255 octets; more pointers than this means a loop. */
const MAX_NAME = 255;
const MAX_POINTERS = 64;

function labelText(view: ByteView, at: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const c = view.u8(at + i);
    out +=
      c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c
        ? String.fromCharCode(c)
        : `\\${c.toString(10).padStart(3, '0')}`;
  }
  return out;
}

/**
 * Read the name at `offset` of a message that starts at `message` and ends at `end`. Pointers are
 * message-relative; each must point backwards, which also rules out loops.
 */
export function readName(view: ByteView, message: number, end: number, offset: number): WireName {
  const labels: string[] = [];
  const pointers: { at: number; target: number }[] = [];
  let at = offset;
  let length = -1;
  let total = 0;
  let error: string | undefined;
  while (true) {
    if (at >= end || at >= view.captured) {
      error = 'name runs past the end of the message';
      break;
    }
    const len = view.u8(at);
    if (len === 0) {
      if (length < 0) length = at + 1 - offset;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      const target = message + (((len & 0x3f) << 8) | view.u8(at + 1));
      if (length < 0) length = at + 2 - offset;
      pointers.push({ at, target: target - message });
      if (target >= at || pointers.length > MAX_POINTERS) {
        error = `compression pointer at byte ${at - message} does not point backwards`;
        break;
      }
      at = target;
      continue;
    }
    if ((len & 0xc0) !== 0) {
      error = `unsupported label type 0x${(len & 0xc0).toString(16)}`;
      break;
    }
    total += len + 1;
    if (total > MAX_NAME) {
      error = 'name longer than 255 bytes';
      break;
    }
    labels.push(labelText(view, at + 1, len));
    at += len + 1;
  }
  if (length < 0) length = Math.max(1, Math.min(at, end) - offset);
  const name = labels.length === 0 ? '<Root>' : labels.join('.');
  const out: WireName = { name, length, pointers };
  if (error) out.error = error;
  return out;
}

/** A name field over its on-wire bytes, with a child per compression pointer. */
export function nameField(
  name: string,
  title: string,
  wire: WireName,
  offset: number,
  message: number,
): Field {
  const out = field(name, `${title}: ${wire.name}`, offset, wire.length, wire.name);
  for (const p of wire.pointers) {
    out.children.push(
      teach(
        'dns.name.pointer',
        `Compression pointer: the name continues at message offset ${p.target} (byte ${message + p.target} of the frame)`,
        p.at,
        2,
      ),
    );
  }
  if (wire.error)
    out.children.push(warn('dns.name.malformed', `Malformed name: ${wire.error}`, offset, wire.length));
  return out;
}
