// SPDX-License-Identifier: MIT
/** Which fields the tshark reference test compares, and how tshark's text maps onto our values. */

/** Fields compared: position, size, bit mask (when tshark draws one) and value. */
export const COMPARED: readonly string[] = `
  eth.dst eth.src eth.type eth.len vlan.priority vlan.dei vlan.id vlan.etype ieee8021ad.id llc.dsap
  llc.ssap llc.type sll.pkttype sll.hatype sll.halen sll.src.eth sll.etype sll.ifindex null.family
  arp.hw.type arp.proto.type arp.opcode arp.src.hw_mac arp.src.proto_ipv4 arp.dst.hw_mac
  arp.dst.proto_ipv4 ip.version ip.hdr_len ip.dsfield ip.dsfield.dscp ip.dsfield.ecn ip.len ip.id
  ip.flags ip.flags.rb ip.flags.df ip.flags.mf ip.frag_offset ip.ttl ip.proto ip.checksum ip.src
  ip.dst ip.opt.type ip.opt.len ipv6.version ipv6.tclass ipv6.flow ipv6.plen ipv6.nxt ipv6.hlim
  ipv6.src ipv6.dst ipv6.hopopts.nxt ipv6.hopopts.len ipv6.dstopts.nxt ipv6.routing.nxt
  ipv6.routing.type ipv6.routing.segleft ipv6.fraghdr.nxt ipv6.fraghdr.offset ipv6.fraghdr.more
  ipv6.fraghdr.ident ipv6.opt.type ipv6.opt.length ah.spi ah.sequence tcp.srcport tcp.dstport
  tcp.seq_raw tcp.ack_raw tcp.hdr_len tcp.flags tcp.flags.res tcp.flags.ae tcp.flags.cwr tcp.flags.ece
  tcp.flags.urg tcp.flags.ack tcp.flags.push tcp.flags.reset tcp.flags.syn tcp.flags.fin
  tcp.window_size_value tcp.checksum tcp.urgent_pointer tcp.option_kind tcp.option_len
  tcp.options.mss_val tcp.options.wscale.shift tcp.options.timestamp.tsval tcp.options.timestamp.tsecr
  tcp.options.sack_le udp.srcport udp.dstport udp.length udp.checksum icmp.type icmp.code
  icmp.checksum icmp.ident icmp.seq icmp.mtu icmpv6.type icmpv6.code icmpv6.checksum
  icmpv6.echo.identifier icmpv6.mtu icmpv6.echo.sequence_number icmpv6.nd.ns.target_address
  icmpv6.nd.na.target_address icmpv6.nd.na.flag.s icmpv6.nd.ra.cur_hop_limit
  icmpv6.nd.ra.router_lifetime icmpv6.opt.type icmpv6.opt.length icmpv6.opt.prefix
  icmpv6.opt.prefix.length icmpv6.opt.mtu dns.length dns.id dns.flags dns.flags.response
  dns.flags.opcode dns.flags.rcode dns.count.queries dns.count.answers dns.count.auth_rr
  dns.count.add_rr dns.qry.name dns.qry.type dns.qry.class dns.resp.name dns.resp.type dns.resp.ttl
  dns.resp.len dns.a dns.aaaa dns.cname dns.ns dns.ptr.domain_name dns.mx.preference
  dns.mx.mail_exchange dns.txt dns.soa.mname sctp.srcport sctp.dstport sctp.verification_tag
  sctp.checksum sctp.chunk_type sctp.chunk_flags sctp.chunk_length sctp.data_sid sctp.data_ssn
  sctp.data_payload_proto_id sctp.init_initiate_tag gre.flags_and_version gre.proto gre.key
  vxlan.flags vxlan.vni geneve.version geneve.flags geneve.flags.oam geneve.flags.critical
  geneve.proto_type geneve.vni geneve.option.class geneve.option.type igmp.type igmp.max_resp igmp.checksum igmp.maddr igmp.num_grp_recs
  igmp.record_type igmp.num_src igmp.qrv igmp.qqic
`
  .trim()
  .split(/\s+/);

/** Where tshark shows a value in another unit than the field holds (we keep what the bytes say). */
export const TSHARK_VALUE: Record<string, (show: string) => number | string> = {
  'ip.hdr_len': (s) => Number(s) / 4,
  'tcp.hdr_len': (s) => Number(s) / 4,
  'icmpv6.opt.length': (s) => Number(s),
};

/** With sequence analysis off, tshark's tcp.seq / tcp.ack carry the raw numbers our *_raw fields hold. */
export const THEIR_NAME: Record<string, string> = { 'tcp.seq_raw': 'tcp.seq', 'tcp.ack_raw': 'tcp.ack' };

/** Fields whose value we do not compare (tshark shows a name or a derived quantity). */
export const NO_VALUE = new Set(['null.family', 'igmp.max_resp', 'ipv6.opt.length', 'dns.txt', 'dns.resp.ttl']);

/** tshark's `show` text as the value our field holds. */
export function normalise(name: string, show: string): number | string {
  const convert = TSHARK_VALUE[name];
  if (convert) return convert(show);
  if (/^(0x[0-9a-f]+|\d+)$/i.test(show)) return Number(show);
  if (show === 'True') return 1;
  if (show === 'False') return 0;
  return show;
}

