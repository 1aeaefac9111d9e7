// SPDX-License-Identifier: MIT
/** Link-layer header types (LINKTYPE_* numbers from pcap files) and where each frame starts. */
import type { PacketMeta } from '../vm/types.ts';
import { dissectLoop, dissectNull } from './bsd-null.ts';
import type { ByteView } from './byte-view.ts';
import { dissectEthernet } from './ethernet.ts';
import { dissectSll, dissectSll2 } from './sll.ts';
import type { Dissector, Next } from './types.ts';

/** The link types the dissector understands. */
export const LINKTYPE = {
  NULL: 0,
  EN10MB: 1,
  /** DLT_RAW as some BSDs numbered it in files. */
  RAW_12: 12,
  /** DLT_RAW on OpenBSD. */
  RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** Name of a link type as libpcap spells it (`EN10MB`), or `LINKTYPE_<n>`. */
export function linkTypeName(linkType: number): string {
  const entry = Object.entries(LINKTYPE).find(([, n]) => n === linkType);
  if (!entry) return `LINKTYPE_${linkType}`;
  return entry[0].startsWith('RAW') ? 'RAW' : entry[0];
}

/** Where dissection of a frame starts, and what the link type alone tells about the metadata. */
export interface LinkStart {
  next?: Next;
  meta: Partial<PacketMeta>;
}

/** ARPHRD_NONE: Linux tun devices without packet info, which libpcap records as LINKTYPE_RAW. */
const ARPHRD_NONE = 0xfffe;

/** Raw IP: the version nibble says IPv4 or IPv6 (and so what skb->protocol is). */
function rawStart(view: ByteView, only?: 4 | 6): LinkStart {
  const version = only ?? view.u8(0) >> 4;
  const meta: Partial<PacketMeta> = { hatype: ARPHRD_NONE, pktType: 0, linkOffset: 0 };
  if (version === 4 || version === 6) {
    const key = version === 4 ? 0x0800 : 0x86dd;
    return { next: { table: 'ethertype', key, offset: 0, end: view.end }, meta: { ...meta, protocol: key } };
  }
  return { next: { table: 'data', offset: 0, end: view.end }, meta };
}

/** The first step for a frame of `linkType`, or no step for an unsupported link type. */
export function linkStart(linkType: number, view: ByteView): LinkStart {
  const at = (dissector: Dissector, meta: Partial<PacketMeta> = {}): LinkStart => ({
    next: { dissector, offset: 0, end: view.end },
    meta: { linkOffset: 0, ...meta },
  });
  switch (linkType) {
    case LINKTYPE.EN10MB:
      return at(dissectEthernet);
    case LINKTYPE.LINUX_SLL:
      return at(dissectSll);
    case LINKTYPE.LINUX_SLL2:
      return at(dissectSll2);
    case LINKTYPE.NULL:
      return at(dissectNull, { pktType: 0 });
    case LINKTYPE.LOOP:
      return at(dissectLoop, { pktType: 0 });
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_12:
    case LINKTYPE.RAW_14:
      return rawStart(view);
    case LINKTYPE.IPV4:
      return rawStart(view, 4);
    case LINKTYPE.IPV6:
      return rawStart(view, 6);
    default:
      return { meta: {} };
  }
}
