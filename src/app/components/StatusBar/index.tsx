// SPDX-License-Identifier: MIT
/** The status bar: engine state and program size. */
import type { WorkerHello } from '../../../worker/protocol.ts';

interface StatusBarProps {
  hello: WorkerHello | undefined;
  lines: number;
}

/** One line at the bottom of the page. */
export function StatusBar({ hello, lines }: StatusBarProps) {
  return (
    <footer className="status-bar">
      <span data-testid="engine-status">
        {hello
          ? `engine ${hello.engineVersion} ready${hello.webAssembly ? ' · WebAssembly' : ''}`
          : 'engine starting…'}
      </span>
      <span>{lines} lines</span>
      <span>nothing leaves this browser</span>
    </footer>
  );
}
