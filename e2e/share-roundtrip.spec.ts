// SPDX-License-Identifier: MIT
/**
 * Journey: change the program, pick a packet, set a breakpoint, switch semantics, checker and
 * VLAN offload, type a tcpdump expression and turn its optimizer off; Share; open the link in a fresh browser context: everything comes back (the
 * capture is the default sample there, since captures never travel in links). And a link pasted
 * into an open page's address bar (a hash change, no reload) applies too.
 */
import type { Page } from '@playwright/test';
import { encodeSharedState } from '../src/state/url-state.ts';
import { expect, test } from './support/guard.ts';

const MARK = '; shared by the round-trip test';

/** Collect what the guard fixture collects for the first page, for a page of another context. */
function watch(page: Page, origin: string): { offsite: string[]; errors: string[] } {
  const seen = { offsite: [] as string[], errors: [] as string[] };
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
      seen.offsite.push(url);
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  return seen;
}

test('a share link restores program, packet, breakpoints, semantics, checker, VLAN offload and expression', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  const editor = page.getByTestId('editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 12');

  // The program: one more comment line at the top (Monaco renders only the lines in view).
  await editor.locator('.view-line').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(MARK);
  await page.keyboard.press('Enter');
  await expect(editor.locator('.view-lines')).toContainText(MARK);
  // A breakpoint on `ldh [x + 14]` (line 14), by F9 in the editor.
  await editor.locator('.view-line', { hasText: 'ldh [x + 14]' }).click();
  await page.keyboard.press('F9');
  await expect(page.locator('.bp-row[data-pc="8"] .has-breakpoint')).toBeVisible();
  // Packet 5 (a TCP SYN to port 53), libpcap semantics, the seccomp checker, VLAN offload on.
  await page.getByRole('grid', { name: 'packets' }).getByRole('row').nth(5).click();
  await expect(page.locator('.machine-progress')).toContainText('packet 5');
  await page.getByRole('combobox', { name: 'semantics' }).selectOption('libpcap');
  await page.getByRole('combobox', { name: 'Checker' }).selectOption('seccomp');
  await page.getByRole('switch', { name: 'VLAN offload' }).check();
  // The expression bar, unoptimized.
  await page.getByRole('textbox', { name: 'tcpdump expression' }).fill('tcp port 53');
  await page.getByRole('switch', { name: 'Optimize' }).uncheck();
  await expect(page.getByTestId('expression-meta')).toHaveText(/^EN10MB · \d+ instructions \(unoptimized\)$/);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toContainText('The capture is not in the link — it never leaves this machine');
  await expect(dialog.getByRole('status')).toContainText('Copied to the clipboard');
  const link = await dialog.getByRole('textbox').inputValue();
  expect(link).toMatch(/#s=[\w-]+$/);
  expect(link.startsWith(baseURL ?? '')).toBe(true);
  expect(await page.evaluate(() => location.href)).toBe(link);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A stranger opens the link: a new context, so no shared storage either.
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const fresh = await other.newPage();
  const seen = watch(fresh, new URL(link).origin);
  await fresh.goto(link);
  const freshEditor = fresh.getByTestId('editor');
  await expect(freshEditor).toHaveAttribute('data-ready', 'true');
  await expect(freshEditor.locator('.view-lines')).toContainText(MARK);
  await expect(fresh.getByRole('combobox', { name: 'semantics' })).toHaveValue('libpcap');
  await expect(fresh.getByRole('combobox', { name: 'Checker' })).toHaveValue('seccomp');
  await expect(fresh.getByRole('switch', { name: 'VLAN offload' })).toBeChecked();
  await expect(fresh.getByRole('textbox', { name: 'tcpdump expression' })).toHaveValue('tcp port 53');
  await expect(fresh.getByRole('switch', { name: 'Optimize' })).not.toBeChecked();
  await expect(fresh.getByTestId('expression-meta')).toHaveText(
    (await page.getByTestId('expression-meta').textContent()) ?? '',
  );
  await expect(fresh.locator('.machine-progress')).toContainText('packet 5');
  await expect(fresh.getByRole('grid', { name: 'packets' }).getByRole('row').nth(5)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(fresh.locator('.bp-row .has-breakpoint')).toHaveCount(1);
  await expect(fresh.locator('.bp-row[data-pc="8"] .has-breakpoint')).toBeVisible();
  // The restored breakpoint works: F5 stops at pc 8 of packet 5.
  await fresh.keyboard.press('F5');
  await expect(fresh.getByTestId('register-pc')).toHaveAttribute('data-value', '8');
  await other.close();
  expect(seen.offsite, 'requests that left the origin').toEqual([]);
  expect(seen.errors, 'errors logged by the page').toEqual([]);
});

test('a share link pasted into the address bar of an open page applies without a reload', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('combobox', { name: 'open a sample capture' }).selectOption('tcp-session.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('tcp-session.pcap');
  const link = encodeSharedState({
    program: '; pasted link\n        ld #len\n        ret a\n',
    packet: 3,
    breakpoints: [],
    semantics: 'libpcap',
    checkMode: 'socket',
    vlanOffload: false,
  });
  await page.evaluate(() => {
    (window as unknown as { beforeHash: boolean }).beforeHash = true;
  });
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, link);
  await expect(page.getByTestId('editor').locator('.view-lines')).toContainText('; pasted link');
  await expect(page.getByRole('combobox', { name: 'semantics' })).toHaveValue('libpcap');
  await expect(page.getByTestId('machine-progress')).toContainText('packet 4 · step 0 of 2');
  await expect(page.getByTestId('capture-info')).toContainText('tcp-session.pcap');
  // Same document: no reload happened.
  expect(await page.evaluate(() => (window as unknown as { beforeHash?: boolean }).beforeHash)).toBe(true);
});
