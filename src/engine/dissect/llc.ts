// SPDX-License-Identifier: MIT
/** IEEE 802.2 LLC and SNAP, carried by 802.3 frames. */
import type { ByteView } from './byte-view.ts';
import { setSummary } from './context.ts';
import { bits, field, uint } from './field.ts';
import { hex } from './format.ts';
import { etherTypeText } from './names.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

/** Well-known SAPs (IEEE 802 numbers). */
const SAP_NAMES: Readonly<Record<number, string>> = {
  0: 'NULL LSAP',
  6: 'TCP/IP',
  66: 'Spanning Tree BPDU',
  170: 'SNAP',
  224: 'NetWare',
  240: 'NetBIOS',
  254: 'ISO Network Layer',
};

function sapText(sap: number): string {
  return `${SAP_NAMES[sap & 0xfe] ?? 'Unknown'} (${hex(sap, 2)})`;
}

/** The control field: one byte for unnumbered (U) frames, two for I and S frames. */
function controlField(view: ByteView, offset: number): { field: Field; length: number } {
  const first = view.u8(offset);
  if ((first & 0x03) === 0x03) {
    const kind = first === 0x03 ? 'U, func=UI' : 'U';
    return {
      field: uint(view, 'llc.control', `Control field: ${kind}`, offset, 1, (v) => hex(v, 2)),
      length: 1,
    };
  }
  const kind = (first & 0x01) === 0 ? 'I' : 'S';
  return {
    field: uint(view, 'llc.control', `Control field: ${kind}`, offset, 2, (v) => hex(v, 4)),
    length: 2,
  };
}

/** LLC header (DSAP, SSAP, control) and, for SAP 0xAA, the SNAP OUI and protocol id. */
export function dissectLlc(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const dsap = view.u8(offset);
  const ssap = view.u8(offset + 1);
  const children: Field[] = [
    uint(view, 'llc.dsap', 'DSAP', offset, 1, sapText),
    uint(view, 'llc.ssap', 'SSAP', offset + 1, 1, sapText),
  ];
  children[0]!.children.push(
    bits(view, 'llc.dsap.ig', 'IG Bit', offset, 1, 0x01, (v) => (v ? 'Group' : 'Individual')),
  );
  children[1]!.children.push(
    bits(view, 'llc.ssap.cr', 'CR Bit', offset + 1, 1, 0x01, (v) => (v ? 'Response' : 'Command')),
  );
  const control = controlField(view, offset + 2);
  children.push(control.field);
  let length = 2 + control.length;
  setSummary(ctx, { protocol: 'LLC', info: `S P, func=${hex(ssap, 2)}; DSAP ${sapText(dsap)}` });
  if (dsap === 0xaa && ssap === 0xaa && control.length === 1) {
    const oui = view.u24(offset + length);
    children.push(uint(view, 'llc.oui', 'Organization Code', offset + length, 3, (v) => hex(v, 6)));
    const pidOffset = offset + length + 3;
    length += 5;
    // OUI 00:00:00 means the protocol id is an EtherType (RFC 1042 encapsulation).
    if (oui === 0) {
      const type = view.u16(pidOffset);
      children.push(uint(view, 'llc.type', 'Type', pidOffset, 2, etherTypeText));
      return {
        field: field('llc', 'Logical-Link Control (SNAP)', offset, length, undefined, children),
        next: { table: 'ethertype', key: type, offset: offset + length, end: view.end },
      };
    }
    children.push(uint(view, 'llc.pid', 'PID', pidOffset, 2, (v) => hex(v, 4)));
  }
  return {
    field: field('llc', 'Logical-Link Control', offset, length, undefined, children),
    next: { table: 'data', offset: offset + length, end: view.end },
  };
}
