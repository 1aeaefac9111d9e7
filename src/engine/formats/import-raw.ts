// SPDX-License-Identifier: MIT
/**
 * Raw import: little-endian 8-byte `struct sock_filter` records (u16 code, u8 jt, u8 jf, u32 k), the
 * layout a program has in memory on x86/arm64 (seccomp-tools `raw`, a dumped `sock_fprog`).
 */
import { error } from '../diag/diagnostic.ts';
import { IMPORT } from './program-format.ts';
import { finishRecords, type ImportResult, type ParsedRecord } from './records.ts';

/** Magic of a cBPF savefile (tcpdump-htdocs cbpf-savefile draft): A1 B2 C3 CB. */
const SAVEFILE_MAGIC = [0xa1, 0xb2, 0xc3, 0xcb] as const;

/** True when `bytes` start with the cBPF savefile magic. */
export function isSavefile(bytes: Uint8Array): boolean {
  return SAVEFILE_MAGIC.every((b, i) => bytes[i] === b);
}

/** Parse raw little-endian records; the length must be a non-zero multiple of 8. */
export function importRaw(bytes: Uint8Array): ImportResult {
  if (isSavefile(bytes)) {
    return {
      diagnostics: [
        error(IMPORT.savefile, 'this is a cBPF savefile, which this version cannot read', {
          offset: 0,
          hint: 'export the program as tcpdump -ddd or raw records instead',
        }),
      ],
    };
  }
  if (bytes.length % 8 !== 0) {
    const whole = bytes.length - (bytes.length % 8);
    return {
      diagnostics: [
        error(
          IMPORT.rawLength,
          `raw program length ${bytes.length} is not a multiple of 8: ${bytes.length % 8} bytes left over`,
          {
            offset: whole,
            hint: 'each struct sock_filter record is 8 bytes: u16 code, u8 jt, u8 jf, u32 k (little-endian)',
          },
        ),
      ],
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: ParsedRecord[] = [];
  for (let offset = 0; offset < bytes.length; offset += 8) {
    records.push({
      raw: {
        code: view.getUint16(offset, true),
        jt: view.getUint8(offset + 2),
        jf: view.getUint8(offset + 3),
        k: view.getUint32(offset + 4, true),
      },
      offset,
    });
  }
  return finishRecords(records, []);
}
