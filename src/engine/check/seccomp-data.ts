// SPDX-License-Identifier: MIT
/**
 * The layout a seccomp filter reads instead of a packet (include/uapi/linux/seccomp.h):
 * `struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }`, 64
 * bytes in the machine's byte order, so on little-endian machines the low half of each u64 comes
 * first.
 */

/** sizeof(struct seccomp_data). */
export const SECCOMP_DATA_SIZE = 64;

/** The field a byte offset falls in, with its byte range ("instruction_pointer (bytes 8-15)"). */
export function seccompField(offset: number): string | undefined {
  if (offset < 0 || offset >= SECCOMP_DATA_SIZE) return undefined;
  if (offset < 4) return 'nr (bytes 0-3)';
  if (offset < 8) return 'arch (bytes 4-7)';
  if (offset < 16) return 'instruction_pointer (bytes 8-15)';
  const i = Math.floor((offset - 16) / 8);
  return `args[${i}] (bytes ${16 + 8 * i}-${23 + 8 * i})`;
}

/** What the aligned 32-bit word at `offset` holds ("args[1], low half on little-endian"). */
export function seccompWord(offset: number): string | undefined {
  if (offset < 0 || offset >= SECCOMP_DATA_SIZE || offset % 4 !== 0) return undefined;
  if (offset === 0) return 'nr, the system call number';
  if (offset === 4) return 'arch, the AUDIT_ARCH_* value';
  const half = offset % 8 === 0 ? 'low half on little-endian' : 'high half on little-endian';
  if (offset < 16) return `instruction_pointer, ${half}`;
  return `args[${Math.floor((offset - 16) / 8)}], ${half}`;
}

/** The field map, for hints. */
export const SECCOMP_LAYOUT =
  'nr 0, arch 4, instruction_pointer 8, args[i] 16 + 8i (low half first on little-endian)';
