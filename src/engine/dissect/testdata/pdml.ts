// SPDX-License-Identifier: MIT
/** Test-only reader of tshark's PDML output: per packet, every field with its position and size. */

/** One `<field>` or `<proto>` element. */
export interface PdmlField {
  name: string;
  pos: number;
  size: number;
  show: string;
  showname: string;
  value: string;
  hidden: boolean;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number.parseInt(code.slice(1), 10));
    return ENTITIES[code] ?? all;
  });
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w.-]+)="([^"]*)"/g)) out[m[1]!] = unescape(m[2]!);
  return out;
}

/** Packets of a PDML document, each a flat list of its fields in document order. */
export function parsePdml(xml: string): PdmlField[][] {
  const packets: PdmlField[][] = [];
  let current: PdmlField[] | undefined;
  for (const m of xml.matchAll(/<(packet|field|proto)\b([^>]*)>|<\/packet>/g)) {
    if (m[0] === '</packet>') {
      if (current) packets.push(current);
      current = undefined;
      continue;
    }
    if (m[1] === 'packet') {
      current = [];
      continue;
    }
    const a = attributes(m[2] ?? '');
    current?.push({
      name: a.name ?? '',
      pos: Number(a.pos ?? -1),
      size: Number(a.size ?? 0),
      show: a.show ?? '',
      showname: a.showname ?? '',
      value: a.value ?? '',
      hidden: a.hide === 'yes',
    });
  }
  return packets;
}

/**
 * The bit mask tshark's label picture shows (`..1. .... = …` gives 0x20 over one byte), when the
 * picture spans exactly the field's bytes; undefined otherwise.
 */
export function pictureMask(showname: string, size: number): number | undefined {
  const m = /^([01. ]+) = /.exec(showname);
  if (!m) return undefined;
  const bits = m[1]!.replace(/ /g, '');
  if (bits.length !== size * 8) return undefined;
  let mask = 0;
  for (const c of bits) mask = mask * 2 + (c === '.' ? 0 : 1);
  return mask;
}
