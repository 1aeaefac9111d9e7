// SPDX-License-Identifier: MIT
/** SCTP (RFC 9260): the common header and every chunk, each padded to 4 bytes. */
import type { ByteView } from './byte-view.ts';
import { setPayloadOffset, setSummary } from './context.ts';
import { bytesField, field, flag, uint, warn } from './field.ts';
import { hex, plural } from './format.ts';
import type { DissectContext, Field, LayerResult } from './types.ts';

const CHUNK_NAMES: Readonly<Record<number, string>> = {
  0: 'DATA',
  1: 'INIT',
  2: 'INIT_ACK',
  3: 'SACK',
  4: 'HEARTBEAT',
  5: 'HEARTBEAT_ACK',
  6: 'ABORT',
  7: 'SHUTDOWN',
  8: 'SHUTDOWN_ACK',
  9: 'ERROR',
  10: 'COOKIE_ECHO',
  11: 'COOKIE_ACK',
  12: 'ECNE',
  13: 'CWR',
  14: 'SHUTDOWN_COMPLETE',
  15: 'AUTH',
  64: 'I_DATA',
  128: 'ASCONF_ACK',
  130: 'RE_CONFIG',
  132: 'PAD',
  192: 'FORWARD_TSN',
  193: 'ASCONF',
};

function chunkName(type: number): string {
  return CHUNK_NAMES[type] ?? `UNKNOWN(${type})`;
}

/** A chunk in the Info line, as tshark words it (`DATA (TSN=0)`, with raw numbers here). */
function chunkSummary(view: ByteView, type: number, at: number): string {
  if (type === 0) return `DATA (TSN=${view.u32(at + 4)})`;
  if (type === 3) return `SACK (Ack=${view.u32(at + 4)}, Arwnd=${view.u32(at + 8)})`;
  return chunkName(type);
}

function dataFields(view: ByteView, at: number, length: number): Field[] {
  const out = [
    uint(view, 'sctp.data_tsn_raw', 'Transmission sequence number (raw)', at + 4, 4),
    uint(view, 'sctp.data_sid', 'Stream identifier', at + 8, 2, (v) => hex(v, 4)),
    uint(view, 'sctp.data_ssn', 'Stream sequence number', at + 10, 2),
    uint(view, 'sctp.data_payload_proto_id', 'Payload protocol identifier', at + 12, 4),
  ];
  if (length > 16) out.push(bytesField(view, 'sctp.data_payload', 'Payload', at + 16, length - 16));
  return out;
}

function initFields(view: ByteView, at: number, length: number, p: string): Field[] {
  const out = [
    uint(view, `${p}_initiate_tag`, 'Initiate tag', at + 4, 4, (v) => hex(v, 8)),
    uint(view, `${p}_credit`, 'Advertised receiver window credit (a_rwnd)', at + 8, 4),
    uint(view, `${p}_nr_out_streams`, 'Number of outbound streams', at + 12, 2),
    uint(view, `${p}_nr_in_streams`, 'Number of inbound streams', at + 14, 2),
    uint(view, `${p}_initial_tsn`, 'Initial TSN', at + 16, 4),
  ];
  if (length > 20) out.push(bytesField(view, 'sctp.parameters', 'Parameters', at + 20, length - 20));
  return out;
}

function sackFields(view: ByteView, at: number): Field[] {
  return [
    uint(view, 'sctp.sack_cumulative_tsn_ack_raw', 'Cumulative TSN ACK (raw)', at + 4, 4),
    uint(view, 'sctp.sack_a_rwnd', 'Advertised receiver window credit (a_rwnd)', at + 8, 4),
    uint(view, 'sctp.sack_number_of_gap_blocks', 'Number of gap acknowledgement blocks', at + 12, 2),
    uint(view, 'sctp.sack_number_of_duplicated_tsns', 'Number of duplicated TSNs', at + 14, 2),
  ];
}

function chunkBody(view: ByteView, type: number, at: number, length: number): Field[] {
  if (type === 0) {
    return [
      flag(view, 'sctp.data_i_bit', 'I-Bit', at + 1, 1, 0x08, ['Delay SACK', 'Possibly delay SACK']),
      flag(view, 'sctp.data_u_bit', 'U-Bit', at + 1, 1, 0x04, ['Unordered delivery', 'Ordered delivery']),
      flag(view, 'sctp.data_b_bit', 'B-Bit', at + 1, 1, 0x02, ['First segment', 'Subsequent segment']),
      flag(view, 'sctp.data_e_bit', 'E-Bit', at + 1, 1, 0x01, ['Last segment', 'Not the last segment']),
      ...dataFields(view, at, length),
    ];
  }
  if (type === 1) return initFields(view, at, length, 'sctp.init');
  if (type === 2) return initFields(view, at, length, 'sctp.initack');
  if (type === 3) return sackFields(view, at);
  return length > 4 ? [bytesField(view, 'sctp.chunk_value', 'Chunk value', at + 4, length - 4)] : [];
}

/** Chunks from `start` to `end`; a length below 4 or past the end stops the walk. */
function chunks(view: ByteView, start: number, end: number, names: string[]): Field[] {
  const out: Field[] = [];
  let at = start;
  while (at + 4 <= Math.min(end, view.captured)) {
    const type = view.u8(at);
    const length = view.u16(at + 2);
    if (length < 4 || at + length > end) {
      out.push(warn('sctp.chunk_length.bad', `Chunk length ${length} is invalid here`, at, end - at));
      break;
    }
    const padded = Math.min(end - at, (length + 3) & ~3);
    names.push(chunkSummary(view, type, at));
    const children = [
      uint(view, 'sctp.chunk_type', 'Chunk type', at, 1, (v) => `${chunkName(v)} (${v})`),
      uint(view, 'sctp.chunk_flags', 'Chunk flags', at + 1, 1, (v) => hex(v, 2)),
      uint(view, 'sctp.chunk_length', 'Chunk length', at + 2, 2),
      ...chunkBody(view, type, at, length),
    ];
    if (padded > length)
      children.push(bytesField(view, 'sctp.chunk_padding', 'Chunk padding', at + length, padded - length));
    out.push(
      field('sctp.chunk', `${chunkName(type)} chunk (${plural(length, 'byte')})`, at, padded, type, children),
    );
    at += padded;
  }
  return out;
}

/** The 12-byte common header, then the chunks. */
export function dissectSctp(view: ByteView, offset: number, ctx: DissectContext): LayerResult {
  const sport = view.u16(offset);
  const dport = view.u16(offset + 2);
  const names: string[] = [];
  const children = [
    uint(view, 'sctp.srcport', 'Source port', offset, 2),
    uint(view, 'sctp.dstport', 'Destination port', offset + 2, 2),
    uint(view, 'sctp.verification_tag', 'Verification tag', offset + 4, 4, (v) => hex(v, 8)),
    uint(view, 'sctp.checksum', 'Checksum', offset + 8, 4, (v) => `${hex(v, 8)} [unverified]`),
    ...chunks(view, offset + 12, view.end, names),
  ];
  setPayloadOffset(ctx, offset + 12, true);
  setSummary(ctx, { protocol: 'SCTP', info: names.join(' ') || `${sport} → ${dport}` });
  const label = `Stream Control Transmission Protocol, Src Port: ${sport}, Dst Port: ${dport}`;
  return { field: field('sctp', label, offset, view.end - offset, undefined, children) };
}
