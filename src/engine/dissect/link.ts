// SPDX-License-Identifier: MIT
/** Where each link type's frame starts (the LINKTYPE_* numbers live in capture/link-types.ts). */
import {
  LINKTYPE_EN10MB,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  LINKTYPE_RAW_LEGACY_12,
  LINKTYPE_RAW_LEGACY_14,
} from '../capture/link-types.ts';
import type { PacketMeta } from '../vm/types.ts';
import { dissectLoop, dissectNull } from './bsd-null.ts';
import type { ByteView } from './byte-view.ts';
import { dissectEthernet } from './ethernet.ts';
import { dissectSll, dissectSll2 } from './sll.ts';
import type { Dissector, Next } from './types.ts';

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
    case LINKTYPE_EN10MB:
      return at(dissectEthernet);
    case LINKTYPE_LINUX_SLL:
      return at(dissectSll);
    case LINKTYPE_LINUX_SLL2:
      return at(dissectSll2);
    case LINKTYPE_NULL:
      return at(dissectNull, { pktType: 0 });
    case LINKTYPE_LOOP:
      return at(dissectLoop, { pktType: 0 });
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_LEGACY_12:
    case LINKTYPE_RAW_LEGACY_14:
      return rawStart(view);
    case LINKTYPE_IPV4:
      return rawStart(view, 4);
    case LINKTYPE_IPV6:
      return rawStart(view, 6);
    default:
      return { meta: {} };
  }
}
