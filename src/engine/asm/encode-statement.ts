// SPDX-License-Identifier: MIT
/**
 * Encode one parsed statement: find the mnemonic's form whose slots fit the operands (the table
 * in forms.ts), evaluate the operands, and build the instruction. When no form fits, say which
 * operand is wrong, what the mnemonic takes there, and how to fix the likely mistake.
 */
import type { Diagnostic } from '../diag/diagnostic.ts';
import { error } from '../diag/diagnostic.ts';
import { ASM } from './codes.ts';
import type { Built, Form } from './forms.ts';
import { FORMS, RAW_LIMITS } from './forms.ts';
import { operandNames } from './names.ts';
import type { Slot, Value } from './operands.ts';
import { accepts, evaluate, SLOT_TEXT, soleName } from './operands.ts';
import { didYouMean } from './suggest.ts';
import type { Operand, Statement } from './syntax.ts';
import { rangeText } from './syntax.ts';

/** Encode a statement that has a mnemonic; undefined (with diagnostics in `out`) when it cannot be. */
export function encodeStatement(
  statement: Statement,
  lines: readonly string[],
  out: Diagnostic[],
): Built | undefined {
  const mnemonic = statement.mnemonic!;
  const name = mnemonic.text.toLowerCase();
  const forms = FORMS.get(name);
  if (!forms) {
    const first = statement.operands[0];
    const next = first?.kind === 'bare' ? soleName(first.expr)?.toLowerCase() : undefined;
    const hint =
      next !== undefined && FORMS.has(next)
        ? `a label needs a colon: '${mnemonic.text}:'`
        : (didYouMean(mnemonic.text, FORMS.keys()) ?? `the mnemonics are ${[...FORMS.keys()].join(', ')}`);
    out.push(
      error(ASM.unknownMnemonic, `expected a mnemonic but found '${mnemonic.text}'`, {
        range: mnemonic.range,
        hint,
      }),
    );
    return undefined;
  }
  const ops =
    statement.jt && statement.jf ? [...statement.operands, statement.jt, statement.jf] : statement.operands;
  const form = forms.find(
    (f) => f.slots.length === ops.length && f.slots.every((slot, i) => accepts(slot, ops[i]!)),
  );
  if (!form) {
    out.push(mismatch(name, forms, ops, statement, lines));
    return undefined;
  }
  const values: Value[] = [];
  let ok = true;
  form.slots.forEach((slot, i) => {
    const value = evaluate(slot, ops[i]!, out);
    if (value === undefined) ok = false;
    values.push(value ?? null);
  });
  if (ok && (name === 'unimp' || name === '.insn')) ok = rawFieldsFit(ops, values, out);
  return ok ? form.build(values) : undefined;
}

/** `.insn`/`unimp` fields must fit `struct sock_filter`: code 16 bits, jt/jf 8 bits. */
function rawFieldsFit(ops: readonly Operand[], values: readonly Value[], out: Diagnostic[]): boolean {
  const fields = ['code', 'jt', 'jf', 'k'];
  let ok = true;
  values.forEach((value, i) => {
    const limit = RAW_LIMITS[i]!;
    if ((value as number) > limit) {
      out.push(
        error(
          ASM.numberOutOfRange,
          `expected ${fields[i]} 0..0x${limit.toString(16)} but found 0x${(value as number).toString(16)}`,
          {
            range: ops[i]!.range,
          },
        ),
      );
      ok = false;
    }
  });
  return ok;
}

/** How far a form's slots fit the operands, in leading operands. */
function progress(form: Form, ops: readonly Operand[]): number {
  let i = 0;
  while (i < form.slots.length && i < ops.length && accepts(form.slots[i]!, ops[i]!)) i++;
  return i;
}

/** The diagnostic for operands no form takes: the first operand that fits no form, or the one missing. */
function mismatch(
  name: string,
  forms: readonly Form[],
  ops: readonly Operand[],
  statement: Statement,
  lines: readonly string[],
): Diagnostic {
  const at = Math.max(...forms.map((f) => progress(f, ops)));
  const expected = [
    ...new Set(forms.filter((f) => progress(f, ops) === at && f.slots.length > at).map((f) => f.slots[at]!)),
  ];
  const op = ops[at];
  const wanted = expected.length === 0 ? 'end of line' : listOf(expected.map((s) => SLOT_TEXT[s]));
  const found = op ? `'${rangeText(lines, op.range)}'` : statement.end.atEof ? 'end of input' : 'end of line';
  const range = op ? op.range : statement.end.range;
  const hint = hintFor(name, expected, op, op ? rangeText(lines, op.range) : '');
  return error(ASM.badOperand, `expected ${wanted} but found ${found}`, { range, ...(hint ? { hint } : {}) });
}

function listOf(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** A fix for the likely mistake behind a mismatch, or undefined. */
function hintFor(
  name: string,
  expected: readonly Slot[],
  op: Operand | undefined,
  text: string,
): string | undefined {
  if (!op) {
    if (expected.includes('target')) return `give the jump target(s): '${name} ${jumpExample(name)}'`;
    return undefined;
  }
  if (expected.length === 0)
    return FORMS.get(name)!.every((f) => f.slots.length === 0) ? `'${name}' takes no operand` : undefined;
  const inner =
    op.kind === 'abs' ? text.slice(1, -1).trim() : op.kind === 'imm' ? text.slice(1).trim() : text;
  const numeric = op.kind === 'bare' && op.expr.terms.every((term) => term.name === undefined);
  if (numeric && expected.includes('k')) {
    const packet = expected.includes('abs') ? `, or '[${text}]' for the packet data at offset ${text}` : '';
    return `write '#${text}' for the constant ${text}${packet}`;
  }
  return loadHint(name, expected, op, text, inner) ?? nameHint(op);
}

function loadHint(
  name: string,
  expected: readonly Slot[],
  op: Operand,
  text: string,
  inner: string,
): string | undefined {
  if (expected.includes('mem') && !expected.includes('k') && op.kind !== 'mem' && op.kind !== 'msh') {
    return `write 'M[${inner}]' for scratch word ${inner}`;
  }
  if (expected.includes('msh') && (op.kind === 'abs' || op.kind === 'ind')) {
    const form = name === 'ldxb' || op.kind === 'ind' ? 'ldxb' : name;
    return op.kind === 'abs'
      ? `write '${form} 4*([${inner}]&0xf)' for the IPv4 header length; other packet loads go to A ('ld${name === 'ldxb' ? 'b' : ''} [${inner}]'), then 'tax'`
      : "X cannot load packet bytes: load into A ('ld [x + k]'), then 'tax'";
  }
  if (expected.includes('abs') && !expected.includes('k')) {
    if (op.kind === 'imm' && !accepts('len', op))
      return `'${name}' loads from the packet; use 'ld ${text}' for a constant`;
    if (op.kind === 'mem') return "only 'ld' and 'ldx' read scratch memory";
    if (accepts('len', op)) return "the packet length is a 32-bit word: use 'ld #len'";
  }
  if (expected.includes('msh') && accepts('ext', op))
    return `extensions load into A: use 'ld ${text}', then 'tax'`;
  if (name === 'ld' && accepts('x', op)) return "to copy X into A, use 'txa'";
  if (name === 'ldx' && accepts('a', op)) return "to copy A into X, use 'tax'";
  return undefined;
}

function nameHint(op: Operand): string | undefined {
  if (op.kind === 'bare' && op.expr.terms.length === 1 && op.expr.terms[0]!.sign === -1) {
    return "jump targets are labels, absolute pcs (as in 'tcpdump -d') or '+N' to skip N instructions";
  }
  const name = op.kind === 'bare' || op.kind === 'imm' || op.kind === 'abs' ? soleName(op.expr) : undefined;
  return name === undefined ? undefined : didYouMean(name, operandNames());
}

function jumpExample(name: string): string {
  return name === 'ja' || name === 'jmp' ? 'label' : '#k, Ltrue, Lfalse';
}
