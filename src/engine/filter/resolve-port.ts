// SPDX-License-Identifier: MIT
/**
 * Ports and port ranges by number or service name (libpcap gen_scode/gen_ncode facts for
 * `port`/`portrange`): the qualifier must be tcp, udp or sctp (or none), numbers stay below 65536,
 * and a service defined for one transport only implies it (`port ssh` is TCP port 22).
 */
import type { Primitive, Reporter } from './check-filter.ts';
import type { DirQual, FilterNode } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { lookupService } from './filter-names.ts';

/** An `id` node of the tree. */
export type IdNode = FilterNode & { kind: 'id' };

/** Directions that exist only for 802.11 addresses. */
export const WLAN_DIRS: ReadonlySet<DirQual> = new Set<DirQual>([
  'addr1',
  'addr2',
  'addr3',
  'addr4',
  'ra',
  'ta',
]);
const IPPROTO = { tcp: 6, udp: 17, sctp: 132 } as const;

/** A direction only 802.11 addresses have, misapplied. */
export function badDir(node: IdNode, rep: Reporter, what: string): boolean {
  if (!WLAN_DIRS.has(node.qual.dir)) return false;
  rep.error(
    FLT.badQualifier,
    `'${node.qual.dir}' is a direction for 802.11 MAC addresses, not for ${what}`,
    node.span,
  );
  return true;
}

/** `port`/`portrange` with a number or name: gen_port / gen_portrange. */
export function port(
  node: IdNode,
  rep: Reporter,
  lo: number,
  hi: number,
  ipProto: number | undefined,
): Primitive | undefined {
  const { proto, addr, dir } = node.qual;
  const range = addr === 'portrange';
  if (proto !== 'default' && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp')
    return void rep.error(
      FLT.badQualifier,
      `'${proto}' has no ports: use tcp, udp or sctp (or none)`,
      node.span,
    );
  for (const p of [lo, hi])
    if (p > 65535) return void rep.error(FLT.badPort, `port ${p} is above 65535`, node.valueSpan);
  if (badDir(node, rep, range ? 'port ranges' : 'ports')) return undefined;
  const resolved = proto === 'default' ? ipProto : IPPROTO[proto];
  return resolved === undefined
    ? { kind: 'port', lo, hi, range, dir }
    : { kind: 'port', lo, hi, range, ipProto: resolved, dir };
}

/** A service name's transport must agree with the qualifier (`udp port ssh` is refused). */
function serviceProto(
  node: IdNode,
  rep: Reporter,
  name: string,
  sproto: 'tcp' | 'udp' | 'any',
): number | undefined | null {
  const q = node.qual.proto;
  if (sproto === 'any') return undefined;
  if (q !== 'default' && q !== sproto) {
    rep.error(FLT.badPort, `port '${name}' is a ${sproto} service, not ${q}`, node.valueSpan);
    return null;
  }
  return IPPROTO[sproto];
}

/** `port NAME` or `portrange NAME-NAME`, from the built-in service table. */
export function namedPort(node: IdNode, rep: Reporter, name: string): Primitive | undefined {
  if (node.qual.addr === 'portrange') return namedRange(node, rep, name);
  const s = lookupService(name);
  if (!s)
    return void rep.error(
      FLT.unknownPortName,
      `unknown port name '${name}' (not in bpflab's service table)`,
      node.valueSpan,
      'write the port number instead',
    );
  if (!['default', 'tcp', 'udp', 'sctp'].includes(node.qual.proto))
    return port(node, rep, s[0], s[0], undefined);
  const p = serviceProto(node, rep, name, s[1]);
  return p === null ? undefined : port(node, rep, s[0], s[0], p);
}

/** `portrange a-b`: two numbers (sscanf "%d-%d") or two service names. */
function namedRange(node: IdNode, rep: Reporter, text: string): Primitive | undefined {
  const m = /^([0-9]+)-([0-9]+)/.exec(text);
  if (m) return port(node, rep, Number(m[1]), Number(m[2]), undefined);
  const dash = text.indexOf('-');
  const a = dash < 0 ? undefined : lookupService(text.slice(0, dash));
  const b = dash < 0 ? undefined : lookupService(text.slice(dash + 1));
  if (!a || !b)
    return void rep.error(
      FLT.unknownPortName,
      `'${text}' is no port range (expected such as 1000-2000 or ftp-ssh)`,
      node.valueSpan,
    );
  const sproto = a[1] === b[1] ? a[1] : 'any';
  const p = ['default', 'tcp', 'udp', 'sctp'].includes(node.qual.proto)
    ? serviceProto(node, rep, text, sproto)
    : undefined;
  return p === null ? undefined : port(node, rep, a[0], b[0], p);
}
