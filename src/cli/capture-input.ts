// SPDX-License-Identifier: MIT
/** Opening a capture file for the CLI: damaged files keep their packets and warn; unreadable ones fail. */
import { type Capture, type Diagnostic, openCapture } from '../engine/index.ts';
import { readInput, UserError } from './io.ts';

/** An opened capture and the warnings reading it produced. */
export interface LoadedCapture {
  capture: Capture;
  warnings: Diagnostic[];
}

/** Open CAPTURE (pcap or pcapng); exit 1 when nothing in it is readable. */
export function loadCapture(path: string): LoadedCapture {
  const { capture, diagnostics } = openCapture(readInput(path));
  if (!capture) throw new UserError(`${path}: not a readable pcap or pcapng capture`, diagnostics);
  return { capture, warnings: diagnostics };
}
