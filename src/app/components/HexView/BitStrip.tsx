// SPDX-License-Identifier: MIT
/**
 * The bits a masked read looks at, byte by byte: `ldxb 4*([14]&0xf)` uses the low nibble of byte
 * 14, `jset #0x1fff` after `ldh [20]` the low 5 bits of byte 20 and all of byte 21.
 */
import { type ByteSpan, maskAt, maskedBitString } from './read-focus.ts';

interface BitStripProps {
  bytes: Uint8Array;
  span: ByteSpan;
}

/** One strip of 8 bit boxes per byte of the span that has a bit looked at. */
export function BitStrip({ bytes, span }: BitStripProps) {
  const rows = [];
  for (let at = Math.max(0, span.offset); at < Math.min(bytes.length, span.offset + span.length); at++) {
    const mask = maskAt(span, at);
    if (mask === 0) continue;
    const value = bytes[at] as number;
    rows.push(
      <li
        key={at}
        className="bit-byte"
        aria-label={`byte ${at}: bits looked at ${maskedBitString(value, mask)}`}
      >
        <span className="bit-where">byte {at}</span>
        <span className="bit-boxes" aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => {
            const bit = 7 - i;
            const used = (mask >> bit) & 1;
            return (
              <span key={bit} className={`bit${used ? ' bit-used' : ''}${bit === 4 ? ' bit-gap' : ''}`}>
                {(value >> bit) & 1}
              </span>
            );
          })}
        </span>
        <code className="bit-dots">{maskedBitString(value, mask)}</code>
      </li>,
    );
  }
  if (rows.length === 0) return null;
  return (
    <ul className="bit-strip" aria-label="bits looked at" data-testid="bit-strip">
      {rows}
    </ul>
  );
}
