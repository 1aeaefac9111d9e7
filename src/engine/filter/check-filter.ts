// SPDX-License-Identifier: MIT
/**
 * Pass 3, check: give every qualified id its meaning, and refuse what libpcap refuses whatever the
 * link type (gen_scode/gen_ncode/gen_mcode facts): names we cannot resolve (bpflab does no DNS),
 * ports above 65535, masks on hosts, qualifiers that do not apply (`tcp host`, `port 1.2.3.4`),
 * accessor sizes other than 1/2/4, division by a constant 0. Link-type limits are the lower pass's.
 */
import { type Diagnostic, error, info } from '../diag/diagnostic.ts';
import {
  type Arith,
  type DirQual,
  type FilterNode,
  NETWORK_ACCESSORS,
  type ProtoQual,
  TRANSPORT_ACCESSORS,
} from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { resolveId } from './resolve-id.ts';
import { rangeOf, type Span } from './source-text.ts';

/** What an id means once resolved (one of libpcap's gen_* families). */
export type Primitive =
  | { kind: 'host'; addr: number; mask: number; proto: ProtoQual; dir: DirQual; isNet: boolean }
  | { kind: 'host6'; addr: number[]; mask: number[]; proto: ProtoQual; dir: DirQual; isNet: boolean }
  | { kind: 'ehost'; mac: number[]; dir: DirQual }
  | { kind: 'port'; lo: number; hi: number; range: boolean; ipProto?: number; dir: DirQual }
  | { kind: 'proto'; value: number; proto: ProtoQual }
  | { kind: 'protochain'; value: number; proto: ProtoQual };

/** The check pass's output: a meaning for every `id` node, and what was wrong. */
export interface CheckResult {
  primitives: Map<FilterNode, Primitive>;
  diagnostics: Diagnostic[];
}

/** Reports into the diagnostics list with ranges computed from the expression text. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly text: string) {}

  /** An error at `span`. */
  error(code: string, message: string, span: Span, hint?: string): void {
    const extras = hint
      ? { range: rangeOf(this.text, span.start, span.end), hint }
      : { range: rangeOf(this.text, span.start, span.end) };
    this.diagnostics.push(error(code, message, extras));
  }

  /** An informational note at `span`. */
  info(code: string, message: string, span: Span): void {
    this.diagnostics.push(info(code, message, { range: rangeOf(this.text, span.start, span.end) }));
  }

  /** The text of a span. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}

/** The constant libpcap finds first in an operand's code (gen_arth tests only that one). */
export function leadingConstant(a: Arith): number | undefined {
  switch (a.kind) {
    case 'num':
      return a.value;
    case 'len':
      return undefined;
    case 'load':
      return leadingConstant(a.index);
    case 'binary':
      return leadingConstant(a.left);
    case 'neg':
      return leadingConstant(a.operand);
  }
}

function checkArith(a: Arith, rep: Reporter): void {
  switch (a.kind) {
    case 'load':
      checkArith(a.index, rep);
      if (a.size !== 1 && a.size !== 2 && a.size !== 4)
        rep.error(FLT.badSize, `accessor size must be 1, 2 or 4 but found ${a.size}`, a.sizeSpan ?? a.span);
      if (
        a.proto !== 'link' &&
        a.proto !== 'radio' &&
        a.proto !== 'icmp6' &&
        !TRANSPORT_ACCESSORS.has(a.proto) &&
        !NETWORK_ACCESSORS.has(a.proto)
      )
        rep.error(
          FLT.badQualifier,
          `'${rep.slice(a.protoSpan)}[...]' is not an accessor libpcap supports`,
          a.protoSpan,
        );
      if (TRANSPORT_ACCESSORS.has(a.proto))
        rep.info(
          FLT.ipv4OnlyAccessor,
          `'${rep.slice(a.protoSpan)}[...]' reads the ${a.proto} header of IPv4 packets only (and only first fragments): IPv6 packets never match`,
          a.protoSpan,
        );
      return;
    case 'binary': {
      checkArith(a.left, rep);
      checkArith(a.right, rep);
      const k = leadingConstant(a.right);
      if ((a.op === '/' || a.op === '%') && k === 0)
        rep.error(FLT.badConstantOperand, `${a.op === '/' ? 'division' : 'modulus'} by zero`, a.right.span);
      if ((a.op === '<<' || a.op === '>>') && k !== undefined && k > 31)
        rep.error(FLT.badConstantOperand, `shift by ${k} bits: at most 31`, a.right.span);
      return;
    }
    case 'neg':
      checkArith(a.operand, rep);
      return;
    default:
      return;
  }
}

/**
 * The largest value each numbered link-level primitive takes (gencode.c: VLAN ids are 12 bits,
 * MPLS labels 20, PPPoE sessions 16, Geneve VNIs 24, the last checked in gen_geneve_check).
 */
const FIELD_LIMITS = {
  vlan: { max: 0xfff, what: 'vlan id', shown: '4095' },
  mpls: { max: 0xfffff, what: 'mpls label', shown: '1048575' },
  pppoes: { max: 0xffff, what: 'pppoes session', shown: '65535' },
  geneve: { max: 0xffffff, what: 'geneve VNI', shown: '16777215 (0xffffff)' },
} as const;

function checkProtoKeyword(node: FilterNode & { kind: 'proto' }, rep: Reporter): void {
  if (node.proto === 'link')
    rep.error(
      FLT.badQualifier,
      `'${rep.slice(node.span)}' alone names no packets: use 'ether host', 'ether proto' ...`,
      node.span,
    );
  if (node.proto === 'radio')
    rep.error(FLT.badQualifier, "'radio' is not a protocol that can be tested", node.span);
}

function checkCast(node: FilterNode & { kind: 'broadcast' | 'multicast' }, rep: Reporter): void {
  const ok =
    node.kind === 'broadcast'
      ? ['default', 'link', 'ip'].includes(node.proto)
      : ['default', 'link', 'ip', 'ip6'].includes(node.proto);
  if (ok) return;
  const what =
    node.kind === 'broadcast' ? 'link-layer or IPv4 broadcast' : 'link-layer, IPv4 or IPv6 multicast';
  rep.error(
    FLT.badQualifier,
    `'${rep.slice(node.span)}' is not defined: only ${what} can be tested`,
    node.span,
  );
}

/** `ip6 proto N` reads the next-header field (and one fragment header), not the whole chain. */
function noteIp6Proto(node: FilterNode, value: number, rep: Reporter): void {
  rep.info(
    FLT.ip6NoChain,
    `the IPv6 test of '${rep.slice(node.span)}' reads the next-header field (and past one fragment header) only: ` +
      `behind other extension headers protocol ${value} is missed; 'ip6 protochain ${value}' follows the chain`,
    node.span,
  );
}

function walk(node: FilterNode, rep: Reporter, out: Map<FilterNode, Primitive>): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      walk(node.left, rep, out);
      walk(node.right, rep, out);
      return;
    case 'not':
      walk(node.operand, rep, out);
      return;
    case 'id': {
      const p = resolveId(node, rep);
      if (p) out.set(node, p);
      if (p?.kind === 'proto' && (p.proto === 'ip6' || p.proto === 'default'))
        noteIp6Proto(node, p.value, rep);
      return;
    }
    case 'relation':
      checkArith(node.left, rep);
      checkArith(node.right, rep);
      return;
    case 'proto':
      checkProtoKeyword(node, rep);
      return;
    case 'broadcast':
    case 'multicast':
      checkCast(node, rep);
      return;
    case 'vlan':
    case 'mpls':
    case 'pppoes':
    case 'geneve': {
      const limit = FIELD_LIMITS[node.kind];
      if (node.value !== undefined && node.value > limit.max)
        rep.error(
          FLT.valueTooLarge,
          `${limit.what} ${node.value} is above the maximum ${limit.shown}`,
          node.valueSpan ?? node.span,
        );
      return;
    }
    default:
      return;
  }
}

/** Resolve and check a parsed tree; never throws. */
export function checkFilter(text: string, root: FilterNode | undefined): CheckResult {
  const rep = new Reporter(text);
  const primitives = new Map<FilterNode, Primitive>();
  if (root) walk(root, rep, primitives);
  return { primitives, diagnostics: rep.diagnostics };
}
