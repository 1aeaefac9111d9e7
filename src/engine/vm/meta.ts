// SPDX-License-Identifier: MIT
/**
 * Defaults for the socket-buffer metadata the Linux ancillary loads read (`PacketMeta`).
 *
 * A capture file does not record most of these, so each has a documented default a user may
 * override; the capture layer fills in what it can tell from the frame (e.g. `protocol` from the
 * EtherType). The defaults describe a plain received Ethernet frame:
 *
 * | field          | default | why |
 * |----------------|---------|-----|
 * | protocol       | 0       | unknown until the capture layer reads the EtherType |
 * | pktType        | 0       | PACKET_HOST: addressed to this host |
 * | ifindex        | 0       | no interface known (the kernel also gives 0 without a device) |
 * | mark, queue    | 0       | nothing set them |
 * | hatype         | 1       | ARPHRD_ETHER |
 * | rxhash, cpu    | 0       | no hash computed; CPU 0 |
 * | random         | seeded  | `seededRandom(index)`: reproducible per packet, unlike get_random_u32() |
 * | vlanPresent    | false   | no tag stripped by offload |
 * | vlanTci, vlanTpid | 0    | no tag |
 * | linkOffset     | 0       | the MAC header starts the captured bytes |
 * | networkOffset  | absent  | unknown: SKF_NET_OFF loads fail (return 0) until it is set |
 * | payloadOffset  | absent  | `poff` reads 0, what the flow dissector gives when it finds nothing |
 */
import type { PacketMeta } from './types.ts';

/** Seed of the deterministic `rand` values ("bpfl" in ASCII). */
export const RANDOM_SEED = 0x6270666c;

/** A reproducible 32-bit value for packet `index`: a murmur3 finaliser over seed + index. */
export function seededRandom(index: number): number {
  let h = (RANDOM_SEED + Math.imul(index | 0, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Where the link-layer (MAC) header starts when nothing says otherwise: the first captured byte. */
export const DEFAULT_LINK_OFFSET = 0;

/** The metadata a packet gets when nothing is known about it (see the table above). */
export function defaultMeta(packetIndex = 0): PacketMeta {
  return {
    protocol: 0,
    pktType: 0,
    ifindex: 0,
    mark: 0,
    queue: 0,
    hatype: 1,
    rxhash: 0,
    cpu: 0,
    random: seededRandom(packetIndex),
    vlanPresent: false,
    vlanTci: 0,
    vlanTpid: 0,
    linkOffset: DEFAULT_LINK_OFFSET,
  };
}

/** Fill the fields `partial` leaves out (or sets to undefined) with `defaultMeta(packetIndex)`. */
export function resolveMeta(partial?: Partial<PacketMeta>, packetIndex = 0): PacketMeta {
  const meta = defaultMeta(packetIndex);
  if (!partial) return meta;
  const target = meta as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(partial)) {
    // A key present with `undefined` (plain JS callers, JSON round trips) means "use the default".
    if (value !== undefined) target[key] = value;
  }
  return meta;
}
