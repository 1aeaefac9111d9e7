// SPDX-License-Identifier: MIT
/**
 * Program import from any format, detected from the content when not given. Numeric formats are
 * parsed here; bpf_asm source and `tcpdump -d` listings go through the assembler, which reads both.
 * Wrong input gives diagnostics (line:col for text, byte offset for binary), never a throw.
 */
import { assemble } from '../asm/assemble.ts';
import { decodeUtf8 } from '../capture/utf8.ts';
import { type Diagnostic, error } from '../diag/diagnostic.ts';
import type { Program } from '../program.ts';
import { bytesAreRaw, detectTextFormat, isHexDump } from './detect-format.ts';
import { importC } from './import-c.ts';
import { importDdd } from './import-ddd.ts';
import { importRaw } from './import-raw.ts';
import { importXtBpf } from './import-xtbpf.ts';
import { IMPORT, type ProgramFormat } from './program-format.ts';

/** What `importProgram` returns: the program (absent on error), the format read, and diagnostics. */
export interface ImportProgramResult {
  program?: Program;
  format?: ProgramFormat;
  diagnostics: Diagnostic[];
}

/** Bytes from a hex dump (`28 00 00 00 0c 00 00 00` lines), or undefined when it is not one. */
function hexDumpBytes(text: string): Uint8Array | undefined {
  if (!isHexDump(text)) return undefined;
  const pairs = text.trim().split(/\s+/);
  return Uint8Array.from(pairs.map((p) => Number.parseInt(p, 16)));
}

/** Import text in a known format. */
function importTextAs(text: string, format: ProgramFormat): ImportProgramResult {
  let result: { program?: Program; diagnostics: Diagnostic[] };
  switch (format) {
    case 'asm':
    case 'd':
      result = assemble(text);
      break;
    case 'dd':
    case 'c':
      result = importC(text);
      break;
    case 'ddd':
      result = importDdd(text);
      break;
    case 'xtbpf':
      result = importXtBpf(text);
      break;
    case 'raw': {
      const bytes = hexDumpBytes(text);
      if (bytes) return { ...importRaw(bytes), format };
      const d = error(IMPORT.wrongKind, 'expected raw bytes (or a hex dump of them) but found text', {
        hint: 'pass the file as bytes, or let the format be detected',
      });
      return { format, diagnostics: [d] };
    }
  }
  return { ...result, format };
}

/** Import text, detecting its format when not given. */
function importText(text: string, format?: ProgramFormat): ImportProgramResult {
  if (format) return importTextAs(text, format);
  const detected = detectTextFormat(text);
  if (detected === undefined) {
    return { diagnostics: [error(IMPORT.empty, 'expected a program but the input is empty')] };
  }
  return importTextAs(text, detected);
}

/** True when decoding produced replacement characters, i.e. the bytes are not UTF-8 text. */
const notText = (text: string) => text.includes('\ufffd');

/**
 * Import a program from text or bytes. With `format` omitted it is detected: bytes with a NUL are
 * raw records, other bytes are read as UTF-8 text; text is a C array, xt_bpf line, `-ddd`, hex dump,
 * `-d` listing or bpf_asm source (see detect-format.ts).
 */
export function importProgram(input: string | Uint8Array, format?: ProgramFormat): ImportProgramResult {
  if (typeof input === 'string') return importText(input, format);
  if (format === 'raw') return { ...importRaw(input), format };
  if (format) return importText(decodeUtf8(input), format);
  if (input.length === 0)
    return { diagnostics: [error(IMPORT.empty, 'expected a program but the input is empty')] };
  if (bytesAreRaw(input)) return { ...importRaw(input), format: 'raw' };
  const text = decodeUtf8(input);
  if (notText(text)) {
    if (input.length % 8 === 0) return { ...importRaw(input), format: 'raw' };
    const d = error(
      IMPORT.unknownFormat,
      'expected a program but found bytes that are neither text nor 8-byte records',
      {
        offset: 0,
        hint: 'raw programs are 8-byte little-endian struct sock_filter records',
      },
    );
    return { diagnostics: [d] };
  }
  return importText(text, format);
}
