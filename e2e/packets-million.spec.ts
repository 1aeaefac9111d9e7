// SPDX-License-Identifier: MIT
/**
 * Journey: a capture of 1,000,000 packets opens with progress, lists from the first to the last
 * packet (past the browser's maximum element height: the list scales its scroll range), and runs
 * all packets. The capture is generated here with the engine's own pcap writer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../src/engine/index.ts';
import { expect, test } from './support/guard.ts';

const COUNT = 1_000_000;

/** An Ethernet + IPv4 + UDP frame whose UDP destination port is 53 for every third packet. */
function frame(i: number): Uint8Array {
  const f = new Uint8Array(42);
  f.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00]);
  f.set([0x45, 0, 0, 28, 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 1, 198, 51, 100, 2], 14);
  const port = i % 3 === 0 ? 53 : 1024 + (i % 50000);
  f.set([0x13, 0x88, port >> 8, port & 0xff, 0, 8, 0, 0], 34);
  return f;
}

// The 58 MB file lives in a private temporary folder: the browser reads it lazily while the test
// runs, so it must not sit where another test run may clean up (test-results/).
let folder: string | undefined;
const tempFile = (name: string) => {
  folder ??= mkdtempSync(join(tmpdir(), 'bpflab-e2e-'));
  return join(folder, name);
};
test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a million packets: open, scroll to the last one, run all', async ({ page }) => {
  test.setTimeout(240_000);
  const frames = [frame(0), frame(1), frame(2)];
  const path = tempFile('million.pcap');
  writeFileSync(
    path,
    writePcap(
      Array.from({ length: COUNT }, (_, i) => ({
        bytes: frames[i % 3] as Uint8Array,
        tsSec: 1_700_000_000 + Math.floor(i / 1000),
        tsNsec: (i % 1000) * 1_000_000,
      })),
      { linkType: 1 },
    ),
  );

  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open capture…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('capture-info')).toContainText('1,000,000 packets', { timeout: 60_000 });

  const list = page.getByRole('grid', { name: 'packets' });
  await expect(list).toHaveAttribute('aria-rowcount', String(COUNT + 1));
  // The scroll area stays under every browser's element-height limit.
  const spacer = await list.locator('.pl-spacer').evaluate((el) => el.getBoundingClientRect().height);
  expect(spacer).toBeLessThanOrEqual(8_000_000);

  // Dragging the scroll position to the very end shows the last packet.
  await list.locator('.pl-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = list
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: '1000000', exact: true }) });
  await expect(last).toBeVisible();
  await expect(last).toContainText('999.999000');
  // ... and halfway shows the middle of the capture.
  await list.locator('.pl-scroll').evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  const firstShown = list.getByRole('row').nth(1).getByRole('gridcell').first();
  await expect
    .poll(async () => Math.abs(Number(await firstShown.textContent()) - COUNT / 2))
    .toBeLessThan(100);

  // Keyboard: End selects the last packet and keeps it in view; Home goes back.
  await list.focus();
  await page.keyboard.press('End');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  await expect(page.getByRole('region', { name: 'packet bytes' })).toContainText('packet 1,000,000');
  await page.keyboard.press('Home');
  await expect(list.getByRole('row').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('row').nth(1).getByRole('gridcell').first()).toHaveText('1');

  // Run all: the default program keeps the port-53 packets, a third of them.
  await page.getByRole('button', { name: 'Run all packets' }).click();
  const accepted = Math.ceil(COUNT / 3);
  await expect(page.getByTestId('run-all-counts')).toHaveText(
    `${accepted.toLocaleString('en')} accepted · ${(COUNT - accepted).toLocaleString('en')} dropped`,
    { timeout: 120_000 },
  );
  await page.getByRole('radio', { name: /Accepted/ }).check({ force: true });
  await expect(list).toHaveAttribute('aria-rowcount', String(accepted + 1));
  await list.locator('.pl-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  // Packets 1, 4, 7, … are kept: the last row is packet 1,000,000 (index 999,999).
  await expect(list.getByRole('gridcell', { name: '1000000', exact: true })).toBeVisible();
  await expect(list.getByRole('gridcell', { name: '999997', exact: true })).toBeVisible();
});
