// SPDX-License-Identifier: MIT
/** `bpflab run PROGRAM CAPTURE`: the program's verdict for every packet, or one packet's trace. */
import {
  type Capture,
  explainStep,
  filterView,
  formatAsmInsn,
  type RunResult,
  run,
  type Semantics,
} from '../../engine/index.ts';
import { choice, parseArgs } from '../args.ts';
import { loadCapture } from '../capture-input.ts';
import {
  loadProgram,
  positionals,
  positiveInt,
  printDiagnostics,
  printJson,
  UserError,
  withErrors,
} from '../io.ts';
import type { Command } from './index.ts';

export const runCommand: Command = {
  name: 'run',
  synopsis: 'run PROGRAM CAPTURE [--semantics linux|libpcap] [--vlan-offload] [--json] [--trace N]',
  summary: 'run a program over every packet of a capture (or trace one packet step by step)',
  help: `PROGRAM is bpf_asm source or any importable program format (detected by content); CAPTURE
is a pcap or pcapng file.
  --semantics linux|libpcap  which machine to emulate (default linux: the kernel's socket filters)
  --vlan-offload             present frames as Linux does after hardware VLAN stripping
  --json                     one object per packet: {"index" (1-based), "ret", "verdict", "end", "caplen", "len"}
  --trace N                  print every step of packet N (1-based): pc, instruction, A, X, what it read`,
  async run(argv) {
    const args = parseArgs(argv, { values: ['semantics', 'trace'], booleans: ['json', 'vlan-offload'] });
    const json = args.flags.has('json');
    return withErrors(json, () => {
      const [programPath, capturePath] = positionals(args, ['PROGRAM', 'CAPTURE']);
      const semantics = choice<Semantics>(args, 'semantics', ['linux', 'libpcap'], 'linux');
      const traceN = positiveInt(args.flags.get('trace'), 'trace');
      const loaded = loadProgram(programPath as string);
      const { capture, warnings } = loadCapture(capturePath as string);
      const vlanOffload = args.flags.has('vlan-offload');
      if (!json) printDiagnostics([...loaded.diagnostics, ...warnings], loaded.source);
      if (traceN !== undefined) {
        const result = runOne(capture, loaded.program.insns, traceN, semantics, vlanOffload);
        if (json) printJson({ index: traceN, ret: result.verdict, end: result.end, steps: result.steps });
        else process.stdout.write(formatTrace(result));
        return 0;
      }
      const rows = runAll(capture, loaded.program.insns, semantics, vlanOffload);
      if (json) printJson(rows);
      else process.stdout.write(formatRows(rows));
      return 0;
    });
  },
};

interface VerdictRow {
  index: number;
  ret: number;
  verdict: 'accept' | 'drop';
  end: RunResult['end'];
  caplen: number;
  len: number;
}

function runAll(
  capture: Capture,
  insns: Parameters<typeof run>[0],
  semantics: Semantics,
  vlanOffload: boolean,
): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (let i = 0; i < capture.packetCount; i++) {
    const packet = capture.packetAt(i);
    if (!packet) break;
    const { context } = filterView(packet, { vlanOffload });
    const result = run(insns, context, semantics, { trace: false });
    rows.push({
      index: i + 1,
      ret: result.verdict,
      verdict: result.verdict === 0 ? 'drop' : 'accept',
      end: result.end,
      caplen: packet.caplen,
      len: packet.wireLength,
    });
  }
  return rows;
}

function runOne(
  capture: Capture,
  insns: Parameters<typeof run>[0],
  n: number,
  semantics: Semantics,
  vlanOffload: boolean,
): RunResult {
  const packet = capture.packetAt(n - 1);
  if (!packet) throw new UserError(`--trace ${n}: the capture has ${capture.packetCount} packets`);
  return run(insns, filterView(packet, { vlanOffload }).context, semantics);
}

function formatRows(rows: readonly VerdictRow[]): string {
  const accepted = rows.filter((r) => r.verdict === 'accept').length;
  const lines = rows.map((r) => {
    const kept = r.ret === 0 ? '' : r.ret >= r.len ? 'whole packet' : `first ${r.ret} of ${r.len} bytes`;
    const why = r.end === 'ret' ? '' : ` (${r.end})`;
    return `${String(r.index).padStart(6)}  ${r.verdict.padEnd(6)} ${String(r.ret).padStart(10)}  ${kept}${why}`;
  });
  lines.push(`${rows.length} packets: ${accepted} accepted, ${rows.length - accepted} dropped`);
  return `${lines.join('\n')}\n`;
}

function formatTrace(result: RunResult): string {
  const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
  const lines = [' pc  instruction                A           X           what happened'];
  for (const step of result.steps) {
    const text = formatAsmInsn(step.insn, step.pc, (t) => `${t}`);
    lines.push(
      `${String(step.pc).padStart(3)}  ${text.padEnd(26)} ${hex(step.aAfter)}  ${hex(step.xAfter)}  ${explainStep(step)}`,
    );
  }
  lines.push(`verdict: ${result.verdict}${result.end === 'ret' ? '' : ` (${result.end})`}`);
  return `${lines.join('\n')}\n`;
}
