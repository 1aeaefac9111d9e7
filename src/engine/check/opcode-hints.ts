// SPDX-License-Identifier: MIT
/**
 * A fix for each kind of opcode the kernel refuses: what the author probably meant and the code
 * that says it. Many refused codes are eBPF opcodes or a size/mode bit in the wrong place.
 */
import { hex } from './context.ts';

/** eBPF ALU ops that classic BPF lacks (bits 4-7). */
const EBPF_ALU: Readonly<Record<number, string>> = { 176: 'mov', 192: 'arsh', 208: 'end (byte swap)' };

/** eBPF jump ops that classic BPF lacks, with the classic way to say them. */
const EBPF_JUMP: Readonly<Record<number, string>> = {
  80: "eBPF's jne: use jeq with jt and jf swapped (the `jneq` pseudo-op)",
  96: "eBPF's signed jsgt: classic BPF compares unsigned only",
  112: "eBPF's signed jsge: classic BPF compares unsigned only",
  128: "eBPF's call: classic BPF cannot call helpers",
  144: "eBPF's exit: a classic program ends with `ret a` or `ret #k`",
  160: "eBPF's jlt: use jge with jt and jf swapped (the `jlt` pseudo-op)",
  176: "eBPF's jle: use jgt with jt and jf swapped (the `jle` pseudo-op)",
  192: "eBPF's signed jslt: classic BPF compares unsigned only",
  208: "eBPF's signed jsle: classic BPF compares unsigned only",
};

const LDX_FORMS =
  'the ldx forms are `ldx #k` (0x01), `ldx M[k]` (0x61), `ldx #len` (0x81), `ldxb 4*([k]&0xf)` (0xb1)';

function ldHint(code: number): string {
  const mode = code & 0xe0;
  if (mode === 0xa0) return 'only ldx has the 4*([k]&0xf) form: use `ldxb 4*([k]&0xf)` (0xb1)';
  if ((code & 0x18) === 0x18)
    return 'size bits 0x18 (eBPF DW) do not exist here: use ld (0x00), ldh (0x08) or ldb (0x10)';
  if (mode === 0x00 || mode === 0x60 || mode === 0x80) {
    return '`ld #k`, `ld M[k]` and `ld #len` take no size: their codes are 0x00, 0x60 and 0x80';
  }
  return 'the ld modes are #k (0x00), [k] (0x20), [x + k] (0x40), M[k] (0x60) and #len (0x80)';
}

function ldxHint(code: number): string {
  const mode = code & 0xe0;
  if (mode === 0x20 || mode === 0x40) {
    return 'ldx cannot load packet bytes: load into A with `ld`/`ldh`/`ldb` and then `tax` (or use `ldxb 4*([k]&0xf)` for an IPv4 header length)';
  }
  return LDX_FORMS;
}

function aluHint(code: number): string {
  const op = code & 0xf0;
  if (op === 0x80) return '`neg` takes no operand: its code is 0x84';
  const ebpf = EBPF_ALU[op];
  const ops = 'add sub mul div mod and or xor lsh rsh neg';
  return ebpf ? `classic BPF has no ${ebpf}; its ALU ops are ${ops}` : `the ALU ops are ${ops}`;
}

function jumpHint(code: number): string {
  const op = code & 0xf0;
  if (op === 0x00) return '`ja` has no X form: its code is 0x05';
  return EBPF_JUMP[op] ?? 'the classic jumps are ja, jeq, jgt, jge and jset';
}

/** A fix for an opcode the kernel refuses. */
export function opcodeHint(code: number): string {
  if (code > 0xff) {
    return `classic opcodes fit in 8 bits but this one is ${hex(code, 4)}: check the byte order the program was read with`;
  }
  if (code === 0x0e) return 'to return X, use `txa; ret a`';
  switch (code & 0x07) {
    case 0x00:
      return ldHint(code);
    case 0x01:
      return ldxHint(code);
    case 0x02:
    case 0x03:
      return '`st` and `stx` take no size or mode bits: their codes are exactly 0x02 and 0x03';
    case 0x04:
      return aluHint(code);
    case 0x05:
      return jumpHint(code);
    case 0x06:
      return '`ret` returns #k (0x06) or A (0x16); to return X use `txa; ret a`';
    default:
      return 'the misc ops are `tax` (0x07) and `txa` (0x87)';
  }
}
