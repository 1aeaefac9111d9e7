// SPDX-License-Identifier: MIT
/** The benchmark's filters, compiled by tcpdump at bench time so the bytecode is libpcap's own. */
import { decode } from '../src/engine/isa/codec.ts';
import type { Insn } from '../src/engine/isa/insn.ts';
import { parseDdd } from '../src/testkit/ddd.ts';
import { runTool } from '../src/testkit/reference-tools.ts';

/** Filter expressions, from the shortest to a long (40-instruction) one. */
export const EXPRESSIONS = [
  'ip and udp port 53',
  'tcp[tcpflags] & tcp-syn != 0',
  'vlan and ip',
  'tcp portrange 1000-2000 or udp portrange 5000-6000 or icmp',
  'ip6',
];

/** A filter ready to run: its expression, bytecode, and the -ddd text the C harness reads. */
export interface BenchFilter {
  expression: string;
  insns: Insn[];
  ddd: string;
}

/** Compile each expression for Ethernet with `tcpdump -ddd`. */
export function compileFilters(tcpdump: string): BenchFilter[] {
  return EXPRESSIONS.map((expression) => {
    const ddd = runTool(tcpdump, ['-y', 'EN10MB', '-ddd', expression]);
    return { expression, insns: parseDdd(ddd).map(decode), ddd };
  });
}
