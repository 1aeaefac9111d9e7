// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter, CodeWriter, encodeModule, I32, I64, Op } from './wasm-encoder.ts';

const bytesOf = (fill: (w: ByteWriter) => void): number[] => {
  const w = new ByteWriter();
  fill(w);
  return [...w.toBytes()];
};

/** Decode unsigned LEB128 (for round trips). */
function readU32(bytes: number[]): number {
  let value = 0;
  for (let i = 0; i < bytes.length; i++) value += (bytes[i]! & 0x7f) * 2 ** (7 * i);
  return value;
}

/** Decode signed LEB128 as a bigint. */
function readSigned(bytes: number[]): bigint {
  let value = 0n;
  let shift = 0n;
  for (const b of bytes) {
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  }
  const last = bytes[bytes.length - 1]!;
  return last & 0x40 ? value - (1n << shift) : value;
}

describe('LEB128 (spec §5.2.2)', () => {
  it('unsigned: known vectors', () => {
    expect(bytesOf((w) => w.u32(0))).toEqual([0x00]);
    expect(bytesOf((w) => w.u32(127))).toEqual([0x7f]);
    expect(bytesOf((w) => w.u32(128))).toEqual([0x80, 0x01]);
    expect(bytesOf((w) => w.u32(624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytesOf((w) => w.u32(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });

  it('signed: known vectors, u32 input taken as two’s complement', () => {
    expect(bytesOf((w) => w.s32(0))).toEqual([0x00]);
    expect(bytesOf((w) => w.s32(63))).toEqual([0x3f]);
    expect(bytesOf((w) => w.s32(64))).toEqual([0xc0, 0x00]);
    expect(bytesOf((w) => w.s32(-1))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s32(-123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytesOf((w) => w.s32(0xffffffff))).toEqual([0x7f]);
    expect(bytesOf((w) => w.s32(0x80000000))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(bytesOf((w) => w.s64(-1n))).toEqual([0x7f]);
  });

  it('round trips every u32 and i32, and i64', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        const u = bytesOf((w) => w.u32(v));
        expect(readU32(u)).toBe(v);
        expect(u.length).toBeLessThanOrEqual(5);
        expect(readSigned(bytesOf((w) => w.s32(v)))).toBe(BigInt(v | 0));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (v) => {
        expect(readSigned(bytesOf((w) => w.s64(v)))).toBe(v);
      }),
    );
  });

  it('grows its buffer past the initial size', () => {
    const w = new ByteWriter();
    for (let i = 0; i < 1000; i++) w.byte(i);
    w.bytes(new Uint8Array(5000).fill(7));
    expect(w.length).toBe(6000);
    expect(w.toBytes()[999]).toBe(999 & 0xff);
  });
});

/** The WebAssembly JS API (typed here: the node typings declare only its types). */
interface WasmJs {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  validate(bytes: Uint8Array): boolean;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WasmJs }).WebAssembly;

interface Exports {
  add(a: number, b: number): number;
  be32(addr: number): number;
  memory: { buffer: ArrayBuffer };
}

function instantiate(bytes: Uint8Array): Exports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
}

describe('encodeModule', () => {
  it('an empty module is the 8-byte header plus empty sections, and validates', () => {
    const bytes = encodeModule({ types: [], functions: [], exports: [] });
    expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    // type, function, export, code: each id, size 1, count 0.
    expect([...bytes.subarray(8)]).toEqual([1, 1, 0, 3, 1, 0, 7, 1, 0, 10, 1, 0]);
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it('functions, locals, exported memory, loads and control flow run', () => {
    const add = new CodeWriter();
    add.local(Op.local_get, 0).local(Op.local_get, 1).op(Op.i32_add);
    // be32(addr): big-endian word via i32.load + byte swap, with an i64 local in between.
    const be32 = new CodeWriter();
    be32.local(Op.local_get, 0).mem(Op.i32_load, 0, 0).local(Op.local_tee, 1);
    be32.i32Const(8).op(Op.i32_rotl).i32Const(0x00ff00ff).op(Op.i32_and);
    be32.local(Op.local_get, 1).i32Const(8).op(Op.i32_rotr).i32Const(0xff00ff00).op(Op.i32_and).op(Op.i32_or);
    be32.i64Const(-5n).local(Op.local_set, 2);
    be32.open(Op.block).branch(Op.br, 0).op(Op.end);
    const bytes = encodeModule({
      types: [
        { params: [I32, I32], results: [I32] },
        { params: [I32], results: [I32] },
      ],
      functions: [
        { type: 0, locals: [], body: add },
        { type: 1, locals: [I32, I64], body: be32 },
      ],
      exports: [
        { name: 'add', func: 0 },
        { name: 'be32', func: 1 },
      ],
      memory: { min: 1, max: 2, exportAs: 'memory' },
    });
    expect(WebAssembly.validate(bytes)).toBe(true);
    const exports = instantiate(bytes);
    expect(exports.add(2, 40)).toBe(42);
    expect(exports.add(0x7fffffff, 1)).toBe(-0x80000000);
    new Uint8Array(exports.memory.buffer).set([0x12, 0x34, 0x56, 0x78], 16);
    expect(exports.be32(16) >>> 0).toBe(0x12345678);
  });

  it('can import its memory instead of defining it', () => {
    const body = new CodeWriter().i32Const(0).mem(Op.i32_load8_u, 0, 3);
    const bytes = encodeModule({
      types: [{ params: [], results: [I32] }],
      functions: [{ type: 0, locals: [], body }],
      exports: [{ name: 'third', func: 0 }],
      memory: { min: 1, importFrom: { module: 'env', field: 'mem' } },
    });
    const memory = new WebAssembly.Memory({ initial: 1 });
    new Uint8Array(memory.buffer)[3] = 99;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: memory } });
    expect((instance.exports as { third(): number }).third()).toBe(99);
  });
});
