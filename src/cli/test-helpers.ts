// SPDX-License-Identifier: MIT
/** Shared by the CLI's tests: run a command in-process and capture what it writes. */
import { vi } from 'vitest';
import { main } from './main.ts';

/** What one in-process run of the CLI returned and wrote. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `bpflab ...args` in this process, capturing stdout and stderr. */
export async function bpflab(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
