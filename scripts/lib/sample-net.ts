// SPDX-License-Identifier: MIT
/**
 * The small documentation network the sample captures show: hosts with locally administered MACs
 * and addresses from the documentation ranges (RFC 5737, RFC 3849), and helpers that wrap a
 * transport payload in IP and Ethernet, or play a whole TCP conversation.
 */
import {
  concat,
  ETHERTYPE,
  ethernet,
  IPPROTO,
  type Ipv4Options,
  ipv4Packet,
  ipv6Packet,
  tcp,
  u16,
  u32,
  udp,
  type VlanTag,
} from './packets.ts';

/** A host on the sample network. */
export interface Host {
  mac: string;
  ip: string;
}

/** The hosts every sample talks between. */
export const HOSTS = {
  client4: { mac: '02:00:00:00:00:10', ip: '192.0.2.10' },
  router4: { mac: '02:00:00:00:00:01', ip: '192.0.2.1' },
  dns4: { mac: '02:00:00:00:00:01', ip: '198.51.100.53' },
  web4: { mac: '02:00:00:00:00:01', ip: '203.0.113.80' },
  client6: { mac: '02:00:00:00:00:10', ip: '2001:db8:1::10' },
  router6: { mac: '02:00:00:00:00:01', ip: '2001:db8:1::1' },
  dns6: { mac: '02:00:00:00:00:01', ip: '2001:db8:53::53' },
  web6: { mac: '02:00:00:00:00:01', ip: '2001:db8:80::80' },
} as const satisfies Record<string, Host>;

/** Wrap a transport payload in IPv4 or IPv6 (by the address form). */
export function ipPacket(
  src: string,
  dst: string,
  protocol: number,
  payload: Uint8Array,
  v4?: Partial<Ipv4Options>,
): Uint8Array {
  if (src.includes(':')) return ipv6Packet({ src, dst, nextHeader: protocol, payload });
  return ipv4Packet({ src, dst, protocol, payload, ...v4 });
}

/** An Ethernet frame from `a` to `b` carrying an IP packet. */
export function ipFrame(a: Host, b: Host, protocol: number, l4: Uint8Array, tags?: VlanTag[]): Uint8Array {
  const type = a.ip.includes(':') ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4;
  const payload = ipPacket(a.ip, b.ip, protocol, l4, { id: idFor(l4) });
  return ethernet(
    tags ? { dst: b.mac, src: a.mac, type, payload, tags } : { dst: b.mac, src: a.mac, type, payload },
  );
}

/** A UDP datagram from `a` to `b` in an Ethernet frame. */
export function udpFrame(
  a: Host,
  b: Host,
  sport: number,
  dport: number,
  payload: Uint8Array,
  tags?: VlanTag[],
) {
  return ipFrame(
    a,
    b,
    IPPROTO.UDP,
    udp({ src: a.ip, dst: b.ip, srcPort: sport, dstPort: dport, payload }),
    tags,
  );
}

/** A deterministic IPv4 id derived from the payload (so ids vary without randomness). */
function idFor(bytes: Uint8Array): number {
  let h = 0x1234;
  for (const b of bytes) h = (h * 31 + b) & 0xffff;
  return h;
}

/** One step of a TCP conversation: who sends what. */
export interface TcpExchange {
  from: 'client' | 'server';
  data: Uint8Array;
}

/** The usual SYN options: MSS 1460, SACK permitted, timestamps, window scale 7. */
export function synOptions(tsval: number): Uint8Array {
  return concat(
    Uint8Array.of(2, 4),
    u16(1460),
    Uint8Array.of(4, 2),
    Uint8Array.of(8, 10),
    u32(tsval),
    u32(0),
    Uint8Array.of(1, 3, 3, 7),
  );
}

/**
 * A whole TCP conversation: three-way handshake, the exchanges (each acknowledged), and a
 * FIN/ACK teardown from the client. Sequence and acknowledgement numbers are consistent.
 */
export function tcpConversation(
  client: Host,
  server: Host,
  ports: { client: number; server: number },
  exchanges: readonly TcpExchange[],
  isn = { client: 0x1000_0000, server: 0x2000_0000 },
): Uint8Array[] {
  let cseq = isn.client;
  let sseq = isn.server;
  const seg = (
    from: 'client' | 'server',
    flags: string,
    data: Uint8Array = new Uint8Array(0),
    options?: Uint8Array,
  ) => {
    const [a, b, sp, dp, seq, ack] =
      from === 'client'
        ? [client, server, ports.client, ports.server, cseq, sseq]
        : [server, client, ports.server, ports.client, sseq, cseq];
    const l4 = tcp({
      src: a.ip,
      dst: b.ip,
      srcPort: sp,
      dstPort: dp,
      seq,
      ack: flags.includes('A') ? ack : 0,
      flags,
      payload: data,
      window: 64240,
      ...(options ? { options } : {}),
    });
    return ipFrame(a, b, IPPROTO.TCP, l4);
  };
  const frames = [seg('client', 'S', undefined, synOptions(1000))];
  cseq += 1;
  frames.push(seg('server', 'SA', undefined, synOptions(2000)));
  sseq += 1;
  frames.push(seg('client', 'A'));
  for (const x of exchanges) {
    frames.push(seg(x.from, 'PA', x.data));
    if (x.from === 'client') cseq += x.data.length;
    else sseq += x.data.length;
    frames.push(seg(x.from === 'client' ? 'server' : 'client', 'A'));
  }
  frames.push(seg('client', 'FA'));
  cseq += 1;
  frames.push(seg('server', 'FA'));
  sseq += 1;
  frames.push(seg('client', 'A'));
  return frames;
}
