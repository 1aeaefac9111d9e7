// SPDX-License-Identifier: MIT
/**
 * Differential test against tcpdump: the `tcpdump -d` listing of real filter expressions,
 * assembled as it is (line numbers, absolute `jt N jf M`, `#pktlen`, `[x + 14]`, bare `ret`,
 * backward `ja` from `ip6 protochain`), must give exactly the bytes `tcpdump -ddd` prints.
 */
import { describe, expect, it } from 'vitest';
import { parseDdd } from '../../testkit/ddd.ts';
import '../../testkit/matchers.ts';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { decode, encode } from '../isa/codec.ts';
import { assemble } from './assemble.ts';

const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

const EXPRESSIONS = [
  'ip and udp port 53',
  'arp',
  'tcp port 80 or tcp port 443',
  'ip6 and tcp',
  'ip6 protochain 6',
  'ip protochain 17',
  'vlan 100 and ip',
  'vlan and udp',
  'icmp[icmptype] = icmp-echo or icmp[icmptype] = icmp-echoreply',
  'ether host 00:11:22:33:44:55',
  'net 10.0.0.0/8 and not host 10.1.2.3',
  'len > 100',
  'greater 200 and less 1000',
  'tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn',
  'portrange 1000-2000',
  'ip[2:2] / 4 > 10 and udp[8:4] % 3 = 1 and ip[1] ^ 0xff = 1',
  'ip[6:2] * 2 - 1 < 100 and ip[2:2] << 2 > 1000 and ip[0] >> 4 = 4',
  'tcp[12] & 0xf0 | 1 != 0 and ip[8] + ip[9] = 70',
  'ether broadcast or ip multicast or ip6 multicast',
  'mpls and ip',
  'pppoes and ip',
  'sctp or udp dst port 123',
  'ip host 192.168.1.1 and not port 22',
  'ip6 net 2001:db8::/32',
  'udp[8:2] = 0x1234 and len >= 64',
  'ether proto 0x88cc',
];

interface Variant {
  name: string;
  args: string[];
  expressions: string[];
}

// LINUX_SLL has no Ethernet header: tcpdump rejects ether, vlan, mpls and pppoes filters there.
const NOT_ON_SLL = /ether|vlan|mpls|pppoe/;

const VARIANTS: Variant[] = [
  { name: 'optimized', args: [], expressions: EXPRESSIONS },
  { name: 'unoptimized', args: ['-O'], expressions: EXPRESSIONS },
  {
    name: 'snaplen 96, LINUX_SLL',
    args: ['-s', '96', '-y', 'LINUX_SLL'],
    expressions: EXPRESSIONS.filter((e) => !NOT_ON_SLL.test(e)),
  },
];

/**
 * Parse `tcpdump -ddd` output (a count line, then `code jt jf k` lines) into canonical bytes.
 * libpcap's code generator leaves junk in fields some opcodes ignore (its `tax` carries k = 7 after
 * register allocation, for one), which the -d listing cannot show; decode+encode drops them.
 */
function dddLines(output: string): string[] {
  return parseDdd(output).map((raw) => {
    const r = encode(decode(raw));
    return `${r.code} ${r.jt} ${r.jf} ${r.k}`;
  });
}

describe.skipIf(!tcpdump)('tcpdump -d listings assemble to tcpdump -ddd bytes', () => {
  for (const variant of VARIANTS) {
    it.each(variant.expressions)(`${variant.name}: %s`, (expression) => {
      const listing = runTool(tcpdump!, [...variant.args, '-d', expression]);
      const expected = dddLines(runTool(tcpdump!, [...variant.args, '-ddd', expression]));
      const result = assemble(listing);
      expect(result).toReportNoErrors();
      const actual = (result.program?.insns ?? []).map(encode).map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`);
      expect(actual).toEqual(expected);
    });
  }

  it('ip6 protochain really exercises a backward ja', () => {
    const listing = runTool(tcpdump!, ['-d', 'ip6 protochain 6']);
    const program = assemble(listing).program!;
    expect(program.insns.some((insn) => insn.op === 'ja' && insn.k >= 0x80000000)).toBe(true);
  });
});
