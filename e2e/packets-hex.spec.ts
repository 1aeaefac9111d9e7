// SPDX-License-Identifier: MIT
/**
 * Journey: the hex view lights the bytes each load reads, outlines the next read, shows the bits
 * a mask looks at, and hover/click link bytes and dissection fields both ways.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/guard.ts';

const grid = (page: Page) => page.getByTestId('hex-grid');

async function offsets(page: Page, cls: string): Promise<number[]> {
  return grid(page)
    .locator(`.hx.${cls}`)
    .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.offset)));
}

const treeItem = (page: Page, name: RegExp): Locator =>
  page.getByRole('tree', { name: 'dissection tree' }).getByRole('treeitem', { name });

test('load steps light their bytes and the fields that hold them', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  await expect(page.getByTestId('hex-next')).toContainText('Next, ldh [12] reads bytes 12–13');
  expect(await offsets(page, 'm-next')).toEqual([12, 13]);
  expect(await offsets(page, 'm-read')).toEqual([]);

  // ldh [12]: the EtherType is read, its field expanded and marked.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('hex-read')).toContainText('ldh [12] read bytes 12–13 = 0x0800');
  await expect(page.getByTestId('hex-read')).toContainText('Type: IPv4 (0x0800)');
  expect(await offsets(page, 'm-read')).toEqual([12, 13]);
  expect(await offsets(page, 'm-next')).toEqual([]);
  const type = treeItem(page, /Type: IPv4/);
  await expect(type).toHaveClass(/read-hit/);
  await expect(treeItem(page, /^▾?\s*Ethernet II/)).toHaveAttribute('aria-expanded', 'true');

  // jneq tests A: the bytes A came from stay lit, as its origin.
  await page.keyboard.press('F10');
  expect(await offsets(page, 'm-origin')).toEqual([12, 13]);
  expect(await offsets(page, 'm-next')).toEqual([23]);
  await page.keyboard.press('F10');
  expect(await offsets(page, 'm-read')).toEqual([23]);
  await expect(treeItem(page, /Protocol: UDP/)).toHaveClass(/read-hit/);

  // On to ldh [20] and jset #0x1fff: the bits of the fragment offset are shown.
  await page.keyboard.press('F10');
  await page.keyboard.press('F10');
  expect(await offsets(page, 'm-read')).toEqual([20, 21]);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('hex-read')).toContainText('jset #0x1fff');
  expect(await offsets(page, 'm-origin')).toEqual([20, 21]);
  await expect(page.getByTestId('bit-strip')).toContainText('...0 0000');
  await expect(treeItem(page, /Fragment Offset/)).toHaveClass(/read-hit/);

  // ldxb 4*([14]&0xf) reads only the low nibble of byte 14.
  await page.keyboard.press('F10');
  expect(await offsets(page, 'm-read')).toEqual([14]);
  expect(await offsets(page, 'm-partial')).toEqual([14]);
  await expect(page.getByTestId('bit-strip')).toContainText('.... 0101');
  await expect(treeItem(page, /Header Length/)).toHaveClass(/read-hit/);
  await expect(treeItem(page, /Version: 4/)).not.toHaveClass(/read-hit/);
});

test('hover a byte to find its field; click a field to select its bytes', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  await expect(page.getByTestId('hex-next')).toContainText('ldh [12]'); // the trace is in
  await page.keyboard.press('F10'); // opens Ethernet II around the EtherType

  await grid(page).locator('[data-offset="13"]').first().hover();
  await expect(treeItem(page, /Type: IPv4/)).toHaveClass(/hovered/);
  expect(await offsets(page, 'm-hover')).toEqual([12, 13]);

  // A byte of a collapsed layer lights the layer's row.
  await grid(page).locator('[data-offset="27"]').first().hover();
  await expect(treeItem(page, /^▸?\s*Internet Protocol Version 4/)).toHaveClass(/hovered/);

  await treeItem(page, /^▸?\s*User Datagram Protocol/).click();
  expect(await offsets(page, 'm-selected')).toEqual([34, 35, 36, 37, 38, 39, 40, 41]);
  await expect(treeItem(page, /^▸?\s*User Datagram Protocol/)).toHaveAttribute('aria-selected', 'true');

  // Clicking a byte selects its innermost field, opening its parents.
  await grid(page).locator('[data-offset="36"]').first().click();
  await expect(treeItem(page, /Destination Port: 53/)).toHaveAttribute('aria-selected', 'true');
  expect(await offsets(page, 'm-selected')).toEqual([36, 37]);
});

test('a frame cut short by the snapshot length says how much was captured', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  await page.getByLabel('open a sample capture').selectOption('truncated-snaplen.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('truncated-snaplen.pcap');
  const bytes = page.getByRole('region', { name: 'packet bytes' });
  await expect(bytes).toContainText('75 bytes');
  await expect(page.getByTestId('hex-truncated')).toHaveCount(0);

  const list = page.getByRole('grid', { name: 'packets' });
  await list.getByRole('row').nth(2).click();
  await expect(page.getByTestId('hex-truncated')).toHaveText('captured 96 of 159 bytes');
  // Only the captured bytes are shown: the last one is at offset 95.
  await expect(grid(page).locator('.hx[data-offset="95"]')).toHaveCount(1);
  await expect(grid(page).locator('.hx[data-offset="96"]')).toHaveCount(0);
});
