// SPDX-License-Identifier: MIT
/** BSD loopback encapsulation: DLT_NULL (family in host byte order) and DLT_LOOP (network order). */
import type { ByteView } from './byte-view.ts';
import { setMetaOnce, setSummary } from './context.ts';
import { field } from './field.ts';
import type { DissectContext, LayerResult } from './types.ts';

/** AF_* values for IPv6 differ by OS: Linux 10, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30. */
const IPV6_FAMILIES: readonly number[] = [10, 24, 28, 30];

function familyText(family: number): string {
  if (family === 2) return 'IP (2)';
  if (IPV6_FAMILIES.includes(family)) return `IPv6 (${family})`;
  return `Unknown (${family})`;
}

/**
 * The 4-byte family word. DLT_NULL stores it in the capturing host's byte order, which the file
 * does not record; a family is a small number, so a value with its high half set was written
 * little-endian (the heuristic tshark uses too).
 */
function readFamily(view: ByteView, offset: number, networkOrder: boolean): number {
  if (networkOrder) return view.u32(offset);
  const le = view.u32le(offset);
  return le > 0xffff ? view.u32(offset) : le;
}

function dissectFamily(
  view: ByteView,
  offset: number,
  ctx: DissectContext,
  networkOrder: boolean,
): LayerResult {
  const family = readFamily(view, offset, networkOrder);
  const order = networkOrder ? 'network byte order' : 'host byte order of the capturing machine';
  const familyField = field('null.family', `Family: ${familyText(family)}`, offset, 4, family);
  const children = [familyField];
  const title = networkOrder ? 'Loopback (DLT_LOOP)' : 'Null/Loopback (DLT_NULL)';
  const out = field(
    networkOrder ? 'loop' : 'null',
    `${title}, family in ${order}`,
    offset,
    4,
    undefined,
    children,
  );
  setSummary(ctx, { protocol: 'NULL', info: `Family ${familyText(family)}` });
  const ethertype = family === 2 ? 0x0800 : IPV6_FAMILIES.includes(family) ? 0x86dd : undefined;
  if (ethertype === undefined)
    return { field: out, next: { table: 'data', offset: offset + 4, end: view.end } };
  setMetaOnce(ctx, { protocol: ethertype });
  return { field: out, next: { table: 'ethertype', key: ethertype, offset: offset + 4, end: view.end } };
}

/** DLT_NULL (0): 4-byte address family in host byte order. */
export function dissectNull(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  return dissectFamily(view, offset, ctx, false);
}

/** DLT_LOOP (108): 4-byte address family in network byte order (OpenBSD). */
export function dissectLoop(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  return dissectFamily(view, offset, ctx, true);
}
