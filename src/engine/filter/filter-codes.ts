// SPDX-License-Identifier: MIT
/**
 * The filter compiler's diagnostic catalogue: every FLT code the expression compiler emits, each
 * listed once with what it means. Errors are things libpcap also refuses; warnings and infos are
 * libpcap's traps made visible (they never change the program).
 */

/** Diagnostic codes of the filter-expression compiler, by what went wrong. */
export const FLT = {
  /** A character that starts no token (`@`, `#`, `~`). */
  unexpectedCharacter: 'FLT3001',
  /** A number that does not fit in 32 bits (`4294967296`, `0x100000000`). */
  numberOverflow: 'FLT3002',
  /** A number with a leading 0 (octal) and a digit 8 or 9 (`08`). */
  badOctal: 'FLT3003',
  /** Text shaped like an IPv6 address that is none (`1:2:3:4:5:6:7:1.2.3.256`). */
  badIpv6: 'FLT3004',
  /** Colons between hex pairs that make no MAC address (`aa:bb:`). */
  badMac: 'FLT3005',
  /** Syntax: a token other than one the grammar allows here (`expected an address but found 'and'`). */
  expectedToken: 'FLT3010',
  /** A bare address or name with no qualifier to give it a meaning (`10.0.0.1` alone, `tcp and 80`). */
  missingQualifier: 'FLT3011',
  /** A host, network or gateway name: bpflab does no name lookups (no DNS, /etc/hosts, /etc/networks). */
  unknownHostName: 'FLT3020',
  /** A port name that is not in the built-in services table. */
  unknownPortName: 'FLT3021',
  /** A protocol name that is not in the built-in protocols table. */
  unknownProtocolName: 'FLT3022',
  /** A port number above 65535, or a service known only for another transport (`udp port ssh`). */
  badPort: 'FLT3023',
  /** An IPv4 address with a part above 255 (`1.2.3.400`). */
  badIpv4: 'FLT3024',
  /** A network whose address has bits set outside its mask (`net 10.1.0.0/8`). */
  hostBitsSet: 'FLT3025',
  /** A mask length above 32 (IPv4) or 128 (IPv6). */
  badMaskLength: 'FLT3026',
  /** A qualifier that does not apply to this kind of primitive (`tcp host`, `ip6 broadcast`, `port 1.2.3.4`). */
  badQualifier: 'FLT3027',
  /** A mask on a host (`host 10.0.0.0/8`): only `net` takes one. */
  maskOnHost: 'FLT3028',
  /** An accessor size other than 1, 2 or 4 (`ip[0:3]`). */
  badSize: 'FLT3029',
  /** Division or modulus by the constant 0, or a shift by a constant above 31. */
  badConstantOperand: 'FLT3030',
  /** A primitive the capture's link type cannot express (`ether host` on RAW, `vlan` on LINUX_SLL). */
  unsupportedOnLinkType: 'FLT3031',
  /** A VLAN id above 4095, MPLS label above 0xfffff, PPPoE session above 0xffff, or Geneve VNI above 0xffffff. */
  valueTooLarge: 'FLT3032',
  /** More than 16 scratch cells needed for one arithmetic expression. */
  tooManyRegisters: 'FLT3033',
  /** The optimizer proved that no packet can match (libpcap refuses such a filter). */
  rejectsAllPackets: 'FLT3034',
  /** A snaplen of 0: every packet would be cut to nothing. */
  zeroSnaplen: 'FLT3035',
  /** A link type the compiler does not know. */
  unknownLinkType: 'FLT3036',
  /** A DECnet address that is not `area.node` in decimal (`decnet host 0x1.5`). */
  badDecnet: 'FLT3038',
  /** Part of the pcap-filter language bpflab does not compile yet (it says which). */
  notSupported: 'FLT3040',
  /** Info: after `vlan`/`mpls`/`pppoes`/`geneve`, every later primitive reads further into the packet. */
  offsetShift: 'FLT3050',
  /** Info: `tcp[...]`, `udp[...]`, `icmp[...]` ... look at IPv4 packets only (first fragments). */
  ipv4OnlyAccessor: 'FLT3051',
  /** Info: `ip6 proto` (and IPv6 ports) read the next-header field, not the extension-header chain. */
  ip6NoChain: 'FLT3052',
  /** Warning: `protochain` loops with a backward jump, which the Linux kernel refuses. */
  backwardJump: 'FLT3053',
  /** Info: a filter containing `protochain` or `geneve` is never optimized (libpcap turns its optimizer off). */
  optimizerOff: 'FLT3054',
  /** Info: a partial IPv4 address in `host` means a network (`host 10.1` is 10.1.0.0/16). */
  partialAddress: 'FLT3055',
  /** Info: libpcap reads a DECnet address leniently (out-of-range parts wrap, extra parts are ignored). */
  decnetLenient: 'FLT3056',
} as const;

/** One of the filter compiler's diagnostic codes. */
export type FltCode = (typeof FLT)[keyof typeof FLT];
