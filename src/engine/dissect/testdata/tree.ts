// SPDX-License-Identifier: MIT
/** Test helpers for walking a dissection tree. */
import type { Field } from '../types.ts';

/** Every field in document order (parents before children). */
export function flatten(fields: readonly Field[], out: Field[] = []): Field[] {
  for (const f of fields) {
    out.push(f);
    flatten(f.children, out);
  }
  return out;
}

/** Every field named `name`, in document order. */
export function findAll(fields: readonly Field[], name: string): Field[] {
  return flatten(fields).filter((f) => f.name === name);
}

/** The first field named `name`; throws when there is none (a test failure). */
export function find(fields: readonly Field[], name: string): Field {
  const hit = flatten(fields).find((f) => f.name === name);
  if (!hit) throw new Error(`no field ${name} in ${flatten(fields).map((f) => f.name).join(', ')}`);
  return hit;
}

/** Hex string → bytes (spaces and newlines ignored). */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
}
