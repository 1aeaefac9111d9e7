// SPDX-License-Identifier: MIT
/**
 * C array import: `tcpdump -dd` / bpfc `-f C` lines, bpf_asm `-c` lines, and whole C declarations
 * (`struct sock_filter code[] = { ... };`, comments, a trailing `struct sock_fprog`), with
 * instructions written as `{ code, jt, jf, k }` or the `BPF_STMT(code, k)` / `BPF_JUMP(code, k, jt,
 * jf)` macros of <linux/filter.h>, whose fields may be constant expressions.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import { ExprParser } from './c-expr.ts';
import { fieldCountError } from './import-ddd.ts';
import { IMPORT } from './program-format.ts';
import { buildRecord, type Field, finishRecords, type ImportResult, type ParsedRecord } from './records.ts';
import { scanText, spanRange, type Token } from './scan-text.ts';

const MACROS: Readonly<Record<string, number>> = { BPF_STMT: 2, BPF_JUMP: 4 };

/** Index of the token closing the bracket opened at `open` (or tokens.length when unclosed). */
function matching(tokens: readonly Token[], open: number): number {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (pairs[t]) stack.push(pairs[t]!);
    else if (t === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return tokens.length;
}

/** Split tokens at top-level commas (a trailing comma adds no empty field). */
function splitFields(tokens: readonly Token[]): Token[][] {
  const fields: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    if (t.text === ',' && depth === 0) fields.push([]);
    else fields[fields.length - 1]!.push(t);
  }
  if (fields.length > 1 && fields[fields.length - 1]!.length === 0) fields.pop();
  if (fields.length === 1 && fields[0]!.length === 0) return [];
  return fields;
}

/** Evaluate the fields of one instruction into `code jt jf k` order. */
function evaluateFields(
  fieldTokens: Token[][],
  order: readonly number[],
  diagnostics: Diagnostic[],
): Field[] | undefined {
  const values: Field[] = [];
  for (const tokens of fieldTokens) {
    const value = new ExprParser(tokens, diagnostics).evaluate();
    if (value === undefined) return undefined;
    const big = value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER);
    values.push({
      value: big ? Number.POSITIVE_INFINITY : Number(value),
      range: spanRange(tokens[0]!.range, tokens[tokens.length - 1]!.range),
    });
  }
  return order.map((i) => values[i]!);
}

/** Parser state over the whole token list. */
interface State {
  tokens: readonly Token[];
  records: ParsedRecord[];
  diagnostics: Diagnostic[];
}

/** `{ a, b, c, d }` spanning tokens[open..close]: one instruction, or a designated initializer (skipped). */
function braceRecord(s: State, open: number, close: number): void {
  const inner = s.tokens.slice(open + 1, close);
  if (inner[0]?.text === '.') return; // `{ .len = ..., .filter = ... }` (struct sock_fprog)
  const range = spanRange(s.tokens[open]!.range, (s.tokens[close] ?? s.tokens[s.tokens.length - 1]!).range);
  const fields = splitFields(inner);
  if (fields.length !== 4) {
    s.diagnostics.push(fieldCountError(fields.length, range));
    return;
  }
  const values = evaluateFields(fields, [0, 1, 2, 3], s.diagnostics);
  const record = values && buildRecord(values, { range }, s.diagnostics);
  if (record) s.records.push(record);
}

/** `BPF_STMT(code, k)` or `BPF_JUMP(code, k, jt, jf)` starting at tokens[at]; returns the index after it. */
function macroRecord(s: State, at: number): number {
  const name = s.tokens[at]!;
  const open = at + 1;
  if (s.tokens[open]?.text !== '(') {
    s.diagnostics.push(error(IMPORT.syntax, `expected '(' after ${name.text}`, { range: name.range }));
    return open;
  }
  const close = matching(s.tokens, open);
  const range = spanRange(name.range, (s.tokens[close] ?? s.tokens[s.tokens.length - 1]!).range);
  const fields = splitFields(s.tokens.slice(open + 1, close));
  const arity = MACROS[name.text]!;
  if (fields.length !== arity) {
    s.diagnostics.push(
      error(IMPORT.fieldCount, `expected ${arity} arguments to ${name.text} but found ${fields.length}`, {
        range,
      }),
    );
    return close + 1;
  }
  // BPF_STMT(code, k) has jt = jf = 0; BPF_JUMP(code, k, jt, jf) lists k before the jumps.
  const zero = { value: 0, range };
  const values = evaluateFields(fields, arity === 2 ? [0, 0, 0, 1] : [0, 2, 3, 1], s.diagnostics);
  if (values && arity === 2) values.splice(1, 2, zero, zero);
  const record = values && buildRecord(values, { range }, s.diagnostics);
  if (record) s.records.push(record);
  return close + 1;
}

/** True when tokens[open..close] hold no nested instruction (so the braces are one instruction). */
function isInnermost(tokens: readonly Token[], open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!.text;
    if (t === '{' || MACROS[t] !== undefined) return false;
  }
  return true;
}

/**
 * Walk the tokens: braces that hold other instructions are containers, innermost braces and macros
 * are instructions. Outside braces only a declaration (`... = {`, `...;`) may appear; anything else
 * is reported once per run.
 */
function walk(s: State, from: number, to: number): void {
  let run: Token[] = [];
  const flush = (ok: boolean) => {
    // A designated initializer (`.len = 4,` in a struct sock_fprog) is not an instruction: skip it.
    if (!ok && run.length > 0 && run[0]!.text !== '.') {
      const first = run[0]!;
      s.diagnostics.push(
        error(IMPORT.syntax, `expected an instruction '{ code, jt, jf, k }' but found '${first.text}'`, {
          range: first.range,
        }),
      );
    }
    run = [];
  };
  for (let i = from; i < to; i++) {
    const t = s.tokens[i]!;
    if (MACROS[t.text] !== undefined) {
      flush(false);
      i = macroRecord(s, i) - 1;
    } else if (t.text === '{') {
      const close = matching(s.tokens, i);
      if (close >= s.tokens.length)
        s.diagnostics.push(error(IMPORT.syntax, "expected '}' to close this '{'", { range: t.range }));
      // `code[] = {` and `(struct sock_filter[]) {` introduce an array; other words before '{' are garbage.
      const last = run[run.length - 1]?.text;
      flush(last === '=' || last === ')');
      if (isInnermost(s.tokens, i, close)) braceRecord(s, i, close);
      else walk(s, i + 1, close);
      i = close;
    } else if (t.text === ',' || t.text === ';') {
      flush(t.text === ';');
    } else if (t.text === '}') {
      s.diagnostics.push(error(IMPORT.syntax, "found '}' without a matching '{'", { range: t.range }));
    } else {
      run.push(t);
    }
  }
  flush(false);
}

/** Parse a C array of `struct sock_filter` (tcpdump -dd, bpf_asm -c, bpfc -f C, BPF_STMT/BPF_JUMP). */
export function importC(text: string): ImportResult {
  const { tokens, diagnostics } = scanText(text, 'c');
  const s: State = { tokens, records: [], diagnostics };
  walk(s, 0, tokens.length);
  return finishRecords(s.records, diagnostics);
}
