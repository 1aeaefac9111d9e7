// SPDX-License-Identifier: MIT
/** The ways a 32-bit register value can be read: hex, decimal, signed, IPv4 dotted, port. */
import { ipv4 } from '../../format.ts';

/** A view of a register value. */
export type RegisterView = 'hex' | 'dec' | 'signed' | 'ipv4' | 'port';

/** The views, in toggle order, with a tooltip saying when each one makes sense. */
export const REGISTER_VIEWS: readonly { id: RegisterView; label: string; name: string; title: string }[] = [
  {
    id: 'hex',
    label: 'hex',
    name: 'hex',
    title: 'hexadecimal: EtherTypes, flags and masks read best this way',
  },
  { id: 'dec', label: 'dec', name: 'decimal', title: 'unsigned decimal: lengths, offsets, counts' },
  {
    id: 'signed',
    label: '±',
    name: 'signed',
    title: 'signed 32-bit: what `ret #-1` and negative offsets mean',
  },
  {
    id: 'ipv4',
    label: 'IPv4',
    name: 'IPv4',
    title: 'dotted quad: after `ld [26]` or `ld [30]` A holds an IPv4 address',
  },
  { id: 'port', label: 'port', name: 'port', title: 'a 16-bit port number, named when well known' },
];

const PORTS: Record<number, string> = {
  20: 'ftp-data',
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'dns',
  67: 'dhcp server',
  68: 'dhcp client',
  80: 'http',
  123: 'ntp',
  161: 'snmp',
  443: 'https',
  514: 'syslog',
  853: 'dns over tls',
  4789: 'vxlan',
  8080: 'http-alt',
};

/** `value` (a u32) in `view`. */
export function formatRegister(value: number, view: RegisterView): string {
  const v = value >>> 0;
  switch (view) {
    case 'hex':
      return `0x${v.toString(16).padStart(8, '0')}`;
    case 'dec':
      return String(v);
    case 'signed':
      return String(v | 0);
    case 'ipv4':
      return ipv4(v);
    case 'port':
      return v > 0xffff ? '— (over 16 bits)' : `${v}${PORTS[v] ? ` ${PORTS[v]}` : ''}`;
  }
}

/** The second value shown under the chosen one: decimal under hex, hex under everything else. */
export function secondaryView(view: RegisterView): RegisterView {
  return view === 'hex' ? 'dec' : 'hex';
}

/** Parse a stored view name (anything unknown falls back to hex). */
export function asRegisterView(text: string | null | undefined): RegisterView {
  return REGISTER_VIEWS.some((v) => v.id === text) ? (text as RegisterView) : 'hex';
}
