// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { extensionK } from '../isa/opcodes.ts';
import { check } from './check.ts';
import { CHK } from './codes.ts';
import { ld, ldb, ldh, ldInd, only, retA } from './testdata/build.ts';

describe('rule 8: ancillary offsets (bpf_anc_helper)', () => {
  it('accepts all 16 ancillary fields at every load size', () => {
    const names = [
      'proto',
      'type',
      'ifidx',
      'nla',
      'nlan',
      'mark',
      'queue',
      'hatype',
      'rxhash',
      'cpu',
    ] as const;
    const more = ['xor_x', 'vlan_tci', 'vlan_avail', 'poff', 'rand', 'vlan_tpid'] as const;
    const ks = [...names, ...more].map(extensionK);
    expect(only(check([...ks.flatMap((k) => [ld(k), ldh(k), ldb(k)]), retA]), CHK.ancillary)).toEqual([]);
  });

  it('accepts SKF_NET_OFF and SKF_LL_OFF offsets and anything below SKF_AD_OFF', () => {
    expect(only(check([ld(0xfff00000 + 9), ldb(0xffe00000), ld(0xffffefff), retA]), CHK.ancillary)).toEqual(
      [],
    );
  });

  it('refuses an unknown offset, saying where it falls', () => {
    const ds = only(check([ld(0xfffff040), ldb(0xfffff002), ldh(0xffffffff), retA]), CHK.ancillary);
    expect(ds.map((d) => d.pc)).toEqual([0, 1, 2]);
    expect(ds[0]?.message).toBe(
      'unknown ancillary offset: `ld [0xfffff040]` at pc 0 reads k = 0xfffff040 (SKF_AD_OFF + 64, past the last one, `vlan_tpid` (+60)), which names no ancillary field',
    );
    expect(ds[1]?.message).toContain('between `proto` (+0) and `type` (+4)');
    expect(ds[0]?.hint).toContain('SKF_NET_OFF');
  });

  it('leaves indexed loads alone (the kernel does not check them)', () => {
    expect(only(check([ldInd(0xfffff040), retA]), CHK.ancillary)).toEqual([]);
  });

  it('libpcap mode warns about every extension or negative offset (bpf_filter reads 0 there)', () => {
    const ds = only(
      check([ld(0xfffff000), ldb(0xfffff030), ld(0xfff00000), retA], { mode: 'libpcap' }),
      CHK.ancillary,
    );
    expect(ds.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(ds[1]?.hint).toContain('live Linux captures');
  });
});
