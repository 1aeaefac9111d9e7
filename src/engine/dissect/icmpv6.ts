// SPDX-License-Identifier: MIT
/** ICMPv6 (RFC 4443): echo, errors quoting the offending packet, MLD, and neighbor discovery. */
import type { ByteView } from './byte-view.ts';
import { ipv6PseudoSum } from './checksum.ts';
import { checksumField } from './checksum-field.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { bytesField, dataField, field, uint } from './field.ts';
import { hex } from './format.ts';
import { ndOptions, neighborAdvert, routerAdvert } from './icmpv6-nd.ts';
import { ipv6AddressField } from './ipv6.ts';
import type { DissectContext, Field, LayerResult, Next } from './types.ts';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  143: 'Multicast Listener Report Message v2',
};

const CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: [
    'no route to destination',
    'communication with destination administratively prohibited',
    'beyond scope of source address',
    'address unreachable',
    'port unreachable',
    'source address failed ingress/egress policy',
    'reject route to destination',
  ],
  3: ['hop limit exceeded in transit', 'fragment reassembly time exceeded'],
  4: [
    'erroneous header field encountered',
    'unrecognized Next Header type encountered',
    'unrecognized IPv6 option encountered',
  ],
};

/** The fields of one message body; `facts` carries what the summary line needs. */
interface Body {
  fields: Field[];
  info: string;
}

function errorBody(
  view: ByteView,
  offset: number,
  type: number,
  quote: (n: Next) => Field[],
  end: number,
): Field[] {
  const word =
    type === 2
      ? uint(view, 'icmpv6.mtu', 'MTU', offset + 4, 4)
      : type === 4
        ? uint(view, 'icmpv6.pointer', 'Pointer', offset + 4, 4)
        : bytesField(view, 'icmpv6.reserved', 'Reserved', offset + 4, 4);
  return [word, ...quote({ table: 'ethertype', key: 0x86dd, offset: offset + 8, end })];
}

function echoBody(view: ByteView, offset: number, end: number, name: string, hlim: number): Body {
  const fields = [
    uint(view, 'icmpv6.echo.identifier', 'Identifier', offset + 4, 2, (v) => hex(v, 4)),
    uint(view, 'icmpv6.echo.sequence_number', 'Sequence', offset + 6, 2),
  ];
  if (end > offset + 8) fields.push(dataField(view, offset + 8, end - offset - 8));
  return {
    fields,
    info: `${name} id=${hex(view.u16(offset + 4), 4)}, seq=${view.u16(offset + 6)}, hop limit=${hlim}`,
  };
}

function ndBody(
  view: ByteView,
  offset: number,
  type: number,
  end: number,
  quote: (n: Next) => Field[],
): Body {
  const name = TYPE_NAMES[type]!;
  const fixed: Field[] = [];
  let optionsAt = offset + 8;
  if (type === 133) fixed.push(bytesField(view, 'icmpv6.reserved', 'Reserved', offset + 4, 4));
  if (type === 134) {
    fixed.push(...routerAdvert(view, offset));
    optionsAt = offset + 16;
  }
  if (type === 135 || type === 137) {
    fixed.push(bytesField(view, 'icmpv6.reserved', 'Reserved', offset + 4, 4));
    fixed.push(
      ipv6AddressField(
        view,
        type === 135 ? 'icmpv6.nd.ns.target_address' : 'icmpv6.nd.rd.target_address',
        'Target Address',
        offset + 8,
      ),
    );
    optionsAt = offset + 24;
  }
  if (type === 136) {
    fixed.push(...neighborAdvert(view, offset));
    optionsAt = offset + 24;
  }
  if (type === 137) {
    fixed.push(
      ipv6AddressField(view, 'icmpv6.rd.na.destination_address', 'Destination Address', offset + 24),
    );
    optionsAt = offset + 40;
  }
  const options = ndOptions(view, optionsAt, end, quote);
  const target = fixed.find((f) => f.name.endsWith('target_address'))?.value;
  const mac = options.facts.linkAddress;
  let info = name;
  if (type === 135) info = `${name} for ${target}${mac ? ` from ${mac}` : ''}`;
  if (type === 136) {
    const flags = view.u8(offset + 4);
    const words = [flags & 0x80 ? 'rtr' : '', flags & 0x40 ? 'sol' : '', flags & 0x20 ? 'ovr' : ''].filter(
      Boolean,
    );
    info = `${name} ${target}${words.length ? ` (${words.join(', ')})` : ''}${mac ? ` is at ${mac}` : ''}`;
  }
  if ((type === 133 || type === 134) && mac) info = `${name} from ${mac}`;
  return { fields: [...fixed, ...options.fields], info };
}

function mldBody(view: ByteView, offset: number): Field[] {
  return [
    uint(view, 'icmpv6.mld.max_response_delay', 'Maximum Response Delay [ms]', offset + 4, 2),
    bytesField(view, 'icmpv6.reserved', 'Reserved', offset + 6, 2),
    ipv6AddressField(view, 'icmpv6.mld.multicast_address', 'Multicast Address', offset + 8),
  ];
}

function body(view: ByteView, offset: number, type: number, code: number, ctx: DissectContext): Body {
  const end = view.end;
  const name = TYPE_NAMES[type] ?? `Unknown (${type})`;
  const quote = (next: Next) => ctx.nested(next, true);
  if (type >= 1 && type <= 4) {
    const codeText = CODE_NAMES[type]?.[code];
    return {
      fields: errorBody(view, offset, type, quote, end),
      info: codeText ? `${name} (${codeText})` : name,
    };
  }
  if (type === 128 || type === 129) return echoBody(view, offset, end, name, ctx.ip?.ttl ?? 0);
  if (type >= 133 && type <= 137) return ndBody(view, offset, type, end, quote);
  if (type >= 130 && type <= 132) return { fields: mldBody(view, offset), info: name };
  return { fields: end > offset + 4 ? [dataField(view, offset + 4, end - offset - 4)] : [], info: name };
}

/** The ICMPv6 message at `offset`; the checksum covers the IPv6 pseudo-header too. */
export function dissectIcmpv6(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const type = view.u8(offset);
  const code = view.u8(offset + 1);
  const end = view.end;
  const ip = ctx.ip;
  const pseudo = ip?.version === 6 ? ipv6PseudoSum(ip.src, ip.dst, end - offset, 58) : 0;
  const codeText = CODE_NAMES[type]?.[code];
  const checksum = checksumField(
    view,
    'icmpv6.checksum',
    'Checksum',
    offset + 2,
    offset,
    end - offset,
    pseudo,
  );
  const children: Field[] = [
    uint(view, 'icmpv6.type', 'Type', offset, 1, (v) => `${TYPE_NAMES[v] ?? 'Unknown'} (${v})`),
    uint(view, 'icmpv6.code', 'Code', offset + 1, 1, (v) => (codeText ? `${v} (${codeText})` : String(v))),
    checksum.field,
  ];
  setPayloadOffset(ctx, offset + 8, true);
  const parts = body(view, offset, type, code, ctx);
  children.push(...parts.fields);
  const info = view.has(offset, Math.min(view.end - offset, 24))
    ? parts.info
    : (TYPE_NAMES[type] ?? 'ICMPv6');
  setSummary(ctx, { protocol: 'ICMPv6', info });
  return {
    field: field('icmpv6', 'Internet Control Message Protocol v6', offset, end - offset, undefined, children),
  };
}
