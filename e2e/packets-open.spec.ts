// SPDX-License-Identifier: MIT
/**
 * Journey: open captures three ways — the file chooser, drag-and-drop onto the page, the samples
 * menu — and see each one's packets listed with its name, format, link type and count.
 */
import { readFileSync } from 'node:fs';
import { openCapture } from '../src/engine/index.ts';
import { expect, test } from './support/guard.ts';

/** What the engine reads from a sample: packet count and the first packet's summary line. */
function sampleFacts(name: string) {
  const { capture } = openCapture(new Uint8Array(readFileSync(`samples/captures/${name}`)));
  if (!capture) throw new Error(`${name} did not open`);
  return { count: capture.packetCount };
}

test('upload a capture through the file chooser and see its packets', async ({ page }) => {
  const { count } = sampleFacts('tcp-session.pcap');
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open capture…' }).click();
  await (await chooser).setFiles('samples/captures/tcp-session.pcap');

  await expect(page.getByTestId('capture-info')).toContainText(`tcp-session.pcap`);
  await expect(page.getByTestId('capture-info')).toContainText(`pcap · EN10MB · ${count} packets`);
  const list = page.getByRole('grid', { name: 'packets' });
  await expect(list).toHaveAttribute('aria-rowcount', String(count + 1));
  const rows = list.getByRole('row');
  await expect(rows.nth(1)).toContainText('[SYN]');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('row').filter({ hasText: '[PSH, ACK]' }).first()).toBeVisible();

  // Arrow keys move the selection, and the hex view follows the selected packet.
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(2)).toContainText('[SYN, ACK]');
  await expect(page.getByRole('region', { name: 'packet bytes' })).toContainText('packet 2');
  // End reaches the last packet, the connection's final ACK, scrolled into view.
  await page.keyboard.press('End');
  const lastRow = list.getByRole('row', { selected: true });
  await expect(lastRow.getByRole('gridcell').first()).toHaveText(String(count));
  await expect(lastRow).toBeInViewport();
  await expect(page.getByRole('region', { name: 'packet bytes' })).toContainText(`packet ${count}`);
});

test('drop a capture anywhere on the page, or pick a sample', async ({ page }) => {
  const arp = sampleFacts('arp.pcap');
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');

  const bytes = [...readFileSync('samples/captures/arp.pcap')];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'arp.pcap', { type: 'application/vnd.tcpdump.pcap' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop a capture to open it');
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(page.getByTestId('capture-info')).toContainText(`arp.pcap`);
  await expect(page.getByTestId('capture-info')).toContainText(`${arp.count} packets`);
  await expect(page.getByRole('grid', { name: 'packets' }).getByRole('row').nth(1)).toContainText('ARP');

  const icmp = sampleFacts('icmp.pcap');
  await page.getByLabel('open a sample capture').selectOption('icmp.pcap');
  await expect(page.getByTestId('capture-info')).toContainText(`icmp.pcap`);
  await expect(page.getByRole('grid', { name: 'packets' })).toHaveAttribute(
    'aria-rowcount',
    String(icmp.count + 1),
  );
  await expect(page.getByRole('grid', { name: 'packets' }).getByRole('row').nth(1)).toContainText('ICMP');
});
