// SPDX-License-Identifier: MIT
/**
 * tcpdump expressions in the worker: compile one for the listing under the expression bar, and
 * compare its verdicts with the editor's program over the whole capture.
 */
import {
  type Capture,
  compileFast,
  compileFilter,
  exportProgram,
  hasErrors,
  type Insn,
  linkTypeName,
  type Program,
  packetLinkTypes,
  savefileOptions,
} from '../engine/index.ts';
import { buildListing } from './listing.ts';
import type {
  CompareOutcome,
  ExpressionOptions,
  ExpressionOutcome,
  ExpressionRow,
  PacketOptions,
  VerdictDifference,
} from './protocol.ts';
import { runAllPackets } from './run-all.ts';

/** At most this many differing packets are listed (the counts cover them all). */
export const MAX_DIFFERENCES = 5000;

/** The program as the editor should receive it: a header naming the expression, then bpf_asm. */
function editorText(
  expression: string,
  options: ExpressionOptions,
  program: Program,
  fromFile: boolean,
): string {
  const how = options.optimize ? 'optimized' : 'not optimized';
  const where = fromFile ? ', as tcpdump -r compiles it for the open capture' : '';
  const header = `; tcpdump expression: ${expression.replace(/\s*[\r\n]+\s*/g, ' ')}\n; compiled by bpflab for ${linkTypeName(options.linkType)}, ${how}${where}\n\n`;
  return header + exportProgram(program, 'asm');
}

/**
 * How to compile for `linkType`: as `tcpdump -r` does when the open capture has packets of it
 * (the file's byte order, snapshot length and savefile rules: savefile-options.ts), else as
 * `tcpdump -d -y` does (no file open). Returns undefined for the latter.
 */
function fileOptions(capture: Capture | undefined, linkType: number) {
  if (!capture?.interfaces.some((i) => i.linkType === linkType)) return undefined;
  return savefileOptions(capture, linkType);
}

/** Listing rows of a compiled expression, each with the primitive it implements. */
function expressionRows(program: Program): ExpressionRow[] {
  return buildListing(program).map((row) => {
    // The listing's `line` is an editor line; the expression's ranges say where instead.
    const { line: _line, ...rest } = row;
    const range = program.sourceMap?.[row.pc];
    const primitive = program.comments?.[row.pc];
    return { ...rest, ...(range ? { range } : {}), ...(primitive ? { primitive } : {}) };
  });
}

/**
 * Compile `expression` for the bar: bpf_asm text, listing and diagnostics. With `capture` open,
 * as tcpdump -r compiles it for that file (an explicit `options.snaplen` still wins).
 */
export function compileExpression(
  expression: string,
  options: ExpressionOptions,
  capture?: Capture,
): ExpressionOutcome {
  const fromFile = fileOptions(capture, options.linkType);
  const { program, diagnostics } = compileFilter(expression, {
    ...fromFile,
    linkType: options.linkType,
    optimize: options.optimize,
    ...(options.snaplen !== undefined ? { snaplen: options.snaplen } : {}),
  });
  const base = {
    expression,
    linkType: options.linkType,
    linkTypeName: linkTypeName(options.linkType),
    optimize: options.optimize,
    diagnostics,
  };
  if (!program || hasErrors(diagnostics)) return { ...base, listing: [] };
  const text = editorText(expression, options, program, fromFile !== undefined);
  return { ...base, text, listing: expressionRows(program) };
}

function emptyOutcome(expression: string, problem: string, started: number): CompareOutcome {
  return {
    expression,
    total: 0,
    editorAccepted: 0,
    expressionAccepted: 0,
    acceptDrop: 0,
    lengths: 0,
    differences: [],
    problem,
    diagnostics: [],
    milliseconds: performance.now() - started,
  };
}

/**
 * Verdicts of `expression` for every packet: compiled once per link type (a pcapng may mix them),
 * each run through the fast path, then picked per packet by its link type.
 */
async function expressionVerdicts(
  capture: Capture,
  expression: string,
  options: PacketOptions & { optimize: boolean },
): Promise<{ verdicts?: Uint32Array; outcome?: ExpressionOutcome }> {
  const types = packetLinkTypes(capture);
  const perType = new Map<number, Uint32Array>();
  for (const linkType of types) {
    const compiled = compileFilter(expression, {
      ...fileOptions(capture, linkType),
      linkType,
      optimize: options.optimize,
    });
    if (!compiled.program || hasErrors(compiled.diagnostics)) {
      return { outcome: compileExpression(expression, { linkType, optimize: options.optimize }, capture) };
    }
    perType.set(linkType, await verdictsOf(capture, compiled.program.insns, options));
  }
  if (types.length === 1) return { verdicts: perType.get(types[0] as number) as Uint32Array };
  const verdicts = new Uint32Array(capture.packetCount);
  for (let i = 0; i < verdicts.length; i++) verdicts[i] = perType.get(capture.linkType(i))?.[i] ?? 0;
  return { verdicts };
}

async function verdictsOf(capture: Capture, insns: readonly Insn[], options: PacketOptions) {
  const filter = compileFast(insns, options.semantics);
  const outcome = await runAllPackets(capture, insns, filter, options, { cancelled: false });
  return outcome.verdicts;
}

/** Where two verdict arrays differ, with counts by kind. */
export function diffVerdicts(
  editor: Uint32Array,
  expression: Uint32Array,
): Pick<CompareOutcome, 'acceptDrop' | 'lengths' | 'differences' | 'editorAccepted' | 'expressionAccepted'> {
  const differences: VerdictDifference[] = [];
  let acceptDrop = 0;
  let lengths = 0;
  let editorAccepted = 0;
  let expressionAccepted = 0;
  for (let i = 0; i < editor.length; i++) {
    const a = editor[i] as number;
    const b = expression[i] as number;
    if (a !== 0) editorAccepted++;
    if (b !== 0) expressionAccepted++;
    if (a === b) continue;
    const kind = (a === 0) !== (b === 0) ? 'accept-drop' : 'length';
    if (kind === 'accept-drop') acceptDrop++;
    else lengths++;
    if (differences.length < MAX_DIFFERENCES) differences.push({ index: i, editor: a, expression: b, kind });
  }
  return { acceptDrop, lengths, differences, editorAccepted, expressionAccepted };
}

/** Run the editor's program and `expression` over the whole capture and list where they differ. */
export async function compareWithEditor(
  capture: Capture | undefined,
  program: Program | undefined,
  expression: string,
  options: PacketOptions & { optimize: boolean },
): Promise<CompareOutcome> {
  const started = performance.now();
  if (!capture) return emptyOutcome(expression, 'no capture is open', started);
  if (!program) return emptyOutcome(expression, "the editor's program does not assemble", started);
  const theirs = await expressionVerdicts(capture, expression, options);
  if (!theirs.verdicts) {
    const outcome = emptyOutcome(expression, 'the expression does not compile', started);
    return { ...outcome, diagnostics: theirs.outcome?.diagnostics ?? [] };
  }
  const ours = await verdictsOf(capture, program.insns, options);
  return {
    expression,
    total: ours.length,
    ...diffVerdicts(ours, theirs.verdicts),
    diagnostics: [],
    milliseconds: performance.now() - started,
  };
}
