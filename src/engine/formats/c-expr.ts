// SPDX-License-Identifier: MIT
/**
 * Constant C expressions as they appear in `struct sock_filter` arrays and `BPF_STMT`/`BPF_JUMP`
 * macros: `BPF_LD+BPF_H+BPF_ABS`, `BPF_JMP|BPF_JEQ|BPF_K`, `SKF_AD_OFF + SKF_AD_PROTOCOL`,
 * `offsetof(struct seccomp_data, arch)`, casts, `-1`. Evaluated exactly (BigInt), range-checked later.
 */
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import * as op from '../isa/opcodes.ts';
import { IMPORT } from './program-format.ts';
import type { Token } from './scan-text.ts';

/** Values of the named constants of <linux/filter.h>, <linux/bpf_common.h> and <linux/seccomp.h>. */
const CONSTANTS: ReadonlyMap<string, bigint> = new Map(
  Object.entries({
    BPF_LD: op.BPF_LD,
    BPF_LDX: op.BPF_LDX,
    BPF_ST: op.BPF_ST,
    BPF_STX: op.BPF_STX,
    BPF_ALU: op.BPF_ALU,
    BPF_JMP: op.BPF_JMP,
    BPF_RET: op.BPF_RET,
    BPF_MISC: op.BPF_MISC,
    BPF_W: op.BPF_W,
    BPF_H: op.BPF_H,
    BPF_B: op.BPF_B,
    BPF_IMM: op.BPF_IMM,
    BPF_ABS: op.BPF_ABS,
    BPF_IND: op.BPF_IND,
    BPF_MEM: op.BPF_MEM,
    BPF_LEN: op.BPF_LEN,
    BPF_MSH: op.BPF_MSH,
    BPF_ADD: op.BPF_ADD,
    BPF_SUB: op.BPF_SUB,
    BPF_MUL: op.BPF_MUL,
    BPF_DIV: op.BPF_DIV,
    BPF_OR: op.BPF_OR,
    BPF_AND: op.BPF_AND,
    BPF_LSH: op.BPF_LSH,
    BPF_RSH: op.BPF_RSH,
    BPF_NEG: op.BPF_NEG,
    BPF_MOD: op.BPF_MOD,
    BPF_XOR: op.BPF_XOR,
    BPF_JA: op.BPF_JA,
    BPF_JEQ: op.BPF_JEQ,
    BPF_JGT: op.BPF_JGT,
    BPF_JGE: op.BPF_JGE,
    BPF_JSET: op.BPF_JSET,
    BPF_K: op.BPF_K,
    BPF_X: op.BPF_X,
    BPF_A: op.BPF_RVAL_A,
    BPF_TAX: op.BPF_TAX,
    BPF_TXA: op.BPF_TXA,
    BPF_MEMWORDS: op.BPF_MEMWORDS,
    BPF_MAXINSNS: op.BPF_MAXINSNS,
    // <linux/filter.h> defines these as negative ints; a k of -4096 becomes 0xfffff000.
    SKF_AD_OFF: -0x1000,
    SKF_NET_OFF: -0x100000,
    SKF_LL_OFF: -0x200000,
    SKF_AD_PROTOCOL: 0,
    SKF_AD_PKTTYPE: 4,
    SKF_AD_IFINDEX: 8,
    SKF_AD_NLATTR: 12,
    SKF_AD_NLATTR_NEST: 16,
    SKF_AD_MARK: 20,
    SKF_AD_QUEUE: 24,
    SKF_AD_HATYPE: 28,
    SKF_AD_RXHASH: 32,
    SKF_AD_CPU: 36,
    SKF_AD_ALU_XOR_X: 40,
    SKF_AD_VLAN_TAG: 44,
    SKF_AD_VLAN_TAG_PRESENT: 48,
    SKF_AD_PAY_OFFSET: 52,
    SKF_AD_RANDOM: 56,
    SKF_AD_VLAN_TPID: 60,
    SKF_AD_MAX: 64,
    SECCOMP_RET_KILL_PROCESS: 0x80000000,
    SECCOMP_RET_KILL_THREAD: 0,
    SECCOMP_RET_KILL: 0,
    SECCOMP_RET_TRAP: 0x00030000,
    SECCOMP_RET_ERRNO: 0x00050000,
    SECCOMP_RET_USER_NOTIF: 0x7fc00000,
    SECCOMP_RET_TRACE: 0x7ff00000,
    SECCOMP_RET_LOG: 0x7ffc0000,
    SECCOMP_RET_ALLOW: 0x7fff0000,
    SECCOMP_RET_ACTION_FULL: 0xffff0000,
    SECCOMP_RET_ACTION: 0x7fff0000,
    SECCOMP_RET_DATA: 0x0000ffff,
  }).map(([name, value]) => [name, BigInt(value)]),
);

/** Offsets of `struct seccomp_data` fields, for `offsetof(struct seccomp_data, ...)`. */
const SECCOMP_DATA: Readonly<Record<string, number>> = { nr: 0, arch: 4, instruction_pointer: 8, args: 16 };

/** Words that may appear in a cast such as `(__u32)` or `(unsigned int)`. */
const TYPE_WORDS = new Set(
  'unsigned signed int short char long u8 u16 u32 __u8 __u16 __u32 uint8_t uint16_t uint32_t int32_t'.split(
    ' ',
  ),
);

/** A failure to evaluate, already reported; unwinds the current expression only. */
class ExprError extends Error {}

/** A cursor over the tokens of one expression (the tokens between two commas). */
export class ExprParser {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Evaluate the whole token list as one expression; undefined (and a diagnostic) when it is not one. */
  evaluate(): bigint | undefined {
    try {
      if (this.tokens.length === 0) throw this.fail(undefined, 'expected an expression but found nothing');
      const v = this.binary(0);
      const extra = this.tokens[this.i];
      if (extra) throw this.fail(extra, `expected ',' or the end of the field but found '${extra.text}'`);
      return v;
    } catch (e) {
      if (e instanceof ExprError) return undefined;
      throw e;
    }
  }

  private fail(
    at: Token | undefined,
    message: string,
    code: string = IMPORT.syntax,
    hint?: string,
  ): ExprError {
    const where = at ?? this.tokens[this.tokens.length - 1];
    this.diagnostics.push(
      error(code, message, { ...(where ? { range: where.range } : {}), ...(hint ? { hint } : {}) }),
    );
    return new ExprError(message);
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private expect(text: string): Token {
    const t = this.tokens[this.i];
    if (t?.text !== text)
      throw this.fail(t, `expected '${text}' but found ${t ? `'${t.text}'` : 'the end of the field'}`);
    this.i++;
    return t;
  }

  /** Binary operators by C precedence, loosest first. */
  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['|'],
    ['^'],
    ['&'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): bigint {
    if (level >= ExprParser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (let t = this.peek(); t && ExprParser.LEVELS[level]!.includes(t.text); t = this.peek()) {
      this.i++;
      const right = this.binary(level + 1);
      left = this.apply(t, left, right);
    }
    return left;
  }

  private apply(t: Token, a: bigint, b: bigint): bigint {
    switch (t.text) {
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '&':
        return a & b;
      case '<<':
        return b < 0n || b > 63n ? this.bad(t) : a << b;
      case '>>':
        return b < 0n || b > 63n ? this.bad(t) : a >> b;
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        if (b === 0n) return this.bad(t);
        return t.text === '/' ? a / b : a % b;
    }
  }

  private bad(t: Token): never {
    throw this.fail(t, `cannot evaluate '${t.text}' here: the operand is out of range`);
  }

  private unary(): bigint {
    const t = this.peek();
    if (t?.text === '-' || t?.text === '+' || t?.text === '~') {
      this.i++;
      const v = this.unary();
      return t.text === '-' ? -v : t.text === '~' ? ~v : v;
    }
    return this.primary();
  }

  private primary(): bigint {
    const t = this.peek();
    if (!t) throw this.fail(undefined, 'expected a number or a constant but found the end of the field');
    this.i++;
    if (t.kind === 'number') {
      // A malformed literal was reported by the tokenizer; give up on this field quietly.
      if (Number.isNaN(t.value)) throw new ExprError('malformed number');
      return BigInt(t.value);
    }
    if (t.text === '(') return this.parenthesised();
    if (t.kind === 'name') {
      if (t.text === 'offsetof') return this.offsetof();
      const v = CONSTANTS.get(t.text);
      if (v === undefined) {
        throw this.fail(
          t,
          `unknown constant '${t.text}'`,
          IMPORT.unknownConstant,
          'use a BPF_*, SKF_* or SECCOMP_RET_* name, or a number',
        );
      }
      return v;
    }
    throw this.fail(t, `expected a number or a constant but found '${t.text}'`);
  }

  /** `( expr )` or a cast `(unsigned int) expr`. */
  private parenthesised(): bigint {
    let j = this.i;
    while (this.tokens[j] && TYPE_WORDS.has(this.tokens[j]!.text)) j++;
    if (j > this.i && this.tokens[j]?.text === ')') {
      this.i = j + 1;
      return this.unary();
    }
    const v = this.binary(0);
    this.expect(')');
    return v;
  }

  /** `offsetof(struct seccomp_data, field)` with field `nr`, `arch`, `instruction_pointer` or `args[N]`. */
  private offsetof(): bigint {
    this.expect('(');
    this.expect('struct');
    this.expect('seccomp_data');
    this.expect(',');
    const field = this.peek();
    const base = field ? SECCOMP_DATA[field.text] : undefined;
    if (base === undefined)
      throw this.fail(field, `expected a struct seccomp_data field but found '${field?.text ?? ''}'`);
    this.i++;
    let offset = BigInt(base);
    if (field?.text === 'args' && this.peek()?.text === '[') {
      this.i++;
      offset += this.binary(0) * 8n;
      this.expect(']');
    }
    this.expect(')');
    return offset;
  }
}
