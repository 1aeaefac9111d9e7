// SPDX-License-Identifier: MIT
/**
 * Random pcap-filter expressions for property tests: primitives drawn from every family of the
 * language (addresses matching the sample captures, ports, protocols, accessors, arithmetic,
 * vlan, geneve, decnet, protochain, llc), combined with and/or/not and parentheses, including bare ids that inherit qualifiers.
 */
import fc from 'fast-check';

const HOSTS = ['192.0.2.10', '192.0.2.1', '198.51.100.53', '203.0.113.80', '192.0.2', '10.0.0.1'];
const HOSTS6 = ['2001:db8:1::10', '2001:db8:53::53', '2001:db8:80::80', '::ffff:192.0.2.10'];
const NETS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/25', '192.0.2.0 mask 255.255.255.0', '2001:db8::/32', '2001:db8:1::/64'];
const PORTS = ['53', '80', '49152', '5001', '40000', '443', 'domain', 'http', '33434'];
const PROTOS = ['ip', 'ip6', 'arp', 'tcp', 'udp', 'icmp', 'icmp6', 'sctp', 'igmp', 'ah', 'esp', 'pim', 'vrrp', 'rarp', 'stp'];
const DIRS = ['', 'src ', 'dst ', 'src or dst ', 'src and dst '];
const ACCESSORS = [
  'ip[0]',
  'ip[8]',
  'ip[9]',
  'ip[6:2] & 0x1fff',
  'ip[2:2]',
  'tcp[13]',
  'tcp[tcpflags] & tcp-syn',
  'tcp[0:2]',
  'udp[2:2]',
  'udp[4:2]',
  'icmp[icmptype]',
  'icmp6[icmp6type]',
  'ip6[6]',
  'ether[12:2]',
  'ether[0] & 1',
  'len',
  'ip[0] & 0xf',
  'tcp[12] >> 4',
  'udp[8:4]',
  'ether[60:4]',
];
const CONSTS = ['0', '1', '2', '6', '17', '53', '64', '0x45', '0x800', '100', '1400', '65535'];
const RELOPS = ['=', '!=', '<', '<=', '>', '>='];

const primitive: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('', 'ip ', 'arp '), fc.constantFrom(...DIRS), fc.constantFrom(...HOSTS)).map(([p, d, h]) => `${p}${d}host ${h}`),
  fc.tuple(fc.constantFrom('', 'ip6 '), fc.constantFrom(...DIRS), fc.constantFrom(...HOSTS6)).map(([p, d, h]) => `${p}${d}host ${h}`),
  fc.tuple(fc.constantFrom(...DIRS), fc.constantFrom(...NETS)).map(([d, n]) => `${d}net ${n}`),
  fc.tuple(fc.constantFrom('', 'tcp ', 'udp ', 'sctp '), fc.constantFrom(...DIRS), fc.constantFrom(...PORTS)).map(([p, d, n]) => `${p}${d}port ${n}`),
  fc.tuple(fc.constantFrom('', 'tcp ', 'udp '), fc.integer({ min: 0, max: 60000 }), fc.integer({ min: 0, max: 5000 })).map(([p, lo, w]) => `${p}portrange ${lo}-${lo + w}`),
  fc.constantFrom(...PROTOS),
  fc.tuple(fc.constantFrom('ip', 'ip6', ''), fc.constantFrom('1', '6', '17', '58', '\\udp')).map(([p, v]) => `${p} proto ${v}`.trim()),
  fc.tuple(fc.constantFrom(...ACCESSORS), fc.constantFrom(...RELOPS), fc.constantFrom(...CONSTS)).map(([a, r, c]) => `${a} ${r} ${c}`),
  fc.tuple(fc.constantFrom(...ACCESSORS), fc.constantFrom('+', '-', '*', '&', '|', '^', '>>'), fc.constantFrom('1', '2', '3')).map(([a, o, c]) => `${a} ${o} ${c} > 20`),
  fc.constantFrom('ether broadcast', 'ether multicast', 'ip multicast', 'ip6 multicast', 'ip broadcast', 'less 60', 'greater 100', 'vlan', 'vlan 100', 'mpls', 'pppoes', 'geneve', 'geneve 10'),
  fc.constantFrom('ether host 02:00:00:00:00:10', 'ether src 02:00:00:00:00:01', 'ether dst ff:ff:ff:ff:ff:ff', 'ether proto 0x86dd'),
  fc.tuple(fc.constantFrom('host', 'src', 'dst', 'src or dst', 'src and dst'), fc.constantFrom('1.2', '10.15', '63.1023', '2.3')).map(([d, a]) => `decnet ${d} ${a}`),
  fc.constantFrom('ip6 protochain 17', 'ip protochain 6', 'llc', 'llc i', 'pppoed', 'ip6 proto 58', 'icmp6[icmp6type] == icmp6-echo'),
);

/** A random expression up to `depth` levels of and/or/not; bare ids sometimes reuse qualifiers. */
export function expressionArbitrary(depth = 3): fc.Arbitrary<string> {
  const tree = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: depth },
      primitive,
      primitive,
      fc.tuple(tie('expr'), fc.constantFrom('and', 'or', '&&', '||'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('expr').map((e) => `not ${e}`),
      tie('expr').map((e) => `(${e})`),
      fc.tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...HOSTS)).map(([a, b]) => `host ${a} and ${b}`),
      fc.tuple(fc.constantFrom(...PORTS), fc.constantFrom(...PORTS)).map(([a, b]) => `port ${a} or ${b}`),
    ),
  }));
  return tree.expr;
}
