// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asRegisterView, formatRegister, REGISTER_VIEWS, secondaryView } from './register-views.ts';

describe('register views', () => {
  it('show one value five ways', () => {
    expect(formatRegister(0x800, 'hex')).toBe('0x00000800');
    expect(formatRegister(0x800, 'dec')).toBe('2048');
    expect(formatRegister(0xffffffff, 'signed')).toBe('-1');
    expect(formatRegister(0xc000020a, 'ipv4')).toBe('192.0.2.10');
    expect(formatRegister(53, 'port')).toBe('53 dns');
    expect(formatRegister(53001, 'port')).toBe('53001');
    expect(formatRegister(0x10000, 'port')).toBe('— (over 16 bits)');
  });

  it('read back what they show', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (v) => {
        expect(Number(formatRegister(v, 'hex'))).toBe(v);
        expect(Number(formatRegister(v, 'dec'))).toBe(v);
        expect(Number(formatRegister(v, 'signed')) >>> 0).toBe(v);
        const quad = formatRegister(v, 'ipv4').split('.').map(Number);
        expect(((quad[0]! << 24) | (quad[1]! << 16) | (quad[2]! << 8) | quad[3]!) >>> 0).toBe(v);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('pair each view with a second one and parse stored names safely', () => {
    expect(secondaryView('hex')).toBe('dec');
    expect(secondaryView('ipv4')).toBe('hex');
    expect(asRegisterView('port')).toBe('port');
    expect(asRegisterView('bogus')).toBe('hex');
    expect(asRegisterView(null)).toBe('hex');
    expect(REGISTER_VIEWS.map((v) => v.id)).toEqual(['hex', 'dec', 'signed', 'ipv4', 'port']);
  });
});
