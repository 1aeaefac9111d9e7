// SPDX-License-Identifier: MIT
/**
 * Journey: a damaged capture says where it breaks and keeps the packets before the damage; a file
 * that is no capture at all says why, and the capture open before it stays open.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/guard.ts';

test('a truncated capture keeps the packets before the damage and says so', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open capture…' }).click();
  await (await chooser).setFiles('samples/captures/damaged-truncated.pcap');

  const error = page.getByTestId('capture-error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('damaged-truncated.pcap is damaged at byte 616');
  await expect(error).toContainText('the file ends inside packet 7');
  await expect(error).toContainText('Kept the 6 packets before it.');
  await expect(page.getByTestId('capture-info')).toContainText('damaged-truncated.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('6 packets');
  await expect(page.getByRole('grid', { name: 'packets' })).toHaveAttribute('aria-rowcount', '7');
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toHaveCount(0);
});

// Generated files live in a private temporary folder, out of reach of another run's clean-up.
let folder: string | undefined;
const tempFile = (name: string) => {
  folder ??= mkdtempSync(join(tmpdir(), 'bpflab-e2e-'));
  return join(folder, name);
};
test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a file of garbage bytes is refused and the previous capture stays open', async ({ page }) => {
  const garbage = tempFile('garbage.pcap');
  writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)));
  await page.goto('./');
  const list = page.getByRole('grid', { name: 'packets' });
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  const before = await list.getAttribute('aria-rowcount');
  await list.getByRole('row').nth(3).click();
  await expect(list.getByRole('row').nth(3)).toHaveAttribute('aria-selected', 'true');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open capture…' }).click();
  await (await chooser).setFiles(garbage);

  const error = page.getByTestId('capture-error');
  await expect(error).toContainText('Could not open garbage.pcap at byte 0');
  await expect(error).toContainText('neither a pcap magic');
  await expect(error).toContainText('Nothing in it was readable; dns.pcap stays open.');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  await expect(list).toHaveAttribute('aria-rowcount', before ?? '');
  await expect(list.getByRole('row').nth(3)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'packet bytes' })).toContainText('packet 3');
});
