// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  canonicalLinkType,
  knownLinkTypes,
  LINKTYPE_EN10MB,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  linkTypeByName,
  linkTypeDescription,
  linkTypeName,
} from './link-types.ts';

describe('link types', () => {
  it('names the link types bpflab handles, as tcpdump does', () => {
    expect(
      [
        LINKTYPE_NULL,
        LINKTYPE_EN10MB,
        LINKTYPE_RAW,
        LINKTYPE_LOOP,
        LINKTYPE_LINUX_SLL,
        LINKTYPE_IPV4,
        LINKTYPE_IPV6,
        LINKTYPE_LINUX_SLL2,
      ].map(linkTypeName),
    ).toEqual(['NULL', 'EN10MB', 'RAW', 'LOOP', 'LINUX_SLL', 'IPV4', 'IPV6', 'LINUX_SLL2']);
    expect([0, 1, 101, 108, 113, 228, 229, 276]).toEqual([
      LINKTYPE_NULL,
      LINKTYPE_EN10MB,
      LINKTYPE_RAW,
      LINKTYPE_LOOP,
      LINKTYPE_LINUX_SLL,
      LINKTYPE_IPV4,
      LINKTYPE_IPV6,
      LINKTYPE_LINUX_SLL2,
    ]);
  });

  it('keeps unknown numbers, naming them by number', () => {
    expect(linkTypeName(4242)).toBe('LINKTYPE_4242');
    expect(linkTypeDescription(4242)).toBe('unknown link type 4242');
    expect(linkTypeByName('LINKTYPE_4242')).toBe(4242);
  });

  it('looks names up case-insensitively, with or without DLT_/LINKTYPE_ prefixes', () => {
    expect(linkTypeByName('en10mb')).toBe(1);
    expect(linkTypeByName('DLT_LINUX_SLL2')).toBe(276);
    expect(linkTypeByName('LINKTYPE_RAW')).toBe(101);
    expect(linkTypeByName(' raw ')).toBe(101);
    expect(linkTypeByName('113')).toBe(113);
    expect(linkTypeByName('nonsense')).toBeUndefined();
  });

  it('maps the legacy raw-IP numbers 12 and 14 to RAW, as Wireshark reads them', () => {
    expect([
      canonicalLinkType(12),
      canonicalLinkType(14),
      canonicalLinkType(101),
      canonicalLinkType(1),
    ]).toEqual([101, 101, 101, 1]);
    expect(linkTypeName(12)).toBe('RAW');
  });

  it('round-trips every table name to a number with that name', () => {
    for (const t of knownLinkTypes()) expect(linkTypeName(linkTypeByName(t.name)!)).toBe(t.name);
  });
});
