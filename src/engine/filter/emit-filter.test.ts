// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { formatTcpdumpListing } from '../isa/format-tcpdump.ts';
import { run } from '../vm/run.ts';
import { compileFilter } from './compile-filter.ts';
import { emitFilter, layoutBlocks } from './emit-filter.ts';
import { BlockFactory, orFrag, patch } from './filter-ir.ts';

describe('emitFilter', () => {
  it('lays blocks out as libpcap does: a block, its true side, then its false side', () => {
    const f = new BlockFactory();
    const a = f.test([{ insn: { op: 'ld', mode: 'abs', size: 2, k: 12 } }], { cond: 'jeq', src: 'k', k: 1 });
    const b = f.test([], { cond: 'jeq', src: 'k', k: 2 });
    const frag = orFrag(a, b);
    const yes = f.ret(96);
    const no = f.ret(0);
    patch(frag.t, yes);
    patch(frag.f, no);
    expect(layoutBlocks(frag.head)).toEqual([a.head, b.head, yes, no]);
    const program = emitFilter('x', frag.head);
    expect(formatTcpdumpListing(program.insns)).toBe(
      [
        '(000) ldh      [12]',
        '(001) jeq      #0x1             jt 3\tjf 2',
        '(002) jeq      #0x2             jt 3\tjf 4',
        '(003) ret      #96',
        '(004) ret      #0',
        '',
      ].join('\n'),
    );
  });

  it('inserts ja trampolines for jumps beyond 255 instructions, keeping the meaning', () => {
    const ports = Array.from({ length: 16 }, (_, i) => `tcp port ${i + 1}`).join(' or ');
    const expr = `${ports} or tcp port 80`;
    const r = compileFilter(expr, { optimize: false });
    const insns = r.program!.insns;
    expect(insns.length).toBeGreaterThan(256);
    expect(insns.some((i) => i.op === 'ja')).toBe(true);
    for (const i of insns) if (i.op === 'jmp') expect(Math.max(i.jt, i.jf)).toBeLessThanOrEqual(255);
    // An IPv4/TCP packet to port 80 (the last alternative, reached through the trampolines).
    const frame = new Uint8Array(54);
    frame.set([0x08, 0x00], 12);
    frame.set([0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6], 14);
    frame.set([0xc0, 0x00, 0x00, 0x50, 0x00, 0x50], 34);
    expect(run(insns, { bytes: frame, wireLength: 54 }, 'libpcap').verdict).toBe(262144);
    frame.set([0x00, 0x51], 36);
    expect(run(insns, { bytes: frame, wireLength: 54 }, 'libpcap').verdict).toBe(0);
  });

  it('says in comments what each test checks and what each return means', () => {
    const p = compileFilter('udp port 53').program!;
    const comments = Object.values(p.comments!);
    expect(comments).toContain('ethertype IPv6');
    expect(comments).toContain('UDP destination port = 53');
    expect(comments).toContain('accept: keep this many bytes');
    expect(comments).toContain('reject: keep no bytes');
  });

  it('maps every instruction of a primitive to that primitive’s text', () => {
    const expr = 'tcp and host 192.0.2.1';
    const p = compileFilter(expr).program!;
    const texts = new Set(
      p.sourceMap!.filter((m) => m !== undefined).map((m) => expr.slice(m.startCol - 1, m.endCol - 1)),
    );
    expect(texts).toEqual(new Set(['tcp', 'host 192.0.2.1', expr]));
    expect(p.sourceMap!.every((m) => m !== undefined)).toBe(true);
  });
});
