// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { checkFilter, type Primitive } from './check-filter.ts';
import { lexFilter } from './lex-filter.ts';
import { parseFilter } from './parse-filter.ts';

function check(text: string) {
  const { root } = parseFilter(text, lexFilter(text).tokens);
  return checkFilter(text, root);
}

/** The single primitive an expression resolves to. */
function primitive(text: string): Primitive | undefined {
  const r = check(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...r.primitives.values()][0];
}

describe('checkFilter: what ids mean', () => {
  it('resolves IPv4 hosts, partial addresses and networks (libpcap gen_ncode/gen_mcode)', () => {
    expect(primitive('host 192.0.2.1')).toMatchObject({
      kind: 'host',
      addr: 0xc0000201,
      mask: 0xffffffff,
      isNet: false,
    });
    // A partial address covers its leading bytes.
    expect(primitive('host 10.1')).toMatchObject({ addr: 0x0a010000, mask: 0xffff0000 });
    // A bare number as a host is the whole address; as a network, its leading bytes.
    expect(primitive('host 10')).toMatchObject({ addr: 10, mask: 0xffffffff });
    expect(primitive('net 10')).toMatchObject({ addr: 0x0a000000, mask: 0xff000000, isNet: true });
    expect(primitive('net 172.16')).toMatchObject({ addr: 0xac100000, mask: 0xffff0000 });
    expect(primitive('net 10.0.0.0/8')).toMatchObject({ addr: 0x0a000000, mask: 0xff000000 });
    expect(primitive('net 0.0.0.0/0')).toMatchObject({ addr: 0, mask: 0 });
    expect(primitive('net 192.168.0.0 mask 255.255.0.0')).toMatchObject({
      addr: 0xc0a80000,
      mask: 0xffff0000,
    });
    expect(primitive('src net 10.1.2.0/24')).toMatchObject({ dir: 'src' });
  });

  it('resolves IPv6 hosts and prefixes', () => {
    expect(primitive('host 2001:db8::1')).toMatchObject({
      kind: 'host6',
      addr: [0x20010db8, 0, 0, 1],
      mask: [~0 >>> 0, ~0 >>> 0, ~0 >>> 0, ~0 >>> 0],
    });
    expect(primitive('net 2001:db8::/36')).toMatchObject({
      addr: [0x20010db8, 0, 0, 0],
      mask: [0xffffffff, 0xf0000000, 0, 0],
    });
    expect(primitive('host ::ffff:192.0.2.1')).toMatchObject({ addr: [0, 0, 0xffff, 0xc0000201] });
  });

  it('resolves MAC addresses', () => {
    expect(primitive('ether host 0200.5e00.0001')).toEqual({
      kind: 'ehost',
      mac: [2, 0, 0x5e, 0, 0, 1],
      dir: 'default',
    });
    expect(primitive('ether dst 1:2:3:4:5:6')).toEqual({
      kind: 'ehost',
      mac: [1, 2, 3, 4, 5, 6],
      dir: 'dst',
    });
  });

  it('resolves ports, port ranges and service names (with their transports)', () => {
    expect(primitive('port 53')).toEqual({ kind: 'port', lo: 53, hi: 53, range: false, dir: 'default' });
    expect(primitive('udp dst port 53')).toEqual({
      kind: 'port',
      lo: 53,
      hi: 53,
      range: false,
      ipProto: 17,
      dir: 'dst',
    });
    expect(primitive('port domain')).toEqual({ kind: 'port', lo: 53, hi: 53, range: false, dir: 'default' });
    // ssh is a TCP service only, so `port ssh` means TCP port 22.
    expect(primitive('port ssh')).toMatchObject({ lo: 22, ipProto: 6 });
    expect(primitive('portrange 1000-2000')).toMatchObject({ lo: 1000, hi: 2000, range: true });
    expect(primitive('portrange ftp-ssh')).toMatchObject({ lo: 21, hi: 22, ipProto: 6 });
  });

  it('resolves protocol names and numbers', () => {
    expect(primitive('ip proto \\udp')).toEqual({ kind: 'proto', value: 17, proto: 'ip' });
    expect(primitive('ip6 proto ipv6-icmp')).toEqual({ kind: 'proto', value: 58, proto: 'ip6' });
    expect(primitive('ether proto \\arp')).toEqual({ kind: 'proto', value: 0x806, proto: 'link' });
    expect(primitive('ether proto \\stp')).toEqual({ kind: 'proto', value: 0x42, proto: 'link' });
    expect(primitive('protochain 6')).toEqual({ kind: 'protochain', value: 6, proto: 'default' });
  });
});

describe('checkFilter: what libpcap refuses', () => {
  it('refuses names it would have to look up', () => {
    expect(check('host www.example.com')).toReportError('1:6-1:21 FLT3020 ...');
    expect(check('net loopback')).toReportError("1:5-1:13 FLT3020 'loopback' is a network name:...");
    expect(check('ether host myrouter')).toReportError('FLT3020');
    expect(check('port nosuchservice')).toReportError(
      "1:6-1:19 FLT3021 unknown port name 'nosuchservice' ...",
    );
    expect(check('ip proto nosuch')).toReportError("1:10-1:16 FLT3022 unknown protocol name 'nosuch'");
    expect(check('gateway router')).toReportError('FLT3040');
  });

  it('refuses out-of-range values', () => {
    expect(check('port 65536')).toReportError('1:6-1:11 FLT3023 port 65536 is above 65535');
    expect(check('portrange 1-70000')).toReportError('FLT3023 port 70000 is above 65535');
    expect(check('host 192.0.2.256')).toReportError("1:6-1:17 FLT3024 '192.0.2.256' is no IPv4 address ...");
    expect(check('net 10.0.0.0/33')).toReportError('1:14-1:16 FLT3026 prefix length 33 is above 32');
    expect(check('net 2001:db8::/129')).toReportError('FLT3026 prefix length 129 is above 128');
    expect(check('vlan 4096')).toReportError('1:6-1:10 FLT3032 vlan id 4096 is above the maximum 4095');
    expect(check('mpls 1048576')).toReportError('FLT3032');
    expect(check('pppoes 65536')).toReportError('FLT3032');
  });

  it('refuses masks on hosts and host bits in networks', () => {
    expect(check('host 10.0.0.0/8')).toReportError(
      "1:1-1:16 FLT3028 '10.0.0.0/8' is a network: write 'net 10.0.0.0/8'",
    );
    expect(check('src 10.0.0.0/8')).toReportError('FLT3028');
    expect(check('net 10.1.0.0/8')).toReportError(
      "1:5-1:15 FLT3025 '10.1.0.0/8' has bits set outside the mask",
    );
    expect(check('net 10.1.0.0 mask 255.0.0.0')).toReportError('FLT3025');
    expect(check('host 2001:db8::/32')).toReportError('FLT3028');
  });

  it('refuses qualifiers that do not apply', () => {
    expect(check('tcp host 10.0.0.1')).toReportError(
      "1:1-1:18 FLT3027 'tcp' does not qualify a host: use ip, arp or rarp (or none)",
    );
    expect(check('ip6 host 10.0.0.1')).toReportError('FLT3027');
    expect(check('ip host 2001:db8::1')).toReportError('FLT3027');
    expect(check('ip port 80')).toReportError("FLT3027 'ip' has no ports: use tcp, udp or sctp (or none)");
    expect(check('port 10.0.0.1')).toReportError(
      "FLT3027 'port' needs a number or name, not an IPv4 address",
    );
    expect(check('host 02:00:00:00:00:01')).toReportError("FLT3027 a MAC address needs 'ether host' ...");
    expect(check('ether host 10.0.0.1')).toReportError('FLT3027');
    expect(check('tcp proto 6')).toReportError(
      "FLT3027 'tcp proto' means nothing: tcp carries no protocol field",
    );
    expect(check('arp protochain 6')).toReportError('FLT3027');
    expect(check('udp port ssh')).toReportError("1:10-1:13 FLT3023 port 'ssh' is a tcp service, not udp");
    expect(check('ip6 broadcast')).toReportError(
      "1:1-1:14 FLT3027 'ip6 broadcast' is not defined: only link-layer or IPv4 broadcast can be tested",
    );
    expect(check('tcp multicast')).toReportError('FLT3027');
    expect(check('ether')).toReportError('FLT3027');
    expect(check('ah[0] = 1')).toReportError("1:1-1:3 FLT3027 'ah[...]' is not an accessor libpcap supports");
  });

  it('refuses an id with nothing to qualify it', () => {
    expect(check('tcp and 80')).toReportError(
      "1:9-1:11 FLT3011 '80' needs a qualifier such as host, net or port",
    );
  });

  it('refuses accessor sizes and constant operands libpcap refuses', () => {
    expect(check('ip[0:3] = 1')).toReportError('1:6-1:7 FLT3029 accessor size must be 1, 2 or 4 but found 3');
    expect(check('len / 0 = 1')).toReportError('1:7-1:8 FLT3030 division by zero');
    expect(check('len % 0 = 1')).toReportError('FLT3030 modulus by zero');
    expect(check('len << 32 = 1')).toReportError('FLT3030 shift by 32 bits: at most 31');
    // libpcap looks only at the right operand's first instruction, which here loads the index 0.
    expect(check('len / tcp[0] = 1')).toReportError('FLT3030 division by zero');
    expect(check('len / (1 - 1) = 1').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('checkFilter: notes on libpcap’s traps', () => {
  it('notes that transport accessors read IPv4 only', () => {
    expect(check('udp[8] = 1').diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'FLT3051' }),
    );
  });

  it('notes that ip6 proto does not follow extension headers', () => {
    expect(check('ip6 proto 6').diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'FLT3052' }),
    );
  });

  it('notes that a partial address means a network', () => {
    expect(check('host 10.1').diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', code: 'FLT3055' }),
    );
  });
});
