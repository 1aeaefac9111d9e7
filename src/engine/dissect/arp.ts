// SPDX-License-Identifier: MIT
/** ARP and RARP (RFC 826, RFC 903). */
import type { ByteView } from './byte-view.ts';
import { addresses, setMetaOnce, setPayloadOffset, setSummary } from './context.ts';
import { bytesField, field, uint } from './field.ts';
import { formatIpv4, formatMac } from './format.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const OPCODES: Readonly<Record<number, string>> = {
  1: 'request',
  2: 'reply',
  3: 'reverse request',
  4: 'reverse reply',
  8: 'inverse request',
  9: 'inverse reply',
};

const HARDWARE_TYPES: Readonly<Record<number, string>> = { 1: 'Ethernet', 6: 'IEEE 802', 32: 'InfiniBand' };

/** One hardware or protocol address; typed as MAC / IPv4 when the sizes say so. */
function addressField(
  view: ByteView,
  name: string,
  title: string,
  offset: number,
  size: number,
  kind: string,
): Field {
  if (kind === 'mac' && size === 6) {
    const text = formatMac(view.slice(offset, 6));
    return field(`${name}_mac`, `${title}: ${text}`, offset, 6, text);
  }
  if (kind === 'ipv4' && size === 4) {
    const text = formatIpv4(view.slice(offset, 4));
    return field(`${name}_ipv4`, `${title}: ${text}`, offset, 4, text);
  }
  return bytesField(view, name, title, offset, size);
}

function infoText(op: number, f: { sha: string; spa: string; tha: string; tpa: string }): string {
  // RFC 5227: a probe has sender IP 0.0.0.0, an announcement sender IP = target IP, both with a zero target MAC.
  const zeroTarget = f.tha === '00:00:00:00:00:00';
  if (op === 1 && f.spa === f.tpa)
    return zeroTarget ? `ARP Announcement for ${f.spa}` : `Gratuitous ARP for ${f.spa} (Request)`;
  if (op === 1 && f.spa === '0.0.0.0' && zeroTarget) return `Who has ${f.tpa}? (ARP Probe)`;
  if (op === 2 && f.spa === f.tpa) return `Gratuitous ARP for ${f.spa} (Reply)`;
  if (op === 1) return `Who has ${f.tpa}? Tell ${f.spa}`;
  if (op === 2) return `${f.spa} is at ${f.sha}`;
  if (op === 3) return `Who is ${f.sha}? Tell ${f.sha}`;
  if (op === 4) return `${f.sha} is at ${f.spa}`;
  return `ARP opcode ${op}`;
}

/** The ARP header: types and sizes, opcode, then sender and target addresses of the given sizes. */
export function dissectArp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const hrd = view.u16(offset);
  const pro = view.u16(offset + 2);
  const hln = view.u8(offset + 4);
  const pln = view.u8(offset + 5);
  const op = view.u16(offset + 6);
  const hwKind = (hrd === 1 || hrd === 6) && hln === 6 ? 'mac' : 'bytes';
  const protoKind = pro === 0x0800 && pln === 4 ? 'ipv4' : 'bytes';
  const at = offset + 8;
  const sha = addressField(view, 'arp.src.hw', 'Sender MAC address', at, hln, hwKind);
  const spa = addressField(view, 'arp.src.proto', 'Sender IP address', at + hln, pln, protoKind);
  const tha = addressField(view, 'arp.dst.hw', 'Target MAC address', at + hln + pln, hln, hwKind);
  const tpa = addressField(view, 'arp.dst.proto', 'Target IP address', at + 2 * hln + pln, pln, protoKind);
  const length = 8 + 2 * hln + 2 * pln;
  const opName = OPCODES[op] ?? 'unknown';
  const children = [
    uint(view, 'arp.hw.type', 'Hardware type', offset, 2, (v) => `${HARDWARE_TYPES[v] ?? 'Unknown'} (${v})`),
    uint(view, 'arp.proto.type', 'Protocol type', offset + 2, 2, etherTypeText),
    uint(view, 'arp.hw.size', 'Hardware size', offset + 4, 1),
    uint(view, 'arp.proto.size', 'Protocol size', offset + 5, 1),
    uint(view, 'arp.opcode', 'Opcode', offset + 6, 2, (v) => `${opName} (${v})`),
    sha,
    spa,
    tha,
    tpa,
  ];
  const rarp = op === 3 || op === 4;
  const text = {
    sha: String(sha.value),
    spa: String(spa.value),
    tha: String(tha.value),
    tpa: String(tpa.value),
  };
  // Built from a header the capture cut short, the line would show zeros: it says less instead.
  const info = view.has(offset, length) ? infoText(op, text) : `ARP ${opName} (header cut short)`;
  setSummary(ctx, { protocol: rarp ? 'RARP' : 'ARP', info });
  if (ctx.summary.source === '') addresses(ctx, text.sha, '');
  // The kernel's flow dissector stops at ARP, so poff is the ARP header's own offset.
  setMetaOnce(ctx, { networkOffset: offset });
  setPayloadOffset(ctx, offset, true);
  const title = rarp ? 'Reverse Address Resolution Protocol' : 'Address Resolution Protocol';
  return { field: field('arp', `${title} (${opName})`, offset, length, undefined, children) };
}
