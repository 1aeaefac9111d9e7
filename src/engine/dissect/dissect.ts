// SPDX-License-Identifier: MIT
/**
 * Dissect one frame: walk the protocol chain from the link layer up, then mark what the capture cut
 * short, add the teaching notes, and derive the summary line and the Linux metadata.
 */

import { LINKTYPE_EN10MB, linkTypeName } from '../capture/link-types.ts';
import { ByteView } from './byte-view.ts';
import { dataField, field, markCutShort, teach, warn } from './field.ts';
import { hexBytes, plural } from './format.ts';
import { linkStart } from './link.ts';
import { lookup } from './registry.ts';
import type { DissectContext, Dissection, DissectOptions, Field, Next, PacketSummary } from './types.ts';
import { offloadNote, stripOuterVlan } from './vlan-offload.ts';

/** Layers in one chain and nesting depth (tunnels, quoted packets): hostile input stays bounded. */
const MAX_LAYERS = 64;
const MAX_DEPTH = 4;

/** Payload nothing decodes, over its logical length (cut-short marking shows what is missing). */
function payloadField(view: ByteView, next: Next, end: number): Field {
  const length = end - next.offset;
  const label = 'label' in next && next.label ? next.label : undefined;
  const out = dataField(view, next.offset, length);
  if (label) out.label = `${label} (${plural(length, 'byte')})`;
  return out;
}

/** Follow `first` through the registry until a layer has no successor. */
function runChain(root: ByteView, first: Next, ctx: DissectContext): Field[] {
  const out: Field[] = [];
  let next: Next | undefined = first;
  for (let layers = 0; next !== undefined; layers++) {
    const end = Math.min(next.end, root.end);
    if (next.offset >= end) break;
    const view = root.withEnd(end);
    const dissector = lookup(next);
    if (!dissector || next.offset >= root.captured || layers >= MAX_LAYERS) {
      out.push(payloadField(view, next, end));
      break;
    }
    const result = dissector(view, next.offset, ctx);
    out.push(result.field);
    // Every layer must move forward; a header claiming otherwise ends the walk.
    if (result.next && result.next.offset <= next.offset) {
      out.push(warn('malformed', 'Header does not advance: dissection stops here', next.offset, 0));
      break;
    }
    next = result.next;
  }
  return out;
}

function createContext(root: ByteView, options: DissectOptions): DissectContext {
  const ctx: DissectContext = {
    summary: { source: '', destination: '', protocol: '', info: '' },
    meta: {},
    embedded: false,
    depth: 0,
    transportDone: false,
    vlanTags: 0,
    nested: (next, embedded) => {
      if (ctx.depth >= MAX_DEPTH)
        return [warn('malformed', 'Nesting too deep: not dissected', next.offset, 0)];
      const saved = { embedded: ctx.embedded, ip: ctx.ip, vlanTags: ctx.vlanTags };
      ctx.embedded = ctx.embedded || embedded;
      ctx.depth += 1;
      const fields = runChain(root, next, ctx);
      ctx.depth -= 1;
      Object.assign(ctx, saved);
      return fields;
    },
  };
  if (options.tcpConversations) ctx.tcpConversations = options.tcpConversations;
  return ctx;
}

/** Bytes after the last decoded layer: Ethernet padding (frames under 60 bytes), or a trailer. */
function trailerField(fields: Field[], root: ByteView, linkType: number): Field | undefined {
  let covered = 0;
  for (const f of fields)
    if (f.note !== 'teaching') covered = Math.max(covered, f.range.offset + f.range.length);
  if (covered === 0 || covered >= root.captured) return undefined;
  const length = root.captured - covered;
  const ethernet = linkType === LINKTYPE_EN10MB;
  const name = ethernet ? (root.end <= 60 ? 'eth.padding' : 'eth.trailer') : 'frame.trailer';
  const title = name === 'eth.padding' ? 'Padding' : 'Trailer';
  return field(
    name,
    `${title}: ${hexBytes(root.slice(covered, length))}`,
    covered,
    length,
    hexBytes(root.slice(covered, length)),
  );
}

function truncationNote(captured: number, wire: number): Field {
  return teach(
    'teach.truncated',
    `Truncated frame: captured ${captured} of ${wire} bytes. Fields past byte ${captured} are marked cut short; ` +
      `a filter load beyond the captured bytes fails, and then the kernel and libpcap return 0 (drop the packet)`,
    captured,
    0,
  );
}

/** The packet-list line: the highest layer's words, or the fragment's, plus tshark's truncation mark. */
function summarize(
  ctx: DissectContext,
  linkType: number,
  captured: number,
  wire: number,
  known: boolean,
): PacketSummary {
  const top = ctx.fragmentSummary ?? ctx.summary;
  let info = top.info || (known ? '' : `Unsupported link type ${linkType}: ${plural(captured, 'byte')}`);
  if (captured < wire) info = `${info} [Packet size limited during capture]`.trim();
  return {
    source: ctx.summary.source,
    destination: ctx.summary.destination,
    protocol: top.protocol || linkTypeName(linkType),
    length: wire,
    info,
  };
}

/** Dissect one frame of `linkType`: fields tied to bytes and bits, a summary line, and metadata. */
export function dissect(bytes: Uint8Array, linkType: number, options: DissectOptions = {}): Dissection {
  let frame = bytes;
  let wire = Math.max(options.wireLength ?? bytes.length, bytes.length);
  const notes: Field[] = [];
  const meta: Dissection['meta'] = {};
  if (options.vlanOffload && linkType === LINKTYPE_EN10MB) {
    const stripped = stripOuterVlan(bytes, wire);
    frame = stripped.bytes;
    wire = stripped.wireLength;
    Object.assign(meta, {
      vlanPresent: stripped.tag !== undefined,
      vlanTci: stripped.tag?.tci ?? 0,
      vlanTpid: stripped.tag?.tpid ?? 0,
    });
    if (stripped.tag) notes.push(offloadNote(stripped.tag));
  }
  const root = new ByteView(frame, wire);
  const ctx = createContext(root, options);
  const start = linkStart(linkType, root);
  Object.assign(ctx.meta, start.meta);
  const layers = start.next ? runChain(root, start.next, ctx) : [dataField(root, 0, wire)];
  if (frame.length < wire) notes.unshift(truncationNote(frame.length, wire));
  const fields = [...notes, ...layers];
  const trailer = start.next ? trailerField(layers, root, linkType) : undefined;
  if (trailer) fields.push(trailer);
  markCutShort(fields, frame.length);
  const summary = summarize(ctx, linkType, frame.length, wire, start.next !== undefined);
  return { fields, summary, meta: { ...ctx.meta, ...meta }, bytes: frame, wireLength: wire };
}
