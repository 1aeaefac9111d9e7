// SPDX-License-Identifier: MIT
/** TCP options (RFC 9293 §3.1, RFC 7323 window scale and timestamps, RFC 2018 SACK). */
import type { ByteView } from './byte-view.ts';
import { bytesField, field, uint, warn } from './field.ts';
import { plural } from './format.ts';
import type { Field } from './types.ts';

const NAMES: Readonly<Record<number, [string, string]>> = {
  0: ['tcp.options.eol', 'End of Option List (EOL)'],
  1: ['tcp.options.nop', 'No-Operation (NOP)'],
  2: ['tcp.options.mss', 'Maximum segment size'],
  3: ['tcp.options.wscale', 'Window scale'],
  4: ['tcp.options.sack_perm', 'SACK permitted'],
  5: ['tcp.options.sack', 'SACK'],
  8: ['tcp.options.timestamp', 'Timestamps'],
  30: ['tcp.options.mptcp', 'Multipath TCP'],
  34: ['tcp.options.tfo', 'TCP Fast Open Cookie'],
};

/** Options decoded, plus the tshark-style summary words (`MSS=1460 SACK_PERM WS=128`). */
export interface TcpOptions {
  field: Field;
  words: string[];
  /** The window-scale shift, or -1 without that option. */
  wsShift: number;
}

function body(
  view: ByteView,
  kind: number,
  at: number,
  length: number,
  words: string[],
  found: { wsShift: number },
): Field[] {
  if (kind === 2 && length === 4) {
    words.push(`MSS=${view.u16(at + 2)}`);
    return [uint(view, 'tcp.options.mss_val', 'MSS Value', at + 2, 2)];
  }
  if (kind === 3 && length === 3) {
    const shift = view.u8(at + 2);
    found.wsShift = shift;
    words.push(`WS=${2 ** Math.min(shift, 14)}`);
    const out = uint(view, 'tcp.options.wscale.shift', 'Shift count', at + 2, 1);
    return [
      out,
      field(
        'tcp.options.wscale.multiplier',
        `Multiplier: ${2 ** Math.min(shift, 14)}`,
        at + 2,
        1,
        2 ** Math.min(shift, 14),
      ),
    ];
  }
  if (kind === 4 && length === 2) {
    words.push('SACK_PERM');
    return [];
  }
  if (kind === 8 && length === 10) {
    words.push(`TSval=${view.u32(at + 2)}`, `TSecr=${view.u32(at + 6)}`);
    return [
      uint(view, 'tcp.options.timestamp.tsval', 'Timestamp value', at + 2, 4),
      uint(view, 'tcp.options.timestamp.tsecr', 'Timestamp echo reply', at + 6, 4),
    ];
  }
  if (kind === 5 && length >= 10 && (length - 2) % 8 === 0) {
    const out: Field[] = [];
    for (let b = at + 2; b + 8 <= at + length; b += 8) {
      out.push(
        uint(view, 'tcp.options.sack_le', 'left edge', b, 4),
        uint(view, 'tcp.options.sack_re', 'right edge', b + 4, 4),
      );
      words.push(`SLE=${view.u32(b)}`, `SRE=${view.u32(b + 4)}`);
    }
    return out;
  }
  return length > 2 ? [bytesField(view, 'tcp.options.data', 'Data', at + 2, length - 2)] : [];
}

/** Every option in `[start, end)`; a length that does not fit ends the list with a warning. */
export function tcpOptions(view: ByteView, start: number, end: number): TcpOptions {
  const words: string[] = [];
  const found = { wsShift: -1 };
  const list: Field[] = [];
  let at = start;
  while (at < Math.min(end, view.captured)) {
    const kind = view.u8(at);
    const [name, title] = NAMES[kind] ?? ['tcp.options.unknown', `Unknown (kind ${kind})`];
    const kindField = uint(view, 'tcp.option_kind', 'Kind', at, 1, (v) => `${title} (${v})`);
    if (kind === 0 || kind === 1) {
      list.push(field(name, `TCP Option - ${title}`, at, 1, kind, [kindField]));
      at += 1;
      if (kind === 0) break;
      continue;
    }
    const length = view.u8(at + 1);
    if (length < 2 || at + length > end) {
      list.push(
        warn(
          'tcp.option.len.invalid',
          `${title} (option length = ${length} bytes does not fit the options)`,
          at,
          end - at,
        ),
      );
      at = end;
      break;
    }
    const children = [
      kindField,
      uint(view, 'tcp.option_len', 'Length', at + 1, 1),
      ...body(view, kind, at, length, words, found),
    ];
    list.push(field(name, `TCP Option - ${title}`, at, length, kind, children));
    at += length;
  }
  if (at < end && at < view.captured)
    list.push(bytesField(view, 'tcp.options.padding', 'Padding', at, end - at));
  const out = field(
    'tcp.options',
    `Options: (${plural(end - start, 'byte')})`,
    start,
    end - start,
    undefined,
    list,
  );
  return { field: out, words, wsShift: found.wsShift };
}
