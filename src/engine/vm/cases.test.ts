// SPDX-License-Identifier: MIT
/**
 * Sectioned fixture runner (after uBPF's tests/*.data): each `testdata/*.case` file holds a
 * program and a packet and what each semantics must make of it.
 *
 *   # comment lines (before the first section)
 *   -- asm                  bpf_asm / `tcpdump -d` text   (or)   -- ddd   `tcpdump -ddd` numbers
 *   -- packet               hex bytes (whitespace ignored)
 *   -- wirelen              optional wire length (default: the captured length)
 *   -- meta                 optional PacketMeta as JSON
 *   -- semantics            optional: which semantics to run (default: linux libpcap)
 *   -- result [SEMANTICS]   the verdict (for one semantics, or for all without the argument)
 *   -- end [SEMANTICS]      optional: how the run ends (default: ret)
 *   -- path [SEMANTICS]     optional: the pcs executed, in order
 *   -- max-steps            optional step limit
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDdd } from '../../testkit/ddd.ts';
import { decode } from '../isa/codec.ts';
import type { Insn } from '../isa/insn.ts';
import { asm, exec, hex } from './test-helpers.ts';
import type { PacketContext, Semantics } from './types.ts';

const DIR = join(import.meta.dirname, 'testdata');

type Sections = Map<string, string>;

function parseCase(text: string): Sections {
  const sections: Sections = new Map();
  let name: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (name !== undefined) sections.set(name, body.join('\n').trim());
  };
  for (const line of text.split('\n')) {
    const header = /^-- (.+?)\s*$/.exec(line);
    if (header) {
      flush();
      name = header[1]!.replace(/\s+/g, ' ');
      body = [];
    } else if (name !== undefined) body.push(line);
  }
  flush();
  return sections;
}

function program(sections: Sections): Insn[] {
  const text = sections.get('asm');
  if (text !== undefined) return asm(text);
  const ddd = sections.get('ddd');
  if (ddd === undefined) throw new Error('a case needs an `-- asm` or `-- ddd` section');
  return parseDdd(ddd).map(decode);
}

function packetOf(sections: Sections): PacketContext {
  const bytes = hex(sections.get('packet') ?? '');
  const wire = sections.get('wirelen');
  const pkt: PacketContext = { bytes, wireLength: wire === undefined ? bytes.length : Number(wire) };
  const meta = sections.get('meta');
  if (meta !== undefined) pkt.meta = JSON.parse(meta);
  return pkt;
}

/** The section for one semantics: `name semantics` first, then plain `name`. */
function forSemantics(sections: Sections, name: string, semantics: Semantics): string | undefined {
  return sections.get(`${name} ${semantics}`) ?? sections.get(name);
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.case'))
  .sort();

describe('testdata/*.case', () => {
  it('has cases', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const sections = parseCase(readFileSync(join(DIR, file), 'utf8'));
    const semantics = (sections.get('semantics')?.split(/\s+/) ?? ['linux', 'libpcap']) as Semantics[];
    for (const sem of semantics) {
      const result = forSemantics(sections, 'result', sem);
      if (result === undefined) continue;
      it(`${file} (${sem})`, () => {
        const maxSteps = sections.get('max-steps');
        const options = maxSteps === undefined ? {} : { maxSteps: Number(maxSteps) };
        const run = exec(program(sections), packetOf(sections), sem, options);
        expect(run.verdict).toBe(Number(result));
        expect(run.end).toBe(forSemantics(sections, 'end', sem) ?? 'ret');
        const path = forSemantics(sections, 'path', sem);
        if (path !== undefined) expect(run.steps.map((s) => s.pc)).toEqual(path.split(/\s+/).map(Number));
      });
    }
  }
});
