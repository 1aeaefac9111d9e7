// SPDX-License-Identifier: MIT
/**
 * Converting pcapng timestamps (a 64-bit count of units, split into two 32-bit halves) to seconds
 * and nanoseconds. if_tsresol bit 7 clear means units of 10^-n s, set means 2^-n s (pcapng spec).
 * The common cases stay in exact double arithmetic; the rest fall back to BigInt.
 */

/** How one interface's timestamp units map to seconds. */
export interface TsScale {
  /** True for 2^-exp units, false for 10^-exp. */
  binary: boolean;
  exp: number;
  /** if_tsoffset: seconds added to every timestamp. */
  offsetSec: number;
}

/** Scratch result of a conversion (reused to avoid an object per packet). */
export interface TsOut {
  sec: number;
  nsec: number;
}

const TWO_32 = 2 ** 32;
const SAFE_HIGH = 2 ** 21; // hi * 2^32 + lo stays below 2^53

/** Largest exponents accepted: units finer than 10^-19 or 2^-63 s would not fit a u64 second. */
export const MAX_DECIMAL_EXP = 19;
/** Largest binary exponent accepted. */
export const MAX_BINARY_EXP = 63;

/** Decode an if_tsresol byte; undefined when the exponent is beyond what a 64-bit count can use. */
export function scaleFromTsresol(tsresol: number, offsetSec = 0): TsScale | undefined {
  const binary = (tsresol & 0x80) !== 0;
  const exp = tsresol & 0x7f;
  if (exp > (binary ? MAX_BINARY_EXP : MAX_DECIMAL_EXP)) return undefined;
  return { binary, exp, offsetSec };
}

/** Convert a timestamp `hi:lo` in the scale's units into `out`. */
export function convertTimestamp(hi: number, lo: number, scale: TsScale, out: TsOut): void {
  if (!scale.binary && scale.exp <= 9) convertDecimal(hi, lo, scale.exp, out);
  else if (scale.binary && scale.exp <= 32) convertBinary(hi, lo, scale.exp, out);
  else if (hi < SAFE_HIGH && (!scale.binary || scale.exp <= 23)) convertFast(hi * TWO_32 + lo, scale, out);
  else convertBig(hi, lo, scale, out);
  out.sec += scale.offsetSec;
}

/**
 * 10^-exp units with exp <= 9 (the usual µs and ns): long division of the 64-bit count by
 * 10^exp in 16-bit steps, so every intermediate stays an exact integer below 2^53.
 */
function convertDecimal(hi: number, lo: number, exp: number, out: TsOut): void {
  const d = DECIMAL[exp]!;
  const qh = Math.floor(hi / d);
  const x1 = (hi - qh * d) * 65536 + (lo >>> 16);
  const q1 = Math.floor(x1 / d);
  const x2 = (x1 - q1 * d) * 65536 + (lo & 0xffff);
  const q2 = Math.floor(x2 / d);
  out.sec = qh * TWO_32 + q1 * 65536 + q2;
  out.nsec = (x2 - q2 * d) * DECIMAL[9 - exp]!;
}

/**
 * 2^-exp units with exp <= 32: the seconds are a shift; for the fraction, 10^9 = 2^9 * 1953125 and
 * fraction * 1953125 stays below 2^53, so the nanoseconds are exact too.
 */
function convertBinary(hi: number, lo: number, exp: number, out: TsOut): void {
  const unit = 2 ** exp;
  const loSec = Math.floor(lo / unit);
  out.sec = hi * 2 ** (32 - exp) + loSec;
  const frac = lo - loSec * unit;
  out.nsec = exp >= 9 ? Math.floor((frac * 1953125) / 2 ** (exp - 9)) : Math.floor((frac * 1e9) / unit);
}

const DECIMAL = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/** Exact for counts below 2^53: every product and quotient here stays an integer below 2^53. */
function convertFast(units: number, scale: TsScale, out: TsOut): void {
  const perSec = scale.binary ? 2 ** scale.exp : 10 ** scale.exp;
  let sec = Math.floor(units / perSec);
  let rem = units - sec * perSec;
  // Guard against the quotient rounding across an integer.
  if (rem < 0) {
    sec -= 1;
    rem += perSec;
  } else if (rem >= perSec) {
    sec += 1;
    rem -= perSec;
  }
  out.sec = sec;
  if (scale.binary) out.nsec = Math.floor((rem * 1e9) / perSec);
  else if (scale.exp <= 9) out.nsec = rem * 10 ** (9 - scale.exp);
  else out.nsec = Math.floor(rem / 10 ** (scale.exp - 9));
}

/** The general case in BigInt (huge counts, or binary scales finer than 2^-23). */
function convertBig(hi: number, lo: number, scale: TsScale, out: TsOut): void {
  const units = (BigInt(hi) << 32n) | BigInt(lo);
  const perSec = scale.binary ? 1n << BigInt(scale.exp) : 10n ** BigInt(scale.exp);
  out.sec = Number(units / perSec);
  out.nsec = Number(((units % perSec) * 1_000_000_000n) / perSec);
}

/** The inverse: seconds and nanoseconds as a unit count for an if_tsresol byte, as [hi, lo]. */
export function unitsFromTimestamp(sec: number, nsec: number, tsresol: number): [number, number] {
  const binary = (tsresol & 0x80) !== 0;
  const exp = BigInt(tsresol & 0x7f);
  const perSec = binary ? 1n << exp : 10n ** exp;
  const s = BigInt(Math.max(0, Math.floor(sec)));
  const ns = BigInt(Math.max(0, Math.floor(nsec)));
  const units = (s * perSec + (ns * perSec) / 1_000_000_000n) & 0xffff_ffff_ffff_ffffn;
  return [Number(units >> 32n), Number(units & 0xffff_ffffn)];
}
