// SPDX-License-Identifier: MIT
/**
 * Finding the reference tools differential tests compare against (tcpdump, bpfc, tshark, gcc with
 * libpcap). Outside CI a missing tool skips its tests; in CI (`CI=true`) it fails them, so a green
 * CI run always means the comparison really ran.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where test-time builds (C harnesses) go; ignored by git. */
export const BUILD_DIR = join(REPO_ROOT, '.build');

/** True when running under CI, where a missing reference tool is a failure. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

const PATH_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/bin', '/usr/local/sbin'];

/** Absolute path of an executable on PATH (or in the sbin directories), or undefined. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...PATH_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Resolve a reference tool for a test suite. Returns the path, or undefined when the suite should
 * be skipped (never in CI: there it throws, so the suite fails with a message naming the tool).
 */
export function requireTool(name: string, install: string): string | undefined {
  const path = findTool(name);
  if (path) return path;
  if (IN_CI) throw new Error(`reference tool '${name}' is missing in CI: install ${install}`);
  return undefined;
}

/**
 * Compile a C harness from scripts/harness/NAME.c into .build/NAME (rebuilt when the source is
 * newer). Returns the binary path, or undefined (skip) when gcc or a library is missing outside CI.
 */
export function buildHarness(name: string, libs: string[] = []): string | undefined {
  const source = join(REPO_ROOT, 'scripts', 'harness', `${name}.c`);
  const binary = join(BUILD_DIR, name);
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) return binary;
  const gcc = requireTool('gcc', 'the Debian package gcc');
  if (!gcc) return undefined;
  mkdirSync(BUILD_DIR, { recursive: true });
  const result = spawnSync(gcc, ['-O2', '-Wall', '-o', binary, source, ...libs.map((l) => `-l${l}`)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const message = `building ${name}.c failed:\n${result.stderr}`;
    if (IN_CI) throw new Error(message);
    console.warn(message);
    return undefined;
  }
  return binary;
}

/** Run a tool and return its stdout as text (throws with stderr on a non-zero exit). */
export function runTool(path: string, args: string[], input?: string | Uint8Array): string {
  return execFileSync(path, args, {
    encoding: 'utf8',
    input,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
