// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import type { Arith, FilterNode } from './filter-ast.ts';
import { lexFilter } from './lex-filter.ts';
import { parseFilter } from './parse-filter.ts';

function parse(text: string) {
  return parseFilter(text, lexFilter(text).tokens);
}

function arith(a: Arith): string {
  switch (a.kind) {
    case 'num':
      return String(a.value);
    case 'len':
      return 'len';
    case 'load':
      return `${a.proto}[${arith(a.index)}:${a.size}]`;
    case 'neg':
      return `(-${arith(a.operand)})`;
    case 'binary':
      return `(${arith(a.left)} ${a.op} ${arith(a.right)})`;
  }
}

/** A compact rendering of the tree: `(and A B)`, `host:1.2.3.4`, qualifiers as `proto/dir/addr`. */
function show(n: FilterNode | undefined): string {
  if (!n) return '<empty>';
  switch (n.kind) {
    case 'and':
    case 'or':
      return `(${n.kind} ${show(n.left)} ${show(n.right)})`;
    case 'not':
      return `(not ${show(n.operand)})`;
    case 'id': {
      const v = n.value;
      const text = v.type === 'num' ? String(v.value) : v.text;
      return `${n.qual.proto}/${n.qual.dir}/${n.qual.addr}:${text}${n.inherited ? '^' : ''}`;
    }
    case 'proto':
      return n.proto;
    case 'relation':
      return `(${arith(n.left)} ${n.op} ${arith(n.right)})`;
    case 'vlan':
    case 'mpls':
    case 'pppoes':
      return n.value === undefined ? n.kind : `${n.kind}:${n.value}`;
    default:
      return n.kind;
  }
}

const tree = (text: string) => show(parse(text).root);

describe('parseFilter', () => {
  it('parses qualified ids', () => {
    expect(tree('host 10.0.0.1')).toBe('default/default/host:10.0.0.1');
    expect(tree('tcp dst port 80')).toBe('tcp/dst/port:80');
    expect(tree('ether src 02:00:00:00:00:01')).toBe('link/src/default:02:00:00:00:00:01');
    expect(tree('src or dst net 10')).toBe('default/or/net:10');
    expect(tree('dst and src host 1.2.3.4')).toBe('default/and/host:1.2.3.4');
    expect(tree('ip proto \\udp')).toBe('ip/default/proto:udp');
    expect(tree('ip6 protochain 6')).toBe('ip6/default/protochain:6');
  });

  it('gives and/or one precedence, left to right, and not a tighter one', () => {
    expect(tree('ip or arp and tcp')).toBe('(and (or ip arp) tcp)');
    expect(tree('not ip and arp')).toBe('(and (not ip) arp)');
    expect(tree('ip and (arp or tcp)')).toBe('(and ip (or arp tcp))');
    expect(tree('! ip || ! arp')).toBe('(or (not ip) (not arp))');
  });

  it('repeats the previous qualifiers for a bare id (the omitted-keyword rule)', () => {
    expect(tree('host a and b')).toBe('(and default/default/host:a default/default/host:b^)');
    expect(tree('not host a and b')).toBe('(and (not default/default/host:a) default/default/host:b^)');
    expect(tree('tcp port 80 or 443')).toBe('(or tcp/default/port:80 tcp/default/port:443^)');
    expect(tree('host a and not b')).toBe('(and default/default/host:a (not default/default/host:b^))');
    expect(tree('host a and (b or c)')).toBe(
      '(and default/default/host:a (or default/default/host:b^ default/default/host:c^))',
    );
    // After a parenthesised expression the qualifiers are those before the parenthesis.
    expect(tree('host a and (port 1) and b')).toBe(
      '(and (and default/default/host:a default/default/port:1) default/default/host:b^)',
    );
    // After a bare protocol or a comparison there is nothing to repeat.
    expect(tree('tcp and 80')).toBe('(and tcp undef/undef/undef:80^)');
  });

  it('parses parenthesised id lists after a qualifier', () => {
    expect(tree('host (a or b)')).toBe('(or default/default/host:a default/default/host:b)');
    expect(tree('port (53 or 80 or 443)')).toBe(
      '(or (or default/default/port:53 default/default/port:80) default/default/port:443)',
    );
    expect(tree('host (1)')).toBe('default/default/host:1');
  });

  it('parses networks and prefixes', () => {
    expect(tree('net 10.0.0.0/8')).toBe('default/default/net:10.0.0.0');
    const id = parse('net 10.0.0.0 mask 255.0.0.0').root;
    expect(id?.kind === 'id' && id.value).toEqual({
      type: 'ipv4-mask',
      text: '10.0.0.0',
      mask: '255.0.0.0',
      maskSpan: { start: 18, end: 27 },
    });
    const v6 = parse('net 2001:db8::/32').root;
    expect(v6?.kind === 'id' && v6.value.type).toBe('ipv6-prefix');
  });

  it('parses arithmetic with libpcap’s precedence', () => {
    expect(tree('1 + 2 * 3 = 7')).toBe('((1 + (2 * 3)) = 7)');
    expect(tree('ip[0] & 0xf0 >> 4 = 4')).toBe('((ip[0:1] & (240 >> 4)) = 4)');
    expect(tree('10 - 2 - 3 = 5')).toBe('(((10 - 2) - 3) = 5)');
    expect(tree('len | 1 & 2 = 3')).toBe('((len | (1 & 2)) = 3)');
    // `%` and `^` have no precedence in libpcap's grammar: they take everything to their right.
    expect(tree('1 - 2 % 3 + 4 = 0')).toBe('((1 - (2 % (3 + 4))) = 0)');
    expect(tree('2 ^ 3 * 4 = 14')).toBe('((2 ^ (3 * 4)) = 14)');
    expect(tree('-1 ^ 2 = 0')).toBe('((-(1 ^ 2)) = 0)');
    expect(tree('-1 * 2 = 0')).toBe('(((-1) * 2) = 0)');
  });

  it('parses accessors and comparisons', () => {
    expect(tree('tcp[tcpflags] & tcp-syn != 0')).toBe('((tcp[13:1] & 2) != 0)');
    expect(tree('ip[2:2] > 100')).toBe('(ip[2:2] > 100)');
    expect(tree('(tcp[0]) = 1')).toBe('(tcp[0:1] = 1)');
    expect(tree('(tcp[0] = 1)')).toBe('(tcp[0:1] = 1)');
    expect(tree('len <= 100 and len >= 10')).toBe('(and (len <= 100) (len >= 10))');
  });

  it('parses keyword primitives', () => {
    expect(tree('vlan 100 and vlan')).toBe('(and vlan:100 vlan)');
    expect(tree('vlan (100)')).toBe('vlan:100');
    expect(tree('mpls and pppoes 3')).toBe('(and mpls pppoes:3)');
    expect(tree('less 100 or greater 200')).toBe('(or less greater)');
    expect(tree('ip broadcast or ether multicast')).toBe('(or broadcast multicast)');
    expect(tree('byte 12 = 8')).toBe('byte');
  });

  it('accepts an empty expression (everything matches)', () => {
    expect(parse('').root).toBeUndefined();
    expect(parse('   ').diagnostics).toEqual([]);
  });

  it('keeps the source span of every primitive', () => {
    const root = parse('ip and tcp port 80').root!;
    expect(root.kind === 'and' && [root.left.span, root.right.span]).toEqual([
      { start: 0, end: 2 },
      { start: 7, end: 18 },
    ]);
  });

  it('reports syntax errors at the token where parsing stopped', () => {
    expect(parse('10.0.0.1')).toReportError(
      "1:1-1:9 FLT3010 expected a primitive (such as host, port, tcp, or a comparison) but found address '10.0.0.1'",
    );
    expect(parse('ip and')).toReportError(
      '1:7 FLT3010 expected a primitive (such as host, port, tcp, or a comparison) but found end of input',
    );
    expect(parse('(ip')).toReportError('1:4 FLT3010 expected ...');
    expect(parse('ip)')).toReportError("1:3-1:4 FLT3010 expected 'and', 'or' or end of input but found ')'");
    expect(parse('host')).toReportError(
      '1:5 FLT3010 expected an address, name or number but found end of input',
    );
    expect(parse('src or 1.2.3.4')).toReportError(
      "1:8-1:15 FLT3010 expected 'dst' but found address '1.2.3.4'",
    );
    expect(parse('1 = 1 = 1')).toReportError(
      "1:7-1:8 FLT3010 expected 'and', 'or' or end of input but found '='",
    );
    // libpcap's grammar: the first element of a parenthesised id list is a plain id or number.
    expect(parse('host ((a or b) or c)')).toReportError(
      "1:8-1:9 FLT3010 expected an address, name or number but found name 'a'",
    );
  });
});
