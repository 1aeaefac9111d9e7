// SPDX-License-Identifier: MIT
/**
 * Journey: open a program file in another format (it becomes bpf_asm), then export it: a Copy
 * button per format puts the exact text on the clipboard, and the raw records download as a .bin.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/guard.ts';

/** An ARP filter as bpf_asm prints it by default (the xt_bpf line). */
const XT_BPF = '4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,\n';

test('open a program file, then export it in every format', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open program file…' }).click();
  await (await chooser).setFiles({ name: 'arp.txt', mimeType: 'text/plain', buffer: Buffer.from(XT_BPF) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
    'Imported an xt_bpf (bpf_asm default) program (4 instructions) from arp.txt as bpf_asm',
  );
  await expect(page.getByTestId('editor').locator('.view-lines')).toContainText('jneq #0x806');
  await expect(page.getByTestId('program-status')).toHaveText(/^4 instructions · accepted/);

  await page.getByRole('button', { name: 'Export ▾' }).click();
  const panel = page.getByRole('dialog', { name: 'Export the program' });
  await panel.getByRole('button', { name: 'Copy as tcpdump -ddd' }).click();
  await expect(panel.getByRole('button', { name: 'Copy as tcpdump -ddd' })).toHaveText('Copied ✓');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    '4\n40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0\n',
  );
  await panel.getByRole('button', { name: 'Copy as xt_bpf' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(XT_BPF);
  await expect(panel.getByRole('textbox', { name: 'xt_bpf text' })).toHaveValue(XT_BPF);

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download .bin' }).click();
  const file = await (await download).path();
  // ldh [12] as a little-endian struct sock_filter: code 0x0028, jt 0, jf 0, k 12.
  expect([...readFileSync(file)].slice(0, 8)).toEqual([0x28, 0, 0, 0, 12, 0, 0, 0]);
  expect(readFileSync(file).length).toBe(32);

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('a file that is no program says why and keeps the program', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('program-status')).toHaveText(/accepted/);
  const before = await page.getByTestId('program-status').textContent();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open program file…' }).click();
  await (await chooser).setFiles({
    name: 'bad.ddd',
    mimeType: 'text/plain',
    buffer: Buffer.from('3\n40 0 0 12\n6 0 0 0\n'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Could not import' })).toContainText(
    'Could not import a tcpdump -ddd program from bad.ddd: ASM1103',
  );
  await expect(page.getByTestId('program-status')).toHaveText(before ?? '');
});

test('the samples menu replaces the program and clears its breakpoints', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('program-status')).toHaveText(/accepted/);
  await page.getByTestId('editor').locator('.view-line', { hasText: 'ldh [12]' }).click();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('editor').locator('.bpf-bp')).toHaveCount(1);

  await page.getByRole('combobox', { name: 'Sample programs' }).selectOption('arp.bpf');
  await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toHaveText(
    'Opened the sample arp.bpf',
  );
  await expect(page.getByTestId('editor').locator('.view-lines')).toContainText('0x806');
  await expect(page.getByTestId('editor').locator('.bpf-bp')).toHaveCount(0);
  // One undo brings the previous program back.
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByTestId('editor').locator('.view-lines')).toContainText('port 53');
});
