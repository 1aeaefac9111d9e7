// SPDX-License-Identifier: MIT
/** Ethernet II and IEEE 802.3 framing (DLT_EN10MB). */
import type { ByteView } from './byte-view.ts';
import { addresses, setMetaOnce, setSummary } from './context.ts';
import { field, uint } from './field.ts';
import { formatMac, hex } from './format.ts';
import { dissectLlc } from './llc.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

/** Protocol-column names for the EtherTypes the dissector decodes. */
const SUMMARY_NAMES: Readonly<Record<number, string>> = {
  2048: 'IPv4',
  2054: 'ARP',
  32821: 'RARP',
  34525: 'IPv6',
  33024: '802.1Q',
  34984: '802.1ad',
};

/** Values from 1536 (0x0600) up are EtherTypes; 1500 and below are 802.3 lengths (IEEE 802.3 §3.2.6). */
export const ETHERTYPE_MIN = 0x0600;

/** Linux skb->pkt_type for a destination MAC: 1 broadcast, 2 multicast (I/G bit set), 0 to us. */
export function packetTypeOf(mac: Uint8Array): number {
  if (mac.length === 6 && mac.every((b) => b === 0xff)) return 1;
  return (mac[0]! & 0x01) !== 0 ? 2 : 0;
}

/**
 * skb->protocol as Linux's eth_type_trans sets it: the EtherType, or for 802.3 frames ETH_P_802_3
 * (0x0001) when the payload starts 0xffff (raw Novell IPX) and ETH_P_802_2 (0x0004) otherwise.
 */
function linuxProtocol(view: ByteView, offset: number, typeOrLength: number): number {
  if (typeOrLength >= ETHERTYPE_MIN) return typeOrLength;
  return view.u16(offset + 14) === 0xffff ? 0x0001 : 0x0004;
}

/** A MAC address field with its I/G and U/L bits. */
export function macField(view: ByteView, name: string, title: string, offset: number): Field {
  const mac = view.slice(offset, 6);
  const text = formatMac(mac);
  const kind = ['', ' (broadcast)', ' (multicast)'][packetTypeOf(mac)] ?? '';
  const first = view.u8(offset);
  const lg = field(
    `${name}.lg`,
    `.... ..${(first >> 1) & 1}. = LG bit: ${first & 2 ? 'Locally administered address' : 'Globally unique address (factory default)'}`,
    offset,
    1,
    (first >> 1) & 1,
  );
  lg.range.bitMask = 0x02;
  const ig = field(
    `${name}.ig`,
    `.... ...${first & 1} = IG bit: ${first & 1 ? 'Group address (multicast/broadcast)' : 'Individual address (unicast)'}`,
    offset,
    1,
    first & 1,
  );
  ig.range.bitMask = 0x01;
  return field(name, `${title}: ${text}${kind}`, offset, 6, text, [lg, ig]);
}

/** Ethernet header at `offset`: destination, source, then EtherType (II) or length (802.3). */
export function dissectEthernet(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const dst = macField(view, 'eth.dst', 'Destination', offset);
  const src = macField(view, 'eth.src', 'Source', offset + 6);
  const typeOrLength = view.u16(offset + 12);
  setMetaOnce(ctx, {
    pktType: packetTypeOf(view.slice(offset, 6)),
    hatype: 1,
    protocol: linuxProtocol(view, offset, typeOrLength),
  });
  addresses(ctx, String(src.value), String(dst.value));
  const where = `Src: ${src.value}, Dst: ${dst.value}`;
  if (typeOrLength >= ETHERTYPE_MIN) {
    const type = uint(view, 'eth.type', 'Type', offset + 12, 2, etherTypeText);
    // The EtherType's protocol names the packet until a higher layer does (tshark shows the hex
    // value for types it cannot decode).
    const protocol = SUMMARY_NAMES[typeOrLength] ?? `0x${typeOrLength.toString(16).padStart(4, '0')}`;
    setSummary(ctx, { protocol, info: etherTypeText(typeOrLength) });
    return {
      field: field('eth', `Ethernet II, ${where}`, offset, 14, undefined, [dst, src, type]),
      next: { table: 'ethertype', key: typeOrLength, offset: offset + 14, end: view.end },
    };
  }
  // 802.3: the field is the length of the LLC data that follows; anything after it is padding.
  const length = uint(view, 'eth.len', 'Length', offset + 12, 2);
  setSummary(ctx, { protocol: 'LLC', info: `802.3 frame, length ${typeOrLength} (${hex(typeOrLength, 4)})` });
  const end = Math.min(view.end, offset + 14 + typeOrLength);
  return {
    field: field('eth', `IEEE 802.3 Ethernet, ${where}`, offset, 14, undefined, [dst, src, length]),
    next: { dissector: dissectLlc, offset: offset + 14, end },
  };
}
