// SPDX-License-Identifier: MIT
/**
 * Hand-computed cases for `compileFast`: each semantics difference (reference §6) by name, the
 * instructions the interpreter ends with 0, and the fallbacks with their reasons (the batch
 * plumbing is in filter-batch.test.ts). Every expected value is also checked against `run`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Insn } from '../../isa/insn.ts';
import { extensionK, SKF_LL_OFF, SKF_NET_OFF } from '../../isa/opcodes.ts';
import { seededRandom } from '../meta.ts';
import { run } from '../run.ts';
import type { PacketContext, Semantics } from '../types.ts';
import { compileFast, type PacketBatch } from './compile-fast.ts';

const ldAbs = (size: 1 | 2 | 4, k: number): Insn => ({ op: 'ld', mode: 'abs', size, k });
const ldInd = (size: 1 | 2 | 4, k: number): Insn => ({ op: 'ld', mode: 'ind', size, k });
const ldxImm = (k: number): Insn => ({ op: 'ldx', mode: 'imm', k });
const ldImm = (k: number): Insn => ({ op: 'ld', mode: 'imm', k });
const alu = (op: Extract<Insn, { op: 'alu' }>['alu'], src: 'k' | 'x', k = 0): Insn => ({
  op: 'alu',
  alu: op,
  src,
  k,
});
const retA: Insn = { op: 'ret', src: 'a' };
const retK = (k: number): Insn => ({ op: 'ret', src: 'k', k });

/** 0x00 0x01 0x02 ... : byte i holds i, so every load's expected value is easy to compute. */
function counting(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i & 0xff);
}

function packet(bytes: Uint8Array, extra: Partial<PacketContext> = {}): PacketContext {
  return { bytes, wireLength: bytes.length, ...extra };
}

/** The fast verdict, after checking it is the wasm path and agrees with the interpreter. */
function verdict(insns: Insn[], pkt: PacketContext, semantics: Semantics): number {
  const fast = compileFast(insns, semantics);
  expect(fast.kind).toBe('wasm');
  const v = fast.filter(pkt);
  expect(v).toBe(run(insns, pkt, semantics).verdict);
  return v;
}

describe('semantics differences (reference §6), each translated', () => {
  it('shift by X >= 32: linux masks the count, libpcap gives 0', () => {
    const p = [ldxImm(33), ldImm(1), alu('lsh', 'x'), retA];
    expect(verdict(p, packet(counting(4)), 'linux')).toBe(2);
    expect(verdict(p, packet(counting(4)), 'libpcap')).toBe(0);
    const r = [ldxImm(36), ldImm(0x30), alu('rsh', 'x'), retA];
    expect(verdict(r, packet(counting(4)), 'linux')).toBe(3);
    expect(verdict(r, packet(counting(4)), 'libpcap')).toBe(0);
  });

  it('shift by a constant >= 32: masked in both (what bpf_filter.c does on x86-64)', () => {
    const p = [ldImm(1), alu('lsh', 'k', 33), retA];
    expect(verdict(p, packet(counting(4)), 'linux')).toBe(2);
    expect(verdict(p, packet(counting(4)), 'libpcap')).toBe(2);
  });

  it('X + k overflowing 32 bits: linux wraps (reads byte 0/1), libpcap returns 0', () => {
    const p = [ldxImm(0xffffffff), ldInd(1, 1), alu('add', 'k', 100), retA];
    expect(verdict(p, packet(counting(8)), 'linux')).toBe(100);
    expect(verdict(p, packet(counting(8)), 'libpcap')).toBe(0);
    const q = [ldxImm(0xfffffffe), ldInd(2, 3), retA];
    expect(verdict(q, packet(counting(8)), 'linux')).toBe(0x0102);
    expect(verdict(q, packet(counting(8)), 'libpcap')).toBe(0);
  });

  it('SKF_NET_OFF loads: linux reads at the network header, libpcap is out of bounds', () => {
    const p = [ldAbs(1, SKF_NET_OFF + 9), retA];
    const pkt = packet(counting(40), { meta: { networkOffset: 14 } });
    expect(verdict(p, pkt, 'linux')).toBe(23);
    expect(verdict(p, pkt, 'libpcap')).toBe(0);
    // No network header known: nothing to read, return 0.
    expect(verdict(p, packet(counting(40)), 'linux')).toBe(0);
    // The header is there but the read passes caplen.
    expect(verdict([ldAbs(4, SKF_NET_OFF + 24), retA], pkt, 'linux')).toBe(0);
    expect(verdict([ldAbs(4, SKF_NET_OFF + 22), retA], pkt, 'linux')).toBe(0x24252627);
  });

  it('SKF_LL_OFF loads through [x + k]: the negative sum reaches the link-layer header', () => {
    const p = [ldxImm(SKF_LL_OFF), ldInd(2, 12), retA];
    expect(verdict(p, packet(counting(20)), 'linux')).toBe(0x0c0d);
    expect(verdict(p, packet(counting(20), { meta: { linkOffset: 2 } }), 'linux')).toBe(0x0e0f);
    expect(verdict(p, packet(counting(20)), 'libpcap')).toBe(0);
    // Below SKF_LL_OFF a negative offset addresses nothing.
    expect(verdict([ldAbs(1, 0x80000000), retK(1)], packet(counting(20)), 'linux')).toBe(0);
  });

  it('ldxb 4*([k]&0xf) at SKF_NET_OFF works in linux (a byte ld abs in the kernel)', () => {
    const bytes = counting(40);
    bytes[14] = 0x46;
    const p: Insn[] = [{ op: 'ldx', mode: 'msh', k: SKF_NET_OFF }, { op: 'txa' }, retA];
    expect(verdict(p, packet(bytes, { meta: { networkOffset: 14 } }), 'linux')).toBe(24);
    expect(verdict(p, packet(bytes, { meta: { networkOffset: 14 } }), 'libpcap')).toBe(0);
  });

  it('ancillary loads: linux reads the metadata, libpcap reads out of bounds', () => {
    const meta = { protocol: 0x86dd, vlanPresent: true, vlanTci: 0x1234, mark: 0xdeadbeef, pktType: 3 };
    const pkt = packet(counting(60), { meta });
    expect(verdict([ldAbs(4, extensionK('proto')), retA], pkt, 'linux')).toBe(0x86dd);
    expect(verdict([ldAbs(1, extensionK('proto')), retA], pkt, 'linux')).toBe(0x86dd); // size ignored
    expect(verdict([ldAbs(4, extensionK('vlan_avail')), retA], pkt, 'linux')).toBe(1);
    expect(verdict([ldAbs(4, extensionK('vlan_tci')), retA], pkt, 'linux')).toBe(0x1234);
    expect(verdict([ldAbs(4, extensionK('mark')), retA], pkt, 'linux')).toBe(0xdeadbeef);
    expect(verdict([ldAbs(4, extensionK('type')), retA], pkt, 'linux')).toBe(3);
    expect(verdict([ldAbs(4, extensionK('proto')), retA], pkt, 'libpcap')).toBe(0);
  });

  it('ancillary defaults: hatype 1 (Ethernet), rand from the fixed seed', () => {
    expect(verdict([ldAbs(4, extensionK('hatype')), retA], packet(counting(4)), 'linux')).toBe(1);
    expect(verdict([ldAbs(4, extensionK('rand')), retA], packet(counting(4)), 'linux')).toBe(seededRandom(0));
  });

  it('xor_x is A ^= X in linux', () => {
    const p = [ldImm(5), ldxImm(3), ldAbs(4, extensionK('xor_x')), retA];
    expect(verdict(p, packet(counting(4)), 'linux')).toBe(6);
    expect(verdict(p, packet(counting(4)), 'libpcap')).toBe(0);
  });

  it('an unknown ancillary offset in linux lands 1 MiB past the network header: 0', () => {
    const p = [ldAbs(4, 0xfffff040), retK(9)];
    expect(verdict(p, packet(counting(60), { meta: { networkOffset: 0 } }), 'linux')).toBe(0);
  });
});

describe('both machines', () => {
  it('#len reads the wire length while loads stop at the captured length', () => {
    const pkt = packet(counting(10), { wireLength: 1500 });
    for (const s of ['linux', 'libpcap'] as const) {
      expect(verdict([{ op: 'ld', mode: 'len' }, retA], pkt, s)).toBe(1500);
      expect(verdict([{ op: 'ldx', mode: 'len' }, { op: 'txa' }, retA], pkt, s)).toBe(1500);
      expect(verdict([ldAbs(2, 8), retA], pkt, s)).toBe(0x0809);
      expect(verdict([ldAbs(2, 9), retK(1)], pkt, s)).toBe(0);
      expect(verdict([ldAbs(4, 0xfffffffe), retK(1)], pkt, s)).toBe(0);
    }
  });

  it('big-endian loads of every size, the last byte exactly', () => {
    const pkt = packet(counting(8));
    for (const s of ['linux', 'libpcap'] as const) {
      expect(verdict([ldAbs(4, 4), retA], pkt, s)).toBe(0x04050607);
      expect(verdict([ldAbs(4, 5), retK(1)], pkt, s)).toBe(0);
      expect(verdict([ldAbs(1, 7), retA], pkt, s)).toBe(7);
      expect(verdict([ldxImm(3), ldInd(4, 1), retA], pkt, s)).toBe(0x04050607);
      expect(verdict([ldxImm(4), ldInd(4, 1), retK(1)], pkt, s)).toBe(0);
      expect(verdict([ldAbs(1, 0), retK(1)], packet(new Uint8Array(0)), s)).toBe(0);
    }
  });

  it('[x + k] with X not bounded statically (from #len): the last byte, and one past it', () => {
    const p: Insn[] = [{ op: 'ldx', mode: 'len' }, ldInd(1, 0), retA];
    const q: Insn[] = [{ op: 'ldx', mode: 'len' }, ldInd(2, 3), retA];
    for (const s of ['linux', 'libpcap'] as const) {
      expect(verdict(p, packet(counting(10), { wireLength: 9 }), s)).toBe(9);
      expect(verdict(p, packet(counting(10), { wireLength: 10 }), s)).toBe(0);
      expect(verdict(q, packet(counting(10), { wireLength: 5 }), s)).toBe(0x0809);
      expect(verdict(q, packet(counting(10), { wireLength: 6 }), s)).toBe(0);
    }
  });

  it('division and modulo by X = 0 return 0; by other values divide unsigned', () => {
    for (const s of ['linux', 'libpcap'] as const) {
      expect(verdict([ldImm(10), alu('div', 'x'), retK(5)], packet(counting(1)), s)).toBe(0);
      expect(verdict([ldImm(10), alu('mod', 'x'), retK(5)], packet(counting(1)), s)).toBe(0);
      expect(verdict([ldImm(0xfffffff0), ldxImm(16), alu('div', 'x'), retA], packet(counting(1)), s)).toBe(
        0x0fffffff,
      );
      expect(verdict([ldImm(0xfffffff1), alu('mod', 'k', 16), retA], packet(counting(1)), s)).toBe(1);
      expect(verdict([ldImm(7), alu('div', 'k', 0), retK(5)], packet(counting(1)), s)).toBe(0);
    }
  });

  it('conditional jumps compare unsigned; jset tests any common bit', () => {
    const jmp = (cond: 'jeq' | 'jgt' | 'jge' | 'jset', k: number): Insn => ({
      op: 'jmp',
      cond,
      src: 'k',
      k,
      jt: 1,
      jf: 0,
    });
    for (const s of ['linux', 'libpcap'] as const) {
      expect(verdict([ldImm(0x80000000), jmp('jgt', 1), retK(1), retK(2)], packet(counting(1)), s)).toBe(2);
      expect(verdict([ldImm(5), jmp('jge', 5), retK(1), retK(2)], packet(counting(1)), s)).toBe(2);
      expect(verdict([ldImm(4), jmp('jset', 3), retK(1), retK(2)], packet(counting(1)), s)).toBe(1);
      expect(
        verdict([ldImm(0xffffffff), jmp('jeq', 0xffffffff), retK(1), retK(2)], packet(counting(1)), s),
      ).toBe(2);
    }
  });

  it('instructions the interpreter ends with 0 translate to return 0 (no fallback)', () => {
    const cases: Insn[][] = [
      [{ op: 'raw', code: 0xff, jt: 0, jf: 0, k: 0 }, retK(1)],
      [ldxImm(9), { op: 'ret', src: 'x' }],
      [{ op: 'st', k: 16 }, retK(1)],
      [{ op: 'ld', mode: 'mem', k: 99 }, retK(1)],
      [{ op: 'jmp', cond: 'jeq', src: 'k', k: 0, jt: 5, jf: 5 }, retK(1)],
      [{ op: 'ja', k: 0xffffff00 }, retK(1)],
      [ldImm(3)],
      [],
    ];
    for (const p of cases) {
      for (const s of ['linux', 'libpcap'] as const) {
        if (s === 'libpcap' && p[0]?.op === 'ja') continue; // backward for libpcap: see below
        expect(verdict(p, packet(counting(4)), s)).toBe(0);
      }
    }
  });
});

/** A batch of packets laid out back to back. */
function batchOf(packets: Uint8Array[], wire?: (i: number) => number): PacketBatch {
  const size = packets.reduce((n, p) => n + p.length, 0);
  const data = new Uint8Array(size);
  const offsets = new Uint32Array(packets.length);
  let at = 0;
  packets.forEach((p, i) => {
    data.set(p, at);
    offsets[i] = at;
    at += p.length;
  });
  return {
    data,
    offsets,
    caplens: Uint32Array.from(packets, (p) => p.length),
    wirelens: Uint32Array.from(packets, (p, i) => wire?.(i) ?? p.length),
  };
}

describe('fallback to the interpreter', () => {
  const host = globalThis as { WebAssembly?: unknown };
  const saved = host.WebAssembly;
  afterEach(() => {
    host.WebAssembly = saved;
  });

  it('libpcap backward ja (ip6 protochain style) stays with the interpreter, same verdicts', () => {
    // pc0: ja +2 → pc3: ja -3 → pc1: ret #7 (libpcap sign-extends k; Linux reads it unsigned).
    const p: Insn[] = [{ op: 'ja', k: 2 }, retK(7), retK(8), { op: 'ja', k: 0xfffffffd }];
    const lib = compileFast(p, 'libpcap');
    expect(lib.kind).toBe('interpreter');
    expect(lib.reason).toMatch(/pc 3 jumps backward/);
    expect(lib.filter(packet(counting(1)))).toBe(7);
    const linux = compileFast(p, 'linux');
    expect(linux.kind).toBe('wasm');
    expect(linux.filter(packet(counting(1)))).toBe(run(p, packet(counting(1)), 'linux').verdict);
  });

  it('a libpcap loop that never ends hits the step limit: 0', () => {
    const p: Insn[] = [{ op: 'ja', k: 0xffffffff }, retK(1)];
    const f = compileFast(p, 'libpcap');
    expect(f.kind).toBe('interpreter');
    expect([...f.filterBatch(batchOf([counting(3), counting(0)]))]).toEqual([0, 0]);
  });

  it('nla/nlan (netlink attribute searches) are interpreted in linux, translated in libpcap', () => {
    const p = [ldImm(0), ldxImm(2), ldAbs(4, extensionK('nla')), retA];
    const bytes = Uint8Array.from([8, 0, 1, 0, 0, 0, 0, 0, 8, 0, 2, 0, 0, 0, 0, 0]);
    const linux = compileFast(p, 'linux');
    expect(linux.kind).toBe('interpreter');
    expect(linux.reason).toMatch(/'nla'/);
    expect(linux.filter(packet(bytes))).toBe(run(p, packet(bytes), 'linux').verdict);
    expect(linux.filter(packet(bytes))).toBe(8);
    expect(compileFast(p, 'libpcap').kind).toBe('wasm');
  });

  it('a host whose CSP refuses to compile wasm falls back, naming the error', () => {
    class Refuse {
      constructor() {
        throw new Error(
          "Refused to compile or instantiate WebAssembly module because 'wasm-eval' is not allowed",
        );
      }
    }
    host.WebAssembly = { Module: Refuse, Instance: Refuse };
    const f = compileFast([ldAbs(1, 0), retA], 'libpcap');
    expect(f.kind).toBe('interpreter');
    expect(f.reason).toMatch(/WebAssembly compilation failed: Refused to compile/);
    expect(f.filter(packet(Uint8Array.of(42)))).toBe(42);
  });

  it('without WebAssembly every program runs in the interpreter', () => {
    delete host.WebAssembly; // a host without WebAssembly (or a CSP that forbids compiling it)
    const f = compileFast([ldAbs(1, 0), retA], 'linux');
    expect(f.kind).toBe('interpreter');
    expect(f.reason).toMatch(/not available/);
    expect(f.filter(packet(Uint8Array.of(42)))).toBe(42);
    expect([...f.filterBatch(batchOf([Uint8Array.of(1), Uint8Array.of(2)]))]).toEqual([1, 2]);
  });
});
