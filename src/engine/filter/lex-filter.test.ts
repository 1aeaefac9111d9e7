// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import '../../testkit/matchers.ts';
import { lexFilter } from './lex-filter.ts';

/** Tokens as `kind:text` (keywords by canonical name, numbers with their value). */
function lex(text: string): string[] {
  return lexFilter(text)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) =>
      t.kind === 'keyword' ? `kw:${t.keyword}` : t.kind === 'num' ? `num:${t.value}` : `${t.kind}:${t.text}`,
    );
}

describe('lexFilter', () => {
  it('reads keywords, their aliases and punctuation', () => {
    expect(lex('ether src host')).toEqual(['kw:link', 'kw:src', 'kw:host']);
    expect(lex('a && b || !c')).toEqual(['id:a', 'kw:and', 'id:b', 'kw:or', 'kw:not', 'id:c']);
    expect(lex('x >= 1 <= 2 != 3 == 4 << 5 >> 6')).toEqual([
      'id:x',
      'punct:>=',
      'num:1',
      'punct:<=',
      'num:2',
      'punct:!=',
      'num:3',
      'punct:=',
      'num:4',
      'punct:<<',
      'num:5',
      'punct:>>',
      'num:6',
    ]);
    expect(lex('es-is is-is length direction')).toEqual(['kw:esis', 'kw:isis', 'kw:len', 'kw:dir']);
  });

  it('applies the longest match, like libpcap’s scanner', () => {
    // A name is longer than the keyword it starts with.
    expect(lex('hosts len-1 ip6x')).toEqual(['id:hosts', 'id:len-1', 'id:ip6x']);
    // `1-1` is one name; `1.2.3.4.5` is a name, `1.2.3.4` an address.
    expect(lex('1-1 1.2.3.4.5 1.2.3.4')).toEqual(['id:1-1', 'id:1.2.3.4.5', 'hid:1.2.3.4']);
    // Keywords are case-sensitive.
    expect(lex('HOST Tcp')).toEqual(['id:HOST', 'id:Tcp']);
  });

  it('reads numbers in decimal, hex and octal', () => {
    expect(lex('10 0x1F 0X10 017 0 4294967295')).toEqual([
      'num:10',
      'num:31',
      'num:16',
      'num:15',
      'num:0',
      'num:4294967295',
    ]);
  });

  it('reads named numbers', () => {
    expect(lex('tcpflags tcp-syn tcp-ack icmptype icmp-echo icmp6-echo icmp6type tcp-cwr')).toEqual([
      'num:13',
      'num:2',
      'num:16',
      'num:0',
      'num:8',
      'num:128',
      'num:0',
      'num:128',
    ]);
  });

  it('reads IPv4 addresses in 2 to 4 parts', () => {
    expect(lex('10.1 10.1.2 10.1.2.3')).toEqual(['hid:10.1', 'hid:10.1.2', 'hid:10.1.2.3']);
    expect(lex('10.0.0.0/8')).toEqual(['hid:10.0.0.0', 'punct:/', 'num:8']);
  });

  it('reads IPv6 addresses in every form', () => {
    for (const a of [
      '2001:db8::1',
      '::',
      '::1',
      'fe80::',
      '1:2:3:4:5:6:7:8',
      '::ffff:192.0.2.1',
      '64:ff9b::192.0.2.1',
      '1:2:3:4:5:6:1.2.3.4',
    ])
      expect(lex(a)).toEqual([`hid6:${a}`]);
  });

  it('reads MAC addresses in all libpcap spellings', () => {
    for (const m of [
      '02:00:00:00:00:10',
      '2:0:0:0:0:10',
      '02-00-00-00-00-10',
      '02.00.00.00.00.10',
      '0200.0000.0010',
      '020000000010',
    ])
      expect(lex(m)).toEqual([`eid:${m}`]);
  });

  it('reads escaped names and ARCnet addresses', () => {
    expect(lex('\\tcp $1f')).toEqual(['id:tcp', 'aid:$1f']);
  });

  it('keeps source offsets', () => {
    const t = lexFilter('  tcp\n port').tokens;
    expect(t.map((x) => [x.start, x.end])).toEqual([
      [2, 5],
      [7, 11],
      [11, 11],
    ]);
  });

  it('reports characters that start no token', () => {
    expect(lexFilter('tcp @ udp')).toReportError("1:5-1:6 FLT3001 unexpected character '@'");
    expect(lexFilter('ip # 1')).toReportError('1:4 FLT3001');
  });

  it('reports numbers libpcap refuses', () => {
    expect(lexFilter('port 08')).toReportError('1:6-1:8 FLT3003 number 08 contains non-octal digit');
    expect(lexFilter('len = 4294967296')).toReportError(
      '1:7-1:17 FLT3002 number 4294967296 overflows 32 bits',
    );
    expect(lexFilter('len = 0x100000000')).toReportError('FLT3002');
  });

  it('reports colon-separated hex that is no address', () => {
    expect(lexFilter('ether host aa:bb:')).toReportError('1:12-1:18 FLT3005');
  });
});
