// SPDX-License-Identifier: MIT
/**
 * UTF-8 for pcapng option strings. The engine's ES2022 library has no TextEncoder/TextDecoder, so
 * this small codec stands in; malformed input decodes to U+FFFD rather than failing.
 */

const REPLACEMENT = 0xfffd;

/**
 * Decode UTF-8 bytes the way the WHATWG Encoding Standard does: each maximal invalid subpart
 * becomes one U+FFFD, so results match a browser's TextDecoder.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const codes: number[] = [];
  let cp = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b <= 0x7f) codes.push(b);
      else if (b >= 0xc2 && b <= 0xdf) [needed, cp] = [1, b & 0x1f];
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        [needed, cp] = [2, b & 0x0f];
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        [needed, cp] = [3, b & 0x07];
      } else codes.push(REPLACEMENT);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one error; the byte starts afresh.
      [cp, needed, seen, lower, upper] = [0, 0, 0, 0x80, 0xbf];
      codes.push(REPLACEMENT);
      i--;
      continue;
    }
    [lower, upper] = [0x80, 0xbf];
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      codes.push(cp);
      [cp, needed, seen] = [0, 0, 0];
    }
  }
  if (needed !== 0) codes.push(REPLACEMENT);
  return fromCodePoints(codes);
}

/** Encode a string as UTF-8 (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = REPLACEMENT;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return Uint8Array.from(out);
}

/** Build a string from code points in chunks (spreading a huge array would overflow the stack). */
function fromCodePoints(codes: number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCodePoint(...codes.slice(i, i + 4096));
  return s;
}
