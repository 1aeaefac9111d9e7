// SPDX-License-Identifier: MIT
/**
 * The reference tools' decimal program text, read and written independently of the engine's own
 * importers and exporters: `tcpdump -ddd` (a count line, then `code jt jf k` per line, bpf_dump.c's
 * `%u %u %u %u`) and bpfc's `-f tcpdump` (the same lines without the count).
 */
import type { RawInsn } from '../engine/isa/insn.ts';

/** `code jt jf k` lines (blank lines skipped); throws on a line that is not four numbers. */
export function parseRecords(text: string): RawInsn[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = line.trim().split(/\s+/).map(Number);
      const [code, jt, jf, k] = fields as [number, number, number, number];
      if (fields.length !== 4 || fields.some(Number.isNaN))
        throw new Error(`not a \`code jt jf k\` line: ${line}`);
      return { code, jt, jf, k };
    });
}

/** `tcpdump -ddd` text; throws when the count line disagrees with the records that follow. */
export function parseDdd(text: string): RawInsn[] {
  const [count = '', ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  const raws = parseRecords(lines.join('\n'));
  if (raws.length !== Number(count)) {
    throw new Error(`-ddd count line says ${count.trim()}, but ${raws.length} records follow`);
  }
  return raws;
}

/** Records as `tcpdump -ddd` text (what the C harnesses read). */
export function formatDdd(raws: readonly RawInsn[]): string {
  return `${raws.length}\n${raws.map((r) => `${r.code} ${r.jt} ${r.jf} ${r.k}`).join('\n')}\n`;
}
