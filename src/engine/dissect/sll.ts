// SPDX-License-Identifier: MIT
/** Linux "cooked" capture headers: LINUX_SLL (113, 16 bytes) and LINUX_SLL2 (276, 20 bytes). */
import type { ByteView } from './byte-view.ts';
import { addresses, setMetaOnce, setSummary } from './context.ts';
import { ETHERTYPE_MIN } from './ethernet.ts';
import { bytesField, field, uint } from './field.ts';
import { formatMac, hex } from './format.ts';
import { dissectLlc } from './llc.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult, Next } from './types.ts';

/** skb->pkt_type values (linux/if_packet.h PACKET_*). */
const PACKET_TYPES = ['Unicast to us', 'Broadcast', 'Multicast', 'Unicast to another host', 'Sent by us'];

/** ARPHRD_* device types a cooked capture commonly carries (linux/if_arp.h). */
const ARPHRD_NAMES: Readonly<Record<number, string>> = {
  1: 'Ethernet',
  512: 'PPP',
  519: 'Raw IP',
  772: 'Loopback',
  776: 'IPv6-in-IPv4 (SIT)',
  778: 'GRE',
  824: 'Netlink',
  65534: 'None',
};

function packetTypeText(v: number): string {
  return `${PACKET_TYPES[v] ?? 'Unknown'} (${v})`;
}

function hatypeText(v: number): string {
  return `${ARPHRD_NAMES[v] ?? 'Unknown'} (${v})`;
}

/** The link-layer address slot (8 bytes, of which `halen` are used). */
function addressFields(view: ByteView, offset: number, hatype: number, halen: number): Field[] {
  const used = Math.min(halen, 8);
  const out: Field[] = [];
  if (hatype === 1 && used === 6) {
    const mac = formatMac(view.slice(offset, 6));
    out.push(field('sll.src.eth', `Source: ${mac}`, offset, 6, mac));
  } else if (used > 0) {
    out.push(bytesField(view, 'sll.src.other', 'Source', offset, used));
  }
  if (used < 8) out.push(bytesField(view, 'sll.unused', 'Unused', offset + used, 8 - used));
  return out;
}

/** The protocol field and where it leads: an EtherType, or (below 0x0600) an ETH_P_* pseudo-type. */
function protocolField(view: ByteView, offset: number, next: number): { field: Field; next: Next } {
  const proto = view.u16(offset);
  if (proto >= ETHERTYPE_MIN) {
    return {
      field: uint(view, 'sll.etype', 'Protocol', offset, 2, etherTypeText),
      next: { table: 'ethertype', key: proto, offset: next, end: view.end },
    };
  }
  // ETH_P_802_2 (4): the payload is an 802.2 LLC frame; other small values are not EtherTypes.
  const ltype = uint(view, 'sll.ltype', 'Protocol', offset, 2, (v) => hex(v, 4));
  if (proto === 0x0004) return { field: ltype, next: { dissector: dissectLlc, offset: next, end: view.end } };
  return { field: ltype, next: { table: 'data', offset: next, end: view.end } };
}

function sllMeta(
  ctx: DissectContext,
  pktType: number,
  hatype: number,
  protocol: number,
  source?: Field,
): void {
  setMetaOnce(ctx, { pktType, hatype, protocol });
  addresses(ctx, source?.name === 'sll.src.eth' ? String(source.value) : '', '');
  setSummary(ctx, { protocol: 'SLL', info: `${packetTypeText(pktType)}, ${etherTypeText(protocol)}` });
}

/** LINUX_SLL: packet type, ARPHRD type, address length, address (8), protocol. */
export function dissectSll(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const pktType = view.u16(offset);
  const hatype = view.u16(offset + 2);
  const halen = view.u16(offset + 4);
  const address = addressFields(view, offset + 6, hatype, halen);
  const proto = protocolField(view, offset + 14, offset + 16);
  sllMeta(ctx, pktType, hatype, view.u16(offset + 14), address[0]);
  const children = [
    uint(view, 'sll.pkttype', 'Packet type', offset, 2, packetTypeText),
    uint(view, 'sll.hatype', 'Link-layer address type', offset + 2, 2, hatypeText),
    uint(view, 'sll.halen', 'Link-layer address length', offset + 4, 2),
    ...address,
    proto.field,
  ];
  return {
    field: field('sll', 'Linux cooked capture v1', offset, 16, undefined, children),
    next: proto.next,
  };
}

/** LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
export function dissectSll2(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const hatype = view.u16(offset + 8);
  const pktType = view.u8(offset + 10);
  const halen = view.u8(offset + 11);
  const address = addressFields(view, offset + 12, hatype, halen);
  const proto = protocolField(view, offset, offset + 20);
  sllMeta(ctx, pktType, hatype, view.u16(offset), address[0]);
  setMetaOnce(ctx, { ifindex: view.u32(offset + 4) });
  const children = [
    proto.field,
    uint(view, 'sll.reserved', 'Reserved', offset + 2, 2, (v) => hex(v, 4)),
    uint(view, 'sll.ifindex', 'Interface index', offset + 4, 4),
    uint(view, 'sll.hatype', 'Link-layer address type', offset + 8, 2, hatypeText),
    uint(view, 'sll.pkttype', 'Packet type', offset + 10, 1, packetTypeText),
    uint(view, 'sll.halen', 'Link-layer address length', offset + 11, 1),
    ...address,
  ];
  return {
    field: field('sll', 'Linux cooked capture v2', offset, 20, undefined, children),
    next: proto.next,
  };
}
