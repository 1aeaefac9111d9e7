// SPDX-License-Identifier: MIT
/**
 * Journey: use every feature once — stepping, the branch path, register views, semantics, packet
 * context, share, samples, capture upload, run all, export, theme, help — and then check
 * explicitly that not one request left the page's origin (the guard fixture checks it too).
 */
import { expect, test } from './support/guard.ts';

test('nothing leaves the origin while every feature is used', async ({ page, context, offsite, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 12');

  // Stepping: keys and buttons.
  for (const key of ['F10', 'F11', 'F10', 'Shift+F11', 'F5', 'Control+Shift+F5'])
    await page.keyboard.press(key);
  await page.getByRole('button', { name: 'Step ▸' }).click();
  await page.getByRole('button', { name: 'Run ▸▸' }).click();
  await expect(page.getByTestId('verdict')).toContainText('ACCEPT');

  // Branch path: hover, click; register views.
  const listing = page.getByRole('listbox', { name: 'program listing with jump arcs' });
  await listing.locator('[data-pc="3"]').hover();
  await expect(page.getByRole('tooltip')).toContainText('A=0x11 == 0x11? true → pc 5');
  await listing.locator('[data-pc="7"]').click();
  for (const view of ['decimal', 'signed', 'IPv4', 'port', 'hex']) {
    await page.getByRole('radio', { name: view, exact: true }).check();
  }
  await expect(page.getByTestId('register-a')).toContainText('0x00000000');
  await expect(page.getByTestId('register-pc')).toHaveAttribute('data-value', '7');

  // Semantics and packet context.
  const semantics = page.getByRole('combobox', { name: 'semantics' });
  await semantics.selectOption('libpcap');
  await semantics.selectOption('linux');
  await page.getByRole('switch', { name: 'VLAN offload' }).check();
  await page.getByRole('button', { name: /Show metadata/ }).click();
  const mark = page.getByRole('textbox', { name: /^mark/ });
  await mark.fill('0x2a');
  await mark.press('Enter');
  await page.getByRole('button', { name: 'reset mark' }).click();
  await page.getByRole('switch', { name: 'VLAN offload' }).uncheck();

  // Share.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('never leaves this machine');
  await page.keyboard.press('Escape');

  // Samples, upload, packets, run all.
  await page.getByRole('combobox', { name: 'Sample programs' }).selectOption({ index: 1 });
  await page.getByRole('combobox', { name: 'open a sample capture' }).selectOption('tcp-session.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('tcp-session.pcap');
  await page.getByLabel('capture file').setInputFiles('samples/captures/icmp.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('icmp.pcap');
  await page.getByRole('grid', { name: 'packets' }).getByRole('row').nth(2).click();
  await page.getByRole('button', { name: 'Run all packets' }).click();
  await expect(page.getByTestId('run-all-counts')).toBeVisible();

  // Export, theme, help.
  await page.getByRole('button', { name: /Export/ }).click();
  await expect(page.getByRole('dialog', { name: 'Export the program' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /theme/ }).click();
  await page.getByRole('button', { name: 'Help' }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Explicitly: no request, and no resource the page loaded, came from anywhere else.
  const origin = new URL(baseURL ?? '').origin;
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(resources.length).toBeGreaterThan(3);
  expect(resources.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url))).toEqual([]);
  expect(offsite).toEqual([]);
});
