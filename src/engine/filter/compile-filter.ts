// SPDX-License-Identifier: MIT
/**
 * `compileFilter`: a tcpdump/pcap-filter expression to a classic BPF program, faithful to libpcap
 * 1.10: lex, parse, check, lower, optimize, emit. Errors are diagnostics pointing at the offending
 * token; libpcap's traps (offset shifts after `vlan`, IPv4-only accessors, `ip6 proto` not
 * following extension headers, `protochain`'s backward jump) come back as warnings and notes.
 */
import { type Diagnostic, error, hasErrors, info, warning } from '../diag/diagnostic.ts';
import type { Program } from '../program.ts';
import { checkFilter } from './check-filter.ts';
import { emitFilter } from './emit-filter.ts';
import { FLT } from './filter-codes.ts';
import { type IrBlock, reachableBlocks } from './filter-ir.ts';
import { lexFilter } from './lex-filter.ts';
import type { LinkKind } from './lower-context.ts';
import { lowerFilter } from './lower-filter.ts';
import { optimizeFilter } from './optimize-filter.ts';
import { parseFilter } from './parse-filter.ts';
import { rangeOf } from './source-text.ts';

/** Options of `compileFilter`. */
export interface CompileFilterOptions {
  /** LINKTYPE_* of the packets (default 1, EN10MB). Also RAW (101, 12, 14), IPV4, IPV6, LINUX_SLL(2), NULL, LOOP. */
  linkType?: number;
  /** What an accepted packet returns: bytes to keep (default 262144, tcpdump's default). */
  snaplen?: number;
  /** Run the optimizer (default true, as tcpdump without -O). */
  optimize?: boolean;
  /** The network's netmask for `ip broadcast` (default 0, as tcpdump uses with no interface). */
  netmask?: number;
  /**
   * Compile for packets read from a capture file, as `tcpdump -r` does (libpcap with a savefile
   * open): IPv6 on NULL/LOOP then also matches the BSD address families 24, 28 and 30, NULL's
   * family is compared in the file's byte order, and `inbound`/`outbound`/`ifindex` need a cooked
   * header. Without it the compiler acts as `tcpdump -d` (no file open). Pass the capture's
   * snaplen as `snaplen` to get tcpdump's accept value too.
   */
  savefile?: { bigEndian?: boolean };
}

/** The compiled program (absent when there are errors) and every diagnostic. */
export interface CompileFilterResult {
  program?: Program;
  diagnostics: Diagnostic[];
}

const LINK_KINDS: Readonly<Record<number, LinkKind>> = {
  0: 'NULL',
  1: 'EN10MB',
  12: 'RAW',
  14: 'RAW',
  101: 'RAW',
  108: 'LOOP',
  113: 'LINUX_SLL',
  228: 'IPV4',
  229: 'IPV6',
  276: 'LINUX_SLL2',
};

/** The link types `compileFilter` accepts, as LINKTYPE_* numbers. */
export const FILTER_LINK_TYPES: readonly number[] = Object.keys(LINK_KINDS).map(Number);

function hasProtochain(root: IrBlock): boolean {
  return reachableBlocks(root).some((b) => b.stmts.some((s) => s.insn.op === 'ja'));
}

/** Every statement remembers its block's primitive, so the optimizer may move it. */
function stampOrigins(root: IrBlock): void {
  for (const b of reachableBlocks(root)) for (const s of b.stmts) s.origin ??= b.origin;
}

function protochainNotes(text: string, root: IrBlock, optimize: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const block = reachableBlocks(root).find((b) => b.stmts.some((s) => s.insn.op === 'ja'));
  const range = block?.origin ? rangeOf(text, block.origin.span.start, block.origin.span.end) : undefined;
  const extras = range ? { range } : {};
  out.push(
    warning(
      FLT.backwardJump,
      "'protochain' loops with a backward jump: libpcap runs it, the Linux kernel refuses to load it",
      {
        ...extras,
        hint: "use 'ip6 proto N' (no extension headers) for a kernel filter",
      },
    ),
  );
  if (optimize)
    out.push(
      info(
        FLT.optimizerOff,
        "libpcap does not optimize a filter that contains 'protochain', and neither does bpflab",
        extras,
      ),
    );
  return out;
}

/** libpcap skips its optimizer after `geneve` too: its offset code jumps inside a block. */
function geneveOptimizerNote(text: string, root: IrBlock): Diagnostic {
  const block = reachableBlocks(root).find((b) => b.stmts.some((s) => s.insn.op === 'jmp'));
  const range = block?.origin ? rangeOf(text, block.origin.span.start, block.origin.span.end) : undefined;
  return info(
    FLT.optimizerOff,
    "libpcap does not optimize a filter that contains 'geneve' (its offset code jumps inside a block), and neither does bpflab",
    range ? { range } : {},
  );
}

/** Compile a pcap-filter expression for a link type; never throws for any input. */
export function compileFilter(expr: string, options: CompileFilterOptions = {}): CompileFilterResult {
  const snaplen = (options.snaplen ?? 262144) >>> 0;
  const optimize = options.optimize ?? true;
  const linkType = options.linkType ?? 1;
  if (snaplen === 0)
    return { diagnostics: [error(FLT.zeroSnaplen, 'a snaplen of 0 would reject every packet')] };
  const link = LINK_KINDS[linkType];
  if (!link) {
    const known = 'EN10MB, RAW, IPV4, IPV6, LINUX_SLL, LINUX_SLL2, NULL or LOOP';
    return {
      diagnostics: [
        error(
          FLT.unknownLinkType,
          `the filter compiler does not know link type ${linkType}: expected ${known}`,
        ),
      ],
    };
  }
  const lexed = lexFilter(expr);
  if (hasErrors(lexed.diagnostics)) return { diagnostics: lexed.diagnostics };
  const parsed = parseFilter(expr, lexed.tokens);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const checked = checkFilter(expr, parsed.root);
  const diagnostics = [...checked.diagnostics];
  if (hasErrors(diagnostics)) return { diagnostics };
  const lowered = lowerFilter(expr, parsed.root, checked, {
    link,
    snaplen,
    netmask: (options.netmask ?? 0) >>> 0,
    savefile: options.savefile ? { bigEndian: options.savefile.bigEndian ?? false } : undefined,
  });
  diagnostics.push(...lowered.diagnostics);
  if (!lowered.root || hasErrors(diagnostics)) return { diagnostics };
  let root = lowered.root;
  if (hasProtochain(root)) diagnostics.push(...protochainNotes(expr, root, optimize));
  else if (optimize && lowered.noOptimize) diagnostics.push(geneveOptimizerNote(expr, root));
  if (optimize && !lowered.noOptimize) {
    stampOrigins(root);
    const optimized = optimizeFilter(root);
    if (!optimized.ok) {
      diagnostics.push(
        error(FLT.badConstantOperand, `${optimized.error} (found while folding constants)`, {
          range: rangeOf(expr, 0, expr.length),
        }),
      );
      return { diagnostics };
    }
    root = optimized.root;
    if (root.ret?.src === 'k' && root.ret.k === 0) {
      diagnostics.push(
        error(FLT.rejectsAllPackets, 'this expression rejects all packets (libpcap refuses such a filter)', {
          range: rangeOf(expr, 0, expr.length),
        }),
      );
      return { diagnostics };
    }
  }
  return { program: emitFilter(expr, root), diagnostics };
}
