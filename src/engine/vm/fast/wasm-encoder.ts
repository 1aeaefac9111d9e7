// SPDX-License-Identifier: MIT
/**
 * A tiny WebAssembly binary encoder: just what the cBPF translator needs (i32/i64 integer ops,
 * structured control flow, loads and stores, one memory, a few functions). Follows the layout of
 * the WebAssembly core specification §5 (binary format); no dependencies.
 */

/** Value types (spec §5.3.1). */
export const I32 = 0x7f;
/** 64-bit integer value type. */
export const I64 = 0x7e;
/** A value type the encoder can emit. */
export type ValType = typeof I32 | typeof I64;

/** Block type of a block with no result (spec §5.4.1). */
export const EMPTY_BLOCK = 0x40;

/** Opcodes the translator uses (spec §5.4), by their text-format name. */
export const Op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  br_table: 0x0e,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  i32_load: 0x28,
  i32_load8_u: 0x2d,
  i32_load16_u: 0x2f,
  i32_store: 0x36,
  memory_size: 0x3f,
  memory_grow: 0x40,
  i32_const: 0x41,
  i64_const: 0x42,
  i32_eqz: 0x45,
  i32_eq: 0x46,
  i32_ne: 0x47,
  i32_lt_s: 0x48,
  i32_lt_u: 0x49,
  i32_gt_u: 0x4b,
  i32_le_u: 0x4d,
  i32_ge_u: 0x4f,
  i64_eq: 0x51,
  i64_lt_s: 0x53,
  i64_gt_u: 0x56,
  i64_ge_u: 0x5a,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_div_u: 0x6e,
  i32_rem_u: 0x70,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_xor: 0x73,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
  i32_rotl: 0x77,
  i32_rotr: 0x78,
  i64_add: 0x7c,
  i32_wrap_i64: 0xa7,
  i64_extend_i32_s: 0xac,
  i64_extend_i32_u: 0xad,
} as const;

/** A growable byte buffer with the spec's primitive encodings. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  /** Number of bytes written so far. */
  get length(): number {
    return this.len;
  }

  /** Append one byte. */
  byte(b: number): this {
    if (this.len === this.buf.length) this.grow(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  /** Append raw bytes. */
  bytes(bs: ArrayLike<number>): this {
    if (this.len + bs.length > this.buf.length) this.grow(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
    return this;
  }

  /** Unsigned LEB128 of a value in 0..2^32-1 (spec §5.2.2). */
  u32(value: number): this {
    let v = value >>> 0;
    do {
      const low = v & 0x7f;
      v >>>= 7;
      this.byte(v === 0 ? low : low | 0x80);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of a 32-bit value; a u32 above 2^31 is taken as its two's complement. */
  s32(value: number): this {
    let v = value | 0;
    for (;;) {
      const low = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (low & 0x40) === 0) || (v === -1 && (low & 0x40) !== 0);
      this.byte(done ? low : low | 0x80);
      if (done) return this;
    }
  }

  /** Signed LEB128 of a 64-bit value. */
  s64(value: bigint): this {
    let v = BigInt.asIntN(64, value);
    for (;;) {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (low & 0x40) === 0) || (v === -1n && (low & 0x40) !== 0);
      this.byte(done ? low : low | 0x80);
      if (done) return this;
    }
  }

  /** A name: its UTF-8 length then bytes (ASCII is all we emit). */
  name(text: string): this {
    this.u32(text.length);
    for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i));
    return this;
  }

  /** A length-prefixed copy of another writer's bytes (sections, function bodies). */
  sized(inner: ByteWriter): this {
    this.u32(inner.length);
    return this.bytes(inner.toBytes());
  }

  /** The bytes written, as a fresh array. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private grow(need: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + need));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

/** Instruction emitter for one function body, with the immediates each opcode takes. */
export class CodeWriter extends ByteWriter {
  /** An opcode with no immediate. */
  op(code: number): this {
    return this.byte(code);
  }

  /** `block`/`loop`/`if` with a block type (EMPTY_BLOCK or a value type). */
  open(code: typeof Op.block | typeof Op.loop | typeof Op.if, type: number = EMPTY_BLOCK): this {
    return this.byte(code).byte(type);
  }

  /** `br`/`br_if` to a relative label depth. */
  branch(code: typeof Op.br | typeof Op.br_if, depth: number): this {
    return this.byte(code).u32(depth);
  }

  /** `local.get`/`local.set`/`local.tee`. */
  local(code: typeof Op.local_get | typeof Op.local_set | typeof Op.local_tee, index: number): this {
    return this.byte(code).u32(index);
  }

  /** `i32.const` (accepts u32 or i32 input). */
  i32Const(value: number): this {
    return this.byte(Op.i32_const).s32(value);
  }

  /** `i64.const`. */
  i64Const(value: bigint): this {
    return this.byte(Op.i64_const).s64(value);
  }

  /** A load or store with its memarg: alignment hint (log2 bytes) and static offset. */
  mem(code: number, alignLog2: number, offset: number): this {
    return this.byte(code).u32(alignLog2).u32(offset);
  }

  /** `memory.size` / `memory.grow` on memory 0. */
  memory(code: typeof Op.memory_size | typeof Op.memory_grow): this {
    return this.byte(code).byte(0);
  }
}

/** A function type: parameter and result value types. */
export interface FuncType {
  params: ValType[];
  results: ValType[];
}

/** One function: its type index, extra locals (after the params) and body (without the final `end`). */
export interface FuncDef {
  type: number;
  locals: ValType[];
  body: CodeWriter;
}

/** Limits of the module's single memory, in 64 KiB pages. */
export interface MemoryDef {
  min: number;
  max?: number;
  /** Export the memory under this name. */
  exportAs?: string;
  /** Import the memory from `module.field` instead of defining it. */
  importFrom?: { module: string; field: string };
}

/** A whole module: types, functions (exported by name where given) and one memory. */
export interface ModuleDef {
  types: FuncType[];
  functions: FuncDef[];
  exports: { name: string; func: number }[];
  memory?: MemoryDef;
}

const SECTION = { type: 1, import: 2, function: 3, memory: 5, export: 7, code: 10 } as const;

function writeLimits(w: ByteWriter, mem: MemoryDef): void {
  if (mem.max === undefined) w.byte(0x00).u32(mem.min);
  else w.byte(0x01).u32(mem.min).u32(mem.max);
}

function section(out: ByteWriter, id: number, fill: (w: ByteWriter) => void): void {
  const w = new ByteWriter();
  fill(w);
  out.byte(id).sized(w);
}

function encodeLocals(w: ByteWriter, locals: readonly ValType[]): void {
  // Run-length groups of equal types (spec §5.5.13: locals are a vector of (count, type)).
  const groups: [number, ValType][] = [];
  for (const t of locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  w.u32(groups.length);
  for (const [n, t] of groups) w.u32(n).byte(t);
}

/** Encode a module definition as WebAssembly binary (version 1). */
export function encodeModule(def: ModuleDef): Uint8Array {
  const out = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  section(out, SECTION.type, (w) => {
    w.u32(def.types.length);
    for (const t of def.types) {
      w.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
    }
  });
  const mem = def.memory;
  if (mem?.importFrom) {
    const from = mem.importFrom;
    section(out, SECTION.import, (w) => {
      w.u32(1).name(from.module).name(from.field).byte(0x02);
      writeLimits(w, mem);
    });
  }
  section(out, SECTION.function, (w) => {
    w.u32(def.functions.length);
    for (const f of def.functions) w.u32(f.type);
  });
  if (mem && !mem.importFrom) {
    section(out, SECTION.memory, (w) => {
      w.u32(1);
      writeLimits(w, mem);
    });
  }
  const exportCount = def.exports.length + (mem?.exportAs !== undefined ? 1 : 0);
  section(out, SECTION.export, (w) => {
    w.u32(exportCount);
    for (const e of def.exports) w.name(e.name).byte(0x00).u32(e.func);
    if (mem?.exportAs !== undefined) w.name(mem.exportAs).byte(0x02).u32(0);
  });
  section(out, SECTION.code, (w) => {
    w.u32(def.functions.length);
    for (const f of def.functions) {
      const body = new ByteWriter();
      encodeLocals(body, f.locals);
      body.bytes(f.body.toBytes()).byte(Op.end);
      w.sized(body);
    }
  });
  return out.toBytes();
}
