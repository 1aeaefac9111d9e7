// SPDX-License-Identifier: MIT
/** The dissector's public surface (re-exported by the engine's index). */
export { dissect } from './dissect.ts';
export { createTcpConversations } from './tcp-seq.ts';
export type {
  Dissection,
  DissectOptions,
  Field,
  FieldRange,
  PacketSummary,
  TcpConversations,
} from './types.ts';
