// SPDX-License-Identifier: MIT
/**
 * Rule 2: every opcode must be on the kernel's allow-list (net/core/filter.c `chk_code_allowed`).
 * Refused even though other tools take them: `ret x` (0x0e) and LDX W ABS (0x21), which libpcap's
 * bpf_validate passes and its bpf_filter() then aborts on (reference §6).
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { kernelAllows, libpcapValidates } from './allowed-codes.ts';
import { CHK } from './codes.ts';
import { type CheckContext, type CheckRule, hex, insnText, report } from './context.ts';
import { opcodeHint } from './opcode-hints.ts';

const CLASS_NAMES = ['ld', 'ldx', 'st', 'stx', 'alu', 'jmp', 'ret', 'misc'];

/** "code 0x0e (`ret x`)" or "code 0x55 (class jmp, op 0x50)" for an unknown one. */
function describeCode(ctx: CheckContext, pc: number, code: number): string {
  const insn = ctx.insns[pc];
  if (insn !== undefined && insn.op !== 'raw') return `code ${hex(code)} (${insnText(ctx, pc)})`;
  const detail = (code & 0x07) === 0x00 || (code & 0x07) === 0x01 ? 'mode' : 'op';
  const bits = detail === 'mode' ? code & 0xe0 : code & 0xf0;
  return `code ${hex(code)} (class ${CLASS_NAMES[code & 0x07]}, ${detail} ${hex(bits)})`;
}

function kernelDiagnostic(ctx: CheckContext, pc: number, code: number): Diagnostic {
  const what = describeCode(ctx, pc, code);
  const notes = libpcapValidates(code)
    ? [
        {
          message: "libpcap's bpf_validate() passes this code, but its bpf_filter() aborts the process on it",
        },
      ]
    : [];
  return report('error', CHK.opcode, `${what} at pc ${pc} is not on the kernel's list of allowed opcodes`, {
    pc,
    hint: opcodeHint(code),
    notes,
  });
}

function libpcapDiagnostic(ctx: CheckContext, pc: number, code: number): Diagnostic {
  const what = describeCode(ctx, pc, code);
  if (!libpcapValidates(code)) {
    return report('error', CHK.opcode, `${what} at pc ${pc} has a class, mode or op bpf_validate() rejects`, {
      pc,
      hint: opcodeHint(code),
    });
  }
  return report(
    'warning',
    CHK.opcode,
    `${what} at pc ${pc} passes bpf_validate(), but bpf_filter() has no case for it and aborts the process`,
    { pc, hint: opcodeHint(code), notes: [{ message: 'the Linux kernel refuses this code' }] },
  );
}

/** Rule 2: report every opcode the loader refuses (libpcap mode: or cannot run). */
export const checkOpcodes: CheckRule = (ctx) => {
  const out: Diagnostic[] = [];
  ctx.raw.forEach(({ code }, pc) => {
    if (kernelAllows(code)) return;
    out.push(ctx.kernel ? kernelDiagnostic(ctx, pc, code) : libpcapDiagnostic(ctx, pc, code));
  });
  return out;
};
