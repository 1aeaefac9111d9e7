// SPDX-License-Identifier: MIT
/**
 * The hover docs state opcodes; these tests hold them to the truth: every mnemonic the assembler
 * knows is documented, every form's example assembles to the opcode its doc claims (with our
 * assembler and, where bpfc's dialect has the form, with netsniff-ng's bpfc), and the extension
 * docs match the engine's SKF_AD_* table and spellings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MNEMONICS } from '../../engine/asm/forms.ts';
import { extensionSpellings } from '../../engine/asm/names.ts';
import { assemble, EXTENSION_OFFSETS, encode } from '../../engine/index.ts';
import { requireTool } from '../../testkit/reference-tools.ts';
import { MNEMONIC_DOCS, matchForm, mnemonicDoc } from './mnemonic-docs.ts';
import { EXTENSION_DOCS, extensionDoc, extensionK } from './operand-docs.ts';

/** Each form's example, followed by the labels jump examples target. */
const forms = MNEMONIC_DOCS.flatMap((doc) => doc.forms.map((form) => ({ doc, form })));
const withTargets = (example: string) => `${example}\nyes: ret #1\nno: ret #0\n`;

describe('mnemonic docs', () => {
  it('document exactly the mnemonics the assembler knows', () => {
    expect(MNEMONIC_DOCS.map((d) => d.mnemonic).sort()).toEqual([...MNEMONICS].sort());
  });

  it.each(forms.map(({ doc, form }) => [form.syntax, doc.mnemonic, form] as const))(
    '%s: its example assembles to the documented opcode',
    (_syntax, _mnemonic, form) => {
      const { program, diagnostics } = assemble(withTargets(form.example));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const insn = program?.insns[0];
      expect(insn).toBeDefined();
      const code = encode(insn!).code;
      // Raw forms write their opcode out: the example's first number.
      const expected = form.opcode ?? Number(/0x[0-9a-f]+/i.exec(form.example)?.[0]);
      expect(code).toBe(expected);
    },
  );

  it('pick the form a line uses from its operands', () => {
    const jeq = mnemonicDoc('JEQ')!;
    expect(matchForm(jeq, 'imm', 3)?.syntax).toBe('jeq #k, Lt, Lf');
    expect(matchForm(jeq, 'imm', 2)?.syntax).toBe('jeq #k, Lt');
    expect(matchForm(jeq, 'x', 2)?.opcode).toBe(0x1d);
    expect(matchForm(mnemonicDoc('ldh')!, 'abs', 1)).toMatchObject({
      opcode: 0x28,
      does: 'A = the 16-bit big-endian value at packet offset k',
    });
    expect(mnemonicDoc('nope')).toBeUndefined();
  });

  it('give every form a snippet that starts with its mnemonic', () => {
    for (const { doc, form } of forms) expect(form.snippet.startsWith(doc.mnemonic)).toBe(true);
  });
});

const bpfc = requireTool('bpfc', 'the Debian package netsniff-ng');

describe.skipIf(!bpfc)('mnemonic docs against bpfc', () => {
  const work = mkdtempSync(join(tmpdir(), 'bpflab-docs-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('every form bpfc can assemble gets the documented opcode from it too', () => {
    let compared = 0;
    for (const { form } of forms) {
      if (form.opcode === undefined) continue;
      const file = join(work, 'form.bpf');
      writeFileSync(file, withTargets(form.example));
      const result = spawnSync(bpfc!, ['-f', 'tcpdump', '-i', file], { encoding: 'utf8' });
      // bpfc's dialect lacks some forms (`jlt x, yes, no`, `ret`, `#rand`): it reports a syntax error.
      if (result.status !== 0 || /error/i.test(result.stdout + result.stderr)) continue;
      const code = Number(result.stdout.trim().split(/\s+/)[0]);
      expect(code, `${form.example} (bpfc)`).toBe(form.opcode);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('extension docs', () => {
  it('cover the engine’s SKF_AD_* table with the same offsets', () => {
    const documented = Object.fromEntries(EXTENSION_DOCS.map((d) => [d.name, d.offset]));
    expect(documented).toEqual(EXTENSION_OFFSETS);
  });

  it('know every spelling the assembler accepts', () => {
    for (const [name, spellings] of Object.entries(extensionSpellings())) {
      for (const spelling of spellings) expect(extensionDoc(spelling)?.name, spelling).toBe(name);
    }
  });

  it('state the k each extension loads', () => {
    expect(extensionK(extensionDoc('proto')!)).toBe(0xfffff000);
    expect(extensionK(extensionDoc('VLAN_TPID')!)).toBe(0xfffff03c);
  });
});
