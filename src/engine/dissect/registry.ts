// SPDX-License-Identifier: MIT
/**
 * Which dissector handles a payload: EtherTypes, IP protocol numbers and well-known ports map to
 * protocol dissectors. Adding a protocol means one file and one line here.
 */
import { dissectArp } from './arp.ts';
import { dissectDns, dissectDnsTcp } from './dns.ts';
import { dissectEthernet } from './ethernet.ts';
import { dissectGeneve } from './geneve.ts';
import { dissectGre } from './gre.ts';
import { dissectIcmp } from './icmp.ts';
import { dissectIcmpv6 } from './icmpv6.ts';
import { dissectIgmp } from './igmp.ts';
import { dissectIpv4 } from './ipv4.ts';
import { dissectIpv6 } from './ipv6.ts';
import {
  dissectAh,
  dissectDestOptions,
  dissectFragment6,
  dissectHopByHop,
  dissectRouting,
} from './ipv6-ext.ts';
import { dissectSctp } from './sctp.ts';
import { dissectTcp } from './tcp.ts';
import type { Dissector, Next } from './types.ts';
import { dissectUdp } from './udp.ts';
import { dissectVlan } from './vlan.ts';
import { dissectVxlan } from './vxlan.ts';

/** EtherType → dissector. */
export const ETHERTYPES: ReadonlyMap<number, Dissector> = new Map([
  [0x0800, dissectIpv4],
  [0x0806, dissectArp],
  [0x8035, dissectArp],
  [0x86dd, dissectIpv6],
  [0x8100, dissectVlan],
  [0x88a8, dissectVlan],
  [0x9100, dissectVlan],
  [0x6558, dissectEthernet],
]);

/** IP protocol / IPv6 next header → dissector. */
export const IP_PROTOCOLS: ReadonlyMap<number, Dissector> = new Map([
  [0, dissectHopByHop],
  [1, dissectIcmp],
  [2, dissectIgmp],
  [4, dissectIpv4],
  [6, dissectTcp],
  [17, dissectUdp],
  [41, dissectIpv6],
  [43, dissectRouting],
  [44, dissectFragment6],
  [47, dissectGre],
  [51, dissectAh],
  [58, dissectIcmpv6],
  [60, dissectDestOptions],
  [132, dissectSctp],
]);

/** UDP port → dissector. */
export const UDP_PORTS: ReadonlyMap<number, Dissector> = new Map([
  [53, dissectDns],
  [4789, dissectVxlan],
  [6081, dissectGeneve],
]);

/** TCP port → dissector. */
export const TCP_PORTS: ReadonlyMap<number, Dissector> = new Map([[53, dissectDnsTcp]]);

/** The dissector for a `Next`, or undefined when nothing decodes it (it becomes Data). */
export function lookup(next: Next): Dissector | undefined {
  if ('dissector' in next) return next.dissector;
  switch (next.table) {
    case 'ethertype':
      return ETHERTYPES.get(next.key);
    case 'ipproto':
      return IP_PROTOCOLS.get(next.key);
    case 'udp':
    case 'tcp': {
      const table = next.table === 'udp' ? UDP_PORTS : TCP_PORTS;
      // The lower port is more likely the well-known one (tshark tries it first too).
      const [a, b] = next.ports[0] <= next.ports[1] ? next.ports : [next.ports[1], next.ports[0]];
      return table.get(a) ?? table.get(b);
    }
    case 'data':
      return undefined;
  }
}
