// SPDX-License-Identifier: MIT
/**
 * A deterministic corpus on top of the property tests: the shared seeded generators of valid
 * programs (the ones the libpcap and Linux differential suites use) and realistic packets, run
 * through `filterBatch` and compared with `run` packet by packet, in both semantics.
 */
import { describe, expect, it } from 'vitest';
import { createRng, randomPacket, randomProgram } from '../../../testkit/random-program.ts';
import { run } from '../run.ts';
import type { PacketContext, Semantics } from '../types.ts';
import { compileFast, type PacketBatch } from './compile-fast.ts';

const PROGRAMS = 600;
const PACKETS = 24;

function batchOf(packets: readonly PacketContext[]): PacketBatch {
  const data = new Uint8Array(packets.reduce((n, p) => n + p.bytes.length, 0));
  const offsets = new Uint32Array(packets.length);
  let at = 0;
  packets.forEach((p, i) => {
    data.set(p.bytes, at);
    offsets[i] = at;
    at += p.bytes.length;
  });
  return {
    data,
    offsets,
    caplens: Uint32Array.from(packets, (p) => p.bytes.length),
    wirelens: Uint32Array.from(packets, (p) => p.wireLength >>> 0),
    metas: packets.map((p) => p.meta),
  };
}

describe('compileFast on the seeded corpus of valid programs', () => {
  for (const semantics of ['linux', 'libpcap'] as Semantics[]) {
    it(`${semantics}: ${PROGRAMS} programs × ${PACKETS} packets, 0 mismatches`, () => {
      const rng = createRng(semantics === 'linux' ? 0x5eed1 : 0x5eed2);
      let compared = 0;
      let translated = 0;
      for (let n = 0; n < PROGRAMS; n++) {
        const packets = Array.from({ length: PACKETS }, (): PacketContext => {
          const p = randomPacket(rng);
          // Half the time the packet has a network header at 14 (SKF_NET_OFF loads then read).
          return rng.chance(0.5) ? { ...p, meta: { networkOffset: 14, protocol: 0x800 } } : p;
        });
        const insns = randomProgram(rng, { packetLengths: packets.map((p) => p.bytes.length) });
        const fast = compileFast(insns, semantics);
        if (fast.kind === 'wasm') translated++;
        const got = fast.filterBatch(batchOf(packets));
        const want = packets.map((p) => run(insns, p, semantics, { trace: false }).verdict);
        expect([...got], `program ${n}: ${JSON.stringify(insns)}`).toEqual(want);
        compared += packets.length;
      }
      expect(compared).toBe(PROGRAMS * PACKETS);
      // Only Linux programs with nla/nlan stay with the interpreter.
      expect(translated).toBeGreaterThan(PROGRAMS * 0.9);
    });
  }
});
