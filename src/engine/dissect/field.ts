// SPDX-License-Identifier: MIT
/** Builders for dissection fields, and the pass that marks fields the capture cut short. */
import type { ByteView } from './byte-view.ts';
import { bitPicture, hexBytes, maskedValue, plural } from './format.ts';
import type { Field } from './types.ts';

/** A field with an explicit label and value. */
export function field(
  name: string,
  label: string,
  offset: number,
  length: number,
  value?: string | number,
  children: Field[] = [],
): Field {
  const out: Field = { name, label, range: { offset, length }, children };
  if (value !== undefined) out.value = value;
  return out;
}

/** Read a big-endian unsigned integer of 1–4 bytes. */
export function readUint(view: ByteView, offset: number, length: number): number {
  if (length === 1) return view.u8(offset);
  if (length === 2) return view.u16(offset);
  if (length === 3) return view.u24(offset);
  return view.u32(offset);
}

/** An unsigned integer field labelled `Title: text`, text from `show` (decimal by default). */
export function uint(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  length: number,
  show: (value: number) => string = String,
): Field {
  const value = readUint(view, offset, length);
  return field(name, `${title}: ${show(value)}`, offset, length, value);
}

/** A sub-byte field: `mask` picks its bits out of `length` bytes; labelled with tshark's bit picture. */
export function bits(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  length: number,
  mask: number,
  show: (value: number) => string = String,
): Field {
  const raw = readUint(view, offset, length);
  const value = maskedValue(raw, mask);
  const out = field(
    name,
    `${bitPicture(raw, mask, length)} = ${title}: ${show(value)}`,
    offset,
    length,
    value,
  );
  out.range.bitMask = mask;
  return out;
}

/** A one-bit flag (`Set`/`Not set` unless told otherwise). */
export function flag(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  length: number,
  mask: number,
  words: readonly [string, string] = ['Set', 'Not set'],
): Field {
  return bits(view, name, title, offset, length, mask, (v) => (v ? words[0] : words[1]));
}

/** Byte runs keep at most this much hex as their value: the hex view shows the rest. */
const MAX_VALUE_BYTES = 256;

/** Hex of up to `limit` bytes at `offset`, with an ellipsis when there are more. */
function hexPreview(view: ByteView, offset: number, length: number, limit: number): string {
  const text = hexBytes(view.slice(offset, Math.min(length, limit)));
  return length > limit ? `${text}…` : text;
}

/** A run of raw bytes shown as hex. */
export function bytesField(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  length: number,
): Field {
  const label = `${title}: ${hexPreview(view, offset, length, 32)}`;
  return field(name, label, offset, length, hexPreview(view, offset, length, MAX_VALUE_BYTES));
}

/** Payload the dissector does not decode further. */
export function dataField(view: ByteView, offset: number, length: number, name = 'data'): Field {
  const value = hexPreview(view, offset, length, MAX_VALUE_BYTES);
  return field(name, `Data (${plural(length, 'byte')})`, offset, length, value);
}

/** A teaching annotation: a field that explains what the bytes mean for a filter author. */
export function teach(name: string, label: string, offset: number, length: number): Field {
  return { ...field(name, label, offset, length), note: 'teaching' };
}

/** A warning annotation: something malformed. */
export function warn(name: string, label: string, offset: number, length: number): Field {
  return { ...field(name, label, offset, length), note: 'warning' };
}

/** The title part of a label: after tshark's bit picture, before the first `: `. */
function titleOf(label: string): string {
  const afterPicture = /^[01. ]+ = /.test(label) ? label.slice(label.indexOf(' = ') + 3) : label;
  const colon = afterPicture.indexOf(': ');
  return colon < 0 ? afterPicture : afterPicture.slice(0, colon);
}

/** Mark one field (and its subtree) that extends past the captured bytes. */
function markField(f: Field, captured: number): void {
  const end = f.range.offset + f.range.length;
  if (f.note !== 'teaching' && end > captured) {
    f.note = 'warning';
    if (f.children.length > 0) {
      if (!f.label.endsWith(' [cut short]')) f.label = `${f.label} [cut short]`;
    } else {
      const got = Math.max(0, captured - f.range.offset);
      f.label =
        got === 0
          ? `${titleOf(f.label)}: [not captured]`
          : `${titleOf(f.label)}: [cut short: captured ${got} of ${plural(f.range.length, 'byte')}]`;
      delete f.value;
    }
  }
  for (const child of f.children) markField(child, captured);
}

/** Mark every field whose bytes run past the capture ("captured N of M bytes"), in place. */
export function markCutShort(fields: Field[], captured: number): void {
  for (const f of fields) markField(f, captured);
}
