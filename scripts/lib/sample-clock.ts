// SPDX-License-Identifier: MIT
/** Fixed, deterministic timestamps for the samples: no wall clock, no randomness. */
import type { PacketToWrite } from '../../src/engine/capture/index.ts';

/** 2023-11-14T22:13:20Z, the moment every sample starts from. */
export const SAMPLE_EPOCH = 1_700_000_000;

/**
 * Timestamps for `frames`: `startSec` plus `stepNs` per packet, plus a few sub-microsecond
 * nanoseconds (so nanosecond files show digits a microsecond file cannot hold).
 */
export function stamp(
  frames: readonly Uint8Array[],
  startSec = SAMPLE_EPOCH,
  stepNs = 1_250_000,
): PacketToWrite[] {
  return frames.map((bytes, i) => {
    const ns = i * stepNs + ((i * 7919) % 1000);
    return { bytes, tsSec: startSec + Math.floor(ns / 1e9), tsNsec: ns % 1e9 };
  });
}

/** Truncate each packet to `snaplen`, keeping its wire length (what a small snaplen captures). */
export function truncate(packets: readonly PacketToWrite[], snaplen: number): PacketToWrite[] {
  return packets.map((p) => ({ ...p, bytes: p.bytes.subarray(0, snaplen), wireLength: p.bytes.length }));
}
