// SPDX-License-Identifier: MIT
/** IPv4 header options (RFC 791 §3.1, RFC 2113 router alert). */
import type { ByteView } from './byte-view.ts';
import { bits, bytesField, field, flag, uint, warn } from './field.ts';
import { formatIpv4, plural } from './format.ts';
import type { Field } from './types.ts';

const OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Options List (EOL)',
  1: 'No-Operation (NOP)',
  7: 'Record Route',
  68: 'Time Stamp',
  130: 'Security',
  131: 'Loose Source Route',
  137: 'Strict Source Route',
  136: 'Stream ID',
  148: 'Router Alert',
};

/** The type byte split into copy flag, class and number. */
function typeField(view: ByteView, offset: number): Field {
  const type = view.u8(offset);
  const out = uint(view, 'ip.opt.type', 'Type', offset, 1, (v) => `${v}`);
  out.children.push(
    flag(view, 'ip.opt.type.copy', 'Copy on fragmentation', offset, 1, 0x80, ['Yes', 'No']),
    bits(view, 'ip.opt.type.class', 'Class', offset, 1, 0x60, (v) => (v === 0 ? 'Control (0)' : `${v}`)),
    bits(view, 'ip.opt.type.number', 'Number', offset, 1, 0x1f),
  );
  out.label = `Type: ${type}`;
  return out;
}

/** Route options: a pointer, then a list of IPv4 addresses. */
function routeFields(view: ByteView, offset: number, length: number, name: string): Field[] {
  const out: Field[] = [uint(view, 'ip.opt.ptr', 'Pointer', offset + 2, 1)];
  for (let at = offset + 3; at + 4 <= offset + length; at += 4) {
    const addr = formatIpv4(view.slice(at, 4));
    out.push(
      field(name, `${name === 'ip.rec_rt' ? 'Recorded Route' : 'Source Route'}: ${addr}`, at, 4, addr),
    );
  }
  return out;
}

/** The fields after type and length for one option. */
function optionBody(view: ByteView, type: number, offset: number, length: number): Field[] {
  if (type === 7) return routeFields(view, offset, length, 'ip.rec_rt');
  if (type === 131 || type === 137) return routeFields(view, offset, length, 'ip.src_rt');
  if (type === 148 && length === 4) {
    return [
      uint(view, 'ip.opt.ra', 'Router Alert', offset + 2, 2, (v) =>
        v === 0 ? 'Router shall examine packet (0)' : `${v}`,
      ),
    ];
  }
  if (type === 68 && length >= 4) {
    return [
      uint(view, 'ip.opt.ptr', 'Pointer', offset + 2, 1),
      bits(view, 'ip.opt.overflow', 'Overflow', offset + 3, 1, 0xf0),
      bits(view, 'ip.opt.flag', 'Flag', offset + 3, 1, 0x0f),
      ...(length > 4 ? [bytesField(view, 'ip.opt.data', 'Data', offset + 4, length - 4)] : []),
    ];
  }
  return length > 2 ? [bytesField(view, 'ip.opt.data', 'Data', offset + 2, length - 2)] : [];
}

/** Every option in `[start, end)`; stops at EOL or at an option whose length does not fit. */
export function ipv4Options(view: ByteView, start: number, end: number): Field {
  const options: Field[] = [];
  let at = start;
  while (at < Math.min(end, view.captured)) {
    const type = view.u8(at);
    const name = OPTION_NAMES[type] ?? `Unknown (0x${type.toString(16).padStart(2, '0')})`;
    if (type === 0 || type === 1) {
      options.push(field('ip.opt', `IP Option - ${name}`, at, 1, type, [typeField(view, at)]));
      at += 1;
      if (type === 0) break;
      continue;
    }
    const length = view.u8(at + 1);
    if (length < 2 || at + length > end) {
      options.push(
        warn(
          'ip.opt.len.invalid',
          `IP Option - ${name}: length ${length} does not fit the header`,
          at,
          end - at,
        ),
      );
      at = end;
      break;
    }
    const children = [
      typeField(view, at),
      uint(view, 'ip.opt.len', 'Length', at + 1, 1),
      ...optionBody(view, type, at, length),
    ];
    options.push(
      field('ip.opt', `IP Option - ${name} (${plural(length, 'byte')})`, at, length, type, children),
    );
    at += length;
  }
  if (at < end && at < view.captured)
    options.push(bytesField(view, 'ip.opt.padding', 'Padding', at, end - at));
  return field(
    'ip.options',
    `Options: (${plural(end - start, 'byte')})`,
    start,
    end - start,
    undefined,
    options,
  );
}
