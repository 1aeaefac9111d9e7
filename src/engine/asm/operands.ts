// SPDX-License-Identifier: MIT
/**
 * Operand slots: which syntactic operands fit a slot of an instruction form (`accepts`), and the
 * value an operand gives once it fits (`evaluate`), with range checks reported as diagnostics.
 */
import type { Diagnostic, SourceRange } from '../diag/diagnostic.ts';
import { error } from '../diag/diagnostic.ts';
import type { ExtensionName } from '../isa/opcodes.ts';
import { BPF_MEMWORDS } from '../isa/opcodes.ts';
import { ASM } from './codes.ts';
import { extensionByName, isLengthName, operandNames, SYMBOL_NAMES, symbolValue } from './names.ts';
import { didYouMean } from './suggest.ts';
import type { Expr, Operand } from './syntax.ts';

/** A kind of operand an instruction form takes. */
export type Slot = 'k' | 'num' | 'len' | 'ext' | 'abs' | 'ind' | 'mem' | 'msh' | 'x' | 'a' | 'target';

/** Where a jump goes, as written: a label, an absolute pc (as in -d listings), or `+N`. */
export type Target =
  | { kind: 'label'; name: string; range: SourceRange }
  | { kind: 'pc'; pc: number; range: SourceRange }
  | { kind: 'skip'; count: number; range: SourceRange };

/** What a slot evaluates to: a 32-bit number, an extension, a jump target, or nothing (x, a, len). */
export type Value = number | ExtensionName | Target | null;

/** How each slot is named in "expected ..." messages. */
export const SLOT_TEXT: Readonly<Record<Slot, string>> = {
  k: "'#k'",
  num: 'a number',
  len: "'#len'",
  ext: "an extension such as '#proto'",
  abs: "'[k]'",
  ind: "'[x + k]'",
  mem: "'M[k]'",
  msh: "'4*([k]&0xf)'",
  x: "'x'",
  a: "'a'",
  target: 'a jump target',
};

/** The name an expression consists of, when it is exactly one unsigned name. */
export function soleName(expr: Expr): string | undefined {
  const [only, ...rest] = expr.terms;
  return only && rest.length === 0 && only.sign === 1 ? only.name : undefined;
}

function isSpecialName(expr: Expr): boolean {
  const name = soleName(expr);
  return name !== undefined && (isLengthName(name) || extensionByName(name) !== undefined);
}

function isRegister(op: Operand, reg: 'a' | 'x'): boolean {
  if (op.kind === 'reg') return op.reg === reg;
  return op.kind === 'bare' && soleName(op.expr)?.toLowerCase() === reg;
}

/** Does the operand have the shape the slot takes? (Values are checked later, by `evaluate`.) */
export function accepts(slot: Slot, op: Operand): boolean {
  switch (slot) {
    case 'k':
      return op.kind === 'imm' && !isSpecialName(op.expr);
    case 'num':
      // `+5` parses as a jump skip; as a plain number (`ldi +5`) it is just 5
      if (op.kind === 'skip') return true;
      return op.kind === 'bare' && !isSpecialName(op.expr) && !isRegister(op, 'x') && !isRegister(op, 'a');
    case 'len':
      return (op.kind === 'imm' || op.kind === 'bare') && isLengthName(soleName(op.expr) ?? '');
    case 'ext':
      return (
        (op.kind === 'imm' || op.kind === 'bare' || op.kind === 'abs') &&
        extensionByName(soleName(op.expr) ?? '') !== undefined
      );
    case 'abs':
      return op.kind === 'abs' && !isSpecialName(op.expr);
    case 'ind':
    case 'mem':
    case 'msh':
      return op.kind === slot;
    case 'x':
    case 'a':
      return isRegister(op, slot);
    case 'target':
      return isTarget(op);
  }
}

function isTarget(op: Operand): boolean {
  if (op.kind === 'skip') return true;
  if (op.kind !== 'bare' || op.expr.terms.length !== 1) return false;
  const term = op.expr.terms[0]!;
  return term.sign === 1;
}

/** Evaluate an operand that `accepts` the slot; undefined when a diagnostic was reported. */
export function evaluate(slot: Slot, op: Operand, out: Diagnostic[]): Value | undefined {
  switch (slot) {
    case 'num':
      if (op.kind === 'skip') return op.count === undefined ? undefined : u32(op.count, op.range, out);
      return u32(evalExpr((op as { expr: Expr }).expr, out), op.range, out);
    case 'k':
    case 'abs':
    case 'ind':
      return u32(evalExpr((op as { expr: Expr }).expr, out), (op as { expr: Expr }).expr.range, out);
    case 'mem':
      return scratchIndex((op as { expr: Expr }).expr, out);
    case 'msh':
      return mshOffset(op as Extract<Operand, { kind: 'msh' }>, out);
    case 'ext':
      return extensionByName(soleName((op as { expr: Expr }).expr)!)!;
    case 'len':
    case 'x':
    case 'a':
      return null;
    case 'target':
      return target(op);
  }
}

function target(op: Operand): Target | undefined {
  if (op.kind === 'skip')
    return op.count === undefined ? undefined : { kind: 'skip', count: op.count, range: op.range };
  const term = (op as { expr: Expr }).expr.terms[0]!;
  if (term.name !== undefined) return { kind: 'label', name: term.name, range: term.range };
  return term.value === undefined ? undefined : { kind: 'pc', pc: term.value, range: term.range };
}

/** Sum an expression's terms; names must be symbolic constants. Undefined after a diagnostic. */
export function evalExpr(expr: Expr, out: Diagnostic[]): number | undefined {
  let sum = 0;
  let ok = true;
  for (const term of expr.terms) {
    let value = term.value;
    if (term.name !== undefined) {
      value = symbolValue(term.name);
      if (value === undefined) {
        out.push(unknownName(term.name, term.range));
        ok = false;
        continue;
      }
    }
    if (value === undefined) ok = false;
    else sum += term.sign * value;
  }
  return ok ? sum : undefined;
}

function unknownName(name: string, range: SourceRange): Diagnostic {
  const hint = didYouMean(name, operandNames()) ?? `the constants are ${SYMBOL_NAMES.join(', ')}`;
  return error(ASM.unknownName, `expected a number, extension or constant but found '${name}'`, {
    range,
    hint,
  });
}

/** A k field: any value from -2^31 (written negative) to 2^32 - 1, stored unsigned. */
function u32(value: number | undefined, range: SourceRange, out: Diagnostic[]): number | undefined {
  if (value === undefined) return undefined;
  if (value > 0xffffffff || value < -0x80000000) {
    out.push(
      error(ASM.numberOutOfRange, `expected a 32-bit value but found ${value}`, {
        range,
        hint: 'k holds 32 bits: 0 to 0xffffffff, or -2147483648 to -1 written negative',
      }),
    );
    return undefined;
  }
  return value >>> 0;
}

function scratchIndex(expr: Expr, out: Diagnostic[]): number | undefined {
  const value = evalExpr(expr, out);
  if (value === undefined) return undefined;
  if (value < 0 || value >= BPF_MEMWORDS) {
    out.push(
      error(ASM.scratchIndex, `expected a scratch index 0..15 but found ${value}`, {
        range: expr.range,
        hint: 'scratch index must be 0..15: there are 16 scratch words, M[0] to M[15]',
      }),
    );
    return undefined;
  }
  return value;
}

/** `4*([k]&0xf)`: bpf_exp.y accepts only factor 4 and mask 0xf (opcode 0xb1 has no other form). */
function mshOffset(op: Extract<Operand, { kind: 'msh' }>, out: Diagnostic[]): number | undefined {
  const hint = 'the only form is 4*([k]&0xf): 4 times the low nibble of byte k, the IPv4 header length';
  const factor = evalExpr(op.factor, out);
  const mask = evalExpr(op.mask, out);
  let ok = factor !== undefined && mask !== undefined;
  if (factor !== undefined && factor !== 4) {
    out.push(error(ASM.mshForm, `expected 4 but found ${factor}`, { range: op.factor.range, hint }));
    ok = false;
  }
  if (mask !== undefined && mask !== 0xf) {
    out.push(
      error(ASM.mshForm, `expected 0xf but found 0x${mask.toString(16)}`, { range: op.mask.range, hint }),
    );
    ok = false;
  }
  const offset = u32(evalExpr(op.offset, out), op.offset.range, out);
  return ok ? offset : undefined;
}
