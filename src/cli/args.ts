// SPDX-License-Identifier: MIT
/** A small, strict argument parser: the CLI's usage errors exit 2 with a message, never a stack. */

/** Thrown for a usage error (unknown flag, missing value); `main` turns it into exit code 2. */
export class UsageError extends Error {}

/** Parsed command line: positional arguments and flags (`--flag` → true, `--opt value` → string). */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Describes a command's flags: which take a value, which are booleans. */
export interface FlagSpec {
  values?: readonly string[];
  booleans?: readonly string[];
  /** Single-letter aliases, e.g. `{ w: 'write' }` for `-w`. */
  aliases?: Readonly<Record<string, string>>;
}

/** Parse `argv` against a flag spec; unknown flags are a UsageError. */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const name = flagName(arg, spec);
    if (name === undefined) {
      positionals.push(arg);
    } else if (spec.booleans?.includes(name)) {
      flags.set(name, true);
    } else if (spec.values?.includes(name)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`option --${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { positionals, flags };
}

function flagName(arg: string, spec: FlagSpec): string | undefined {
  if (arg.startsWith('--') && arg.length > 2) return arg.slice(2);
  if (/^-[A-Za-z]$/.test(arg)) {
    const alias = spec.aliases?.[arg.slice(1)];
    if (!alias) throw new UsageError(`unknown option ${arg}`);
    return alias;
  }
  return undefined;
}

/** The value of a string flag, checked against the allowed choices. */
export function choice<T extends string>(
  args: ParsedArgs,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = args.flags.get(name);
  if (value === undefined) return fallback;
  if (value === true || !allowed.includes(value as T)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
