// SPDX-License-Identifier: MIT
/**
 * Share links: the program, selected packet, breakpoints, semantics and the tcpdump expression,
 * deflated into the URL hash (`#s=<base64url>`). The capture itself never goes into a link: it
 * never leaves the machine.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Semantics } from '../engine/index.ts';
import type { CheckMode } from '../worker/protocol.ts';
import type { LineBreakpoint } from './program-slice.ts';

/** What a share link carries. */
export interface SharedState {
  program: string;
  packet: number;
  breakpoints: LineBreakpoint[];
  semantics: Semantics;
  checkMode: CheckMode;
  vlanOffload: boolean;
  /** The expression bar's text and optimizer switch; absent when the bar is empty. */
  expression?: { text: string; optimize: boolean };
}

const VERSION = 1;
const PREFIX = '#s=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The hash (with `#`) that restores `state`. */
export function encodeSharedState(state: SharedState): string {
  const json = JSON.stringify({ v: VERSION, ...state });
  return PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** The state in a hash, or undefined when the hash is not a (valid) share link. */
export function decodeSharedState(hash: string): SharedState | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const data = JSON.parse(strFromU8(inflateSync(fromBase64Url(hash.slice(PREFIX.length))))) as Record<
      string,
      unknown
    >;
    if (data.v !== VERSION || typeof data.program !== 'string') return undefined;
    const breakpoints = Array.isArray(data.breakpoints)
      ? (data.breakpoints as unknown[]).flatMap((b) => {
          const bp = b as { line?: unknown; condition?: unknown };
          if (typeof bp.line !== 'number') return [];
          return [
            typeof bp.condition === 'string' ? { line: bp.line, condition: bp.condition } : { line: bp.line },
          ];
        })
      : [];
    const expression = data.expression as { text?: unknown; optimize?: unknown } | undefined;
    return {
      program: data.program,
      packet: typeof data.packet === 'number' && data.packet >= 0 ? Math.floor(data.packet) : 0,
      breakpoints,
      semantics: data.semantics === 'libpcap' ? 'libpcap' : 'linux',
      checkMode: data.checkMode === 'seccomp' ? 'seccomp' : 'socket',
      vlanOffload: data.vlanOffload === true,
      ...(typeof expression?.text === 'string' && expression.text !== ''
        ? { expression: { text: expression.text, optimize: expression.optimize !== false } }
        : {}),
    };
  } catch {
    return undefined;
  }
}
