// SPDX-License-Identifier: MIT
/**
 * Journey: paste real `tcpdump -dd 'ip and udp port 53'` output into the editor; it turns into
 * readable bpf_asm with labels, the note says what happened, and Ctrl+Z brings the paste back.
 */
import type { Page } from '@playwright/test';
import { pasteProgram } from './support/editor.ts';
import { expect, test } from './support/guard.ts';

/** `tcpdump -dd -y EN10MB 'ip and udp port 53'` as printed by tcpdump 4.99.3 / libpcap 1.10.3. */
const TCPDUMP_DD = `{ 0x28, 0, 0, 0x0000000c },
{ 0x15, 0, 10, 0x00000800 },
{ 0x30, 0, 0, 0x00000017 },
{ 0x15, 0, 8, 0x00000011 },
{ 0x28, 0, 0, 0x00000014 },
{ 0x45, 6, 0, 0x00001fff },
{ 0xb1, 0, 0, 0x0000000e },
{ 0x48, 0, 0, 0x0000000e },
{ 0x15, 2, 0, 0x00000035 },
{ 0x48, 0, 0, 0x00000010 },
{ 0x15, 0, 1, 0x00000035 },
{ 0x6, 0, 0, 0x00040000 },
{ 0x6, 0, 0, 0x00000000 },
`;

/** The editor's visible text, one string per line (Monaco renders spaces as no-break spaces). */
async function editorLines(page: Page): Promise<string[]> {
  const lines = page.getByTestId('editor').locator('.view-lines .view-line');
  const texts = await lines.evaluateAll((els) =>
    els
      .map((el) => ({ top: Number.parseFloat((el as HTMLElement).style.top), text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' ').trimEnd()),
  );
  return texts;
}

test('a pasted tcpdump -dd program becomes bpf_asm with labels', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('capture-status')).toContainText('dns.pcap');

  await pasteProgram(page, TCPDUMP_DD);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported a tcpdump -dd program (13 instructions) as bpf_asm',
  );
  await expect
    .poll(() => editorLines(page))
    .toEqual([
      '     ldh [12]',
      '     jneq #0x800, L12',
      '     ldb [23]',
      '     jneq #0x11, L12',
      '     ldh [20]',
      '     jset #0x1fff, L12',
      '     ldxb 4*([14]&0xf)',
      '     ldh [x + 14]',
      '     jeq #0x35, L11',
      '     ldh [x + 16]',
      '     jneq #0x35, L12',
      'L11: ret #262144',
      'L12: ret #0',
      '',
    ]);
  // The imported program is the one that runs: 13 instructions, accepted by the checker.
  await expect(page.getByTestId('program-status')).toHaveText(/^13 instructions · accepted/);
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('none');

  // One undo brings back exactly what was pasted.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect
    .poll(async () => (await editorLines(page)).slice(0, 2))
    .toEqual(['{ 0x28, 0, 0, 0x0000000c },', '{ 0x15, 0, 10, 0x00000800 },']);

  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveCount(0);
});

test('a lone number pasted into an operand stays a number', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await pasteProgram(page, 'ret #');
  await page.evaluate(() => navigator.clipboard.writeText('17'));
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorLines(page)).toEqual(['ret #17']);
  await expect(page.getByTestId('program-status')).toHaveText(/^1 instructions? · accepted/);
});
