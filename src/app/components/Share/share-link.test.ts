// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../state/store.ts';
import { decodeSharedState } from '../../../state/url-state.ts';
import { sharedStateOf, shareUrl } from './share-link.ts';

const state = {
  programText: 'ld #len\nlsh x\nret a\n',
  selectedPacket: 4,
  breakpoints: [{ line: 2 }, { line: 3, condition: 'A == 0x800' }],
  semantics: 'libpcap',
  checkMode: 'socket',
  vlanOffload: true,
  expression: '',
  expressionOptimize: true,
  capture: { name: 'secret.pcap' },
} as unknown as AppState;

describe('share links', () => {
  it('carry program, packet, breakpoints, semantics, check mode and VLAN offload — nothing else', () => {
    expect(Object.keys(sharedStateOf(state)).sort()).toEqual(
      ['breakpoints', 'checkMode', 'packet', 'program', 'semantics', 'vlanOffload'].sort(),
    );
  });

  it('carry the expression bar and its optimizer switch when the bar has an expression', () => {
    const withExpression = { ...state, expression: 'udp port 53', expressionOptimize: false } as AppState;
    expect(sharedStateOf(withExpression).expression).toEqual({ text: 'udp port 53', optimize: false });
    expect(sharedStateOf({ ...state, expression: '   ' } as AppState).expression).toBeUndefined();
  });

  it('replace the hash of the page address and decode back to the same state', () => {
    const url = new URL(shareUrl('http://127.0.0.1:4173/bpflab/?x=1#old', state));
    expect(url.pathname).toBe('/bpflab/');
    expect(url.search).toBe('?x=1');
    expect(url.hash.startsWith('#s=')).toBe(true);
    expect(decodeSharedState(url.hash)).toEqual(sharedStateOf(state));
    expect(url.toString()).not.toContain('secret');
  });
});
