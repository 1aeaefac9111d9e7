// SPDX-License-Identifier: MIT
/**
 * Turning pasted or opened program text in another format into bpf_asm: which pastes are worth
 * asking the engine about, and the note the user sees afterwards.
 */
import type { ProgramFormat } from '../../../engine/index.ts';
import type { ImportOutcome } from '../../../worker/protocol.ts';
import { commentStart } from '../../monaco/bpf-line.ts';

/** The formats by the names their tools give them, with the article English wants. */
export const FORMAT_NAMES: Readonly<Record<ProgramFormat, string>> = {
  asm: 'a bpf_asm',
  d: 'a tcpdump -d',
  dd: 'a tcpdump -dd',
  ddd: 'a tcpdump -ddd',
  xtbpf: 'an xt_bpf (bpf_asm default)',
  c: 'a C struct sock_filter',
  raw: 'a raw binary',
};

/**
 * True when a paste may be a whole program in another format. A lone number (`17`) would read
 * as a one-line `-ddd` program, so a paste must look like a program: several lines, an xt_bpf
 * `N,` line, a C array brace, or a `-d` listing line.
 */
export function maybeForeignProgram(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  if (lines.length >= 2) return true;
  const line = lines[0] as string;
  return (
    /^\s*['"]?\d+\s*,\s*\d+\s+\d+\s+\d+\s+\d+/.test(line) || /[{}]/.test(line) || /^\s*\(\d+\)\s/.test(line)
  );
}

/** Instructions in bpf_asm text (lines with code once comments and labels are taken off). */
export function countInstructions(asm: string): number {
  return asm.split(/\r\n|\r|\n/).filter((line) => {
    const code = line.slice(0, commentStart(line) ?? line.length);
    return code.replace(/^\s*[A-Za-z_]\w*\s*:/, '').trim() !== '';
  }).length;
}

/** A note shown above the editor. */
export interface ProgramNote {
  kind: 'info' | 'error';
  text: string;
}

/** The note after importing `outcome` (from `source`, e.g. a file name). */
export function importNote(outcome: ImportOutcome, source?: string): ProgramNote {
  const from = source ? ` from ${source}` : '';
  const format = outcome.format ? FORMAT_NAMES[outcome.format] : 'a';
  if (outcome.text !== undefined) {
    const n = countInstructions(outcome.text);
    return {
      kind: 'info',
      text: `Imported ${format} program (${n} instruction${n === 1 ? '' : 's'})${from} as bpf_asm`,
    };
  }
  const first = outcome.diagnostics.find((d) => d.severity === 'error') ?? outcome.diagnostics[0];
  const why = first ? `: ${first.code} ${first.message}${first.hint ? ` (${first.hint})` : ''}` : '';
  return { kind: 'error', text: `Could not import ${format} program${from}${why}` };
}
