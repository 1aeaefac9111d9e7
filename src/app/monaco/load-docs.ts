// SPDX-License-Identifier: MIT
/** Documentation of the load mnemonics and their addressing modes (reference §4.2, §4.3). */
import type { FormDoc, MnemonicDoc } from './mnemonic-docs.ts';

const OOB = 'A load past the captured bytes ends the program with return 0.';

const SIZES = {
  ld: { bytes: 4, what: 'the 32-bit big-endian word', base: 0x20 },
  ldh: { bytes: 2, what: 'the 16-bit big-endian value', base: 0x28 },
  ldb: { bytes: 1, what: 'the byte', base: 0x30 },
} as const;

function packetLoads(m: keyof typeof SIZES): FormDoc[] {
  const { what, base } = SIZES[m];
  return [
    {
      syntax: `${m} [k]`,
      operand: 'abs',
      opcode: base,
      does: `A = ${what} at packet offset k`,
      example: `${m} [12]`,
      snippet: `${m} [\${1:12}]`,
    },
    {
      syntax: `${m} [x + k]`,
      operand: 'ind',
      opcode: base + 0x20,
      does: `A = ${what} at packet offset X + k`,
      example: `${m} [x + 14]`,
      snippet: `${m} [x + \${1:14}]`,
    },
    {
      syntax: `${m} #ext`,
      operand: 'ext',
      opcode: base,
      does: 'A = a Linux extension (socket-buffer metadata such as #proto or #vlan_tci); any load size reads the whole value',
      example: `${m} #proto`,
      snippet: `${m} #\${1|proto,type,ifidx,mark,queue,hatype,rxhash,cpu,vlan_tci,vlan_avail,vlan_tpid,poff,rand|}`,
    },
  ];
}

const imm = (m: string, reg: 'A' | 'X', opcode: number): FormDoc => ({
  syntax: `${m} #k`,
  operand: 'imm',
  opcode,
  does: `${reg} = k (a constant)`,
  example: `${m} #0x800`,
  snippet: `${m} #\${1:0}`,
});

const bareImm = (m: string, reg: 'A' | 'X', opcode: number): FormDoc => ({
  syntax: `${m} k`,
  operand: 'num',
  opcode,
  does: `${reg} = k (a constant; the # is optional for ${m})`,
  example: `${m} 42`,
  snippet: `${m} \${1:0}`,
});

const len = (m: string, reg: 'A' | 'X', opcode: number): FormDoc => ({
  syntax: `${m} #len`,
  operand: 'len',
  opcode,
  does: `${reg} = the packet length on the wire (not the captured length)`,
  example: `${m} #len`,
  snippet: `${m} #len`,
});

const mem = (m: string, reg: 'A' | 'X', opcode: number): FormDoc => ({
  syntax: `${m} M[k]`,
  operand: 'mem',
  opcode,
  does: `${reg} = scratch word M[k] (k is 0 to 15)`,
  example: `${m} M[3]`,
  snippet: `${m} M[\${1:0}]`,
});

const msh = (m: string): FormDoc => ({
  syntax: `${m} 4*([k]&0xf)`,
  operand: 'msh',
  opcode: 0xb1,
  does: 'X = 4 × the low 4 bits of the byte at packet offset k: the IPv4 header length in bytes when k is the version/IHL byte (14 on Ethernet)',
  example: `${m} 4*([14]&0xf)`,
  snippet: `${m} 4*([\${1:14}]&0xf)`,
});

/** The loads: ld, ldh, ldb, ldi, ldx, ldxi, ldxb. */
export const LOAD_DOCS: MnemonicDoc[] = [
  {
    mnemonic: 'ld',
    summary: 'Load a 32-bit value into the accumulator A.',
    forms: [imm('ld', 'A', 0x00), len('ld', 'A', 0x80), mem('ld', 'A', 0x60), ...packetLoads('ld')],
    note: OOB,
  },
  { mnemonic: 'ldh', summary: 'Load a 16-bit half-word into A.', forms: packetLoads('ldh'), note: OOB },
  { mnemonic: 'ldb', summary: 'Load one byte into A.', forms: packetLoads('ldb'), note: OOB },
  {
    mnemonic: 'ldi',
    summary: 'Load a constant into A.',
    forms: [imm('ldi', 'A', 0x00), bareImm('ldi', 'A', 0x00)],
  },
  {
    mnemonic: 'ldx',
    summary: 'Load a value into the index register X.',
    forms: [imm('ldx', 'X', 0x01), len('ldx', 'X', 0x81), mem('ldx', 'X', 0x61), msh('ldx')],
  },
  {
    mnemonic: 'ldxi',
    summary: 'Load a constant into X.',
    forms: [imm('ldxi', 'X', 0x01), bareImm('ldxi', 'X', 0x01)],
  },
  {
    mnemonic: 'ldxb',
    summary: 'Load a header length into X: 4 × the low nibble of a packet byte.',
    forms: [msh('ldxb')],
    note: OOB,
  },
];
