// SPDX-License-Identifier: MIT
/**
 * DECnet Phase IV host tests (libpcap gen_dnhostop facts). Behind the EtherType 0x6003 comes a
 * 2-byte length, optional padding, then the routing flags byte; data packets carry both node
 * addresses, in a short header (destination 1 byte after the flags, source 3) or a long one
 * (destination 7, source 15, after the area/subarea bytes and the HIORD AA-00-04-00). libpcap looks
 * for exactly four shapes, short or long with no padding or one pad byte, and misses the rest:
 * more padding, and every control message.
 */
import type { DirQual } from './filter-ast.ts';
import { andFrag, type Frag, orFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { ETH, genLinktype } from './lower-link.ts';
import { formatDecnet } from './resolve-decnet.ts';

/** Offsets after the flags byte: [short header, long header]. */
const OFFSETS = { dst: [1, 7], src: [3, 15] } as const;
/** The length field sits before the padding and the flags byte. */
const FLAGS_AT = 2;

/**
 * The compiling host's ntohs: libpcap compares the big-endian half-word load with the address in
 * host order swapped, so on a little-endian host (as here) it matches the little-endian wire value.
 */
const swap16 = (v: number) => ((v & 0xff) << 8) | ((v >>> 8) & 0xff);

type Field = 'src' | 'dst';

/** One of the four header shapes libpcap recognises, then the address in it. */
function shape(ctx: LowerCtx, addr: number, f: Field, long: boolean, pad: 0 | 1): Frag {
  const format = long ? 'long' : 'short';
  const kind = long ? 0x06 : 0x02;
  // The pad-1 test reads the pad byte (0x81: pad bit, count 1) and the flags byte after it at once.
  const test =
    pad === 1
      ? ctx.mcmp(
          'linkpl',
          FLAGS_AT,
          2,
          swap16(0x0081 | (kind << 8)),
          swap16(0x07ff),
          `DECnet ${format} data, 1 pad byte`,
        )
      : ctx.mcmp('linkpl', FLAGS_AT, 1, kind, 0x07, `DECnet ${format} data, no padding`);
  const at = FLAGS_AT + pad + OFFSETS[f][long ? 1 : 0];
  const which = f === 'src' ? 'source' : 'destination';
  const note = `DECnet ${which} (${format} header${pad ? ', 1 pad byte' : ''}) = ${formatDecnet(addr)}`;
  return andFrag(test, ctx.cmp('linkpl', at, 2, swap16(addr), note));
}

/** One direction: the link type, then the four shapes ORed in libpcap's order (each new one first). */
function oneDir(ctx: LowerCtx, addr: number, f: Field): Frag {
  const link = genLinktype(ctx, ETH.DN);
  let b = shape(ctx, addr, f, true, 1);
  b = orFrag(shape(ctx, addr, f, true, 0), b);
  b = orFrag(shape(ctx, addr, f, false, 1), b);
  return andFrag(link, orFrag(shape(ctx, addr, f, false, 0), b));
}

/**
 * `decnet host|src|dst A` for the 16-bit address `addr` (area << 10 | node). For `host` (`src or
 * dst`) and `src and dst` libpcap builds each direction whole, link-type test included, source first.
 */
export function lowerDecnetHost(ctx: LowerCtx, addr: number, dir: DirQual): Frag {
  if (dir === 'src' || dir === 'dst') return oneDir(ctx, addr, dir);
  const src = oneDir(ctx, addr, 'src');
  const dst = oneDir(ctx, addr, 'dst');
  return dir === 'and' ? andFrag(src, dst) : orFrag(src, dst);
}
