// SPDX-License-Identifier: MIT
/**
 * Journey: the packet context. Packet 2 of vlan-qinq.pcap carries an 802.1Q tag (VLAN 100,
 * priority 3). A filter that reads the tag from the frame matches the file but not a live Linux
 * socket, where the NIC strips the tag into metadata (VLAN offload); a filter that reads
 * `#vlan_tci` does the opposite. Overrides and the semantics switch re-run the trace at once.
 */
import type { Page } from '@playwright/test';
import { encodeSharedState } from '../src/state/url-state.ts';
import { expect, test } from './support/guard.ts';

const TAG_IN_FRAME = `; VLAN 100, by the tag in the frame bytes
        ldh [12]
        jneq #0x8100, drop
        ldh [14]
        and #0xfff
        jneq #100, drop
        ret #-1
drop:   ret #0
`;

const TAG_IN_METADATA = `; VLAN 100, by the tag Linux stripped into metadata
        ld #vlan_avail
        jeq #0, drop
        ld #vlan_tci
        and #0xfff
        jneq #100, drop
        ret #-1
drop:   ret #0
`;

/** Open `program` by link, then vlan-qinq.pcap from the samples, packet 2, run to the verdict. */
async function open(page: Page, program: string): Promise<void> {
  const link = encodeSharedState({
    program,
    packet: 0,
    breakpoints: [],
    semantics: 'linux',
    checkMode: 'socket',
    vlanOffload: false,
  });
  await page.goto(`./${link}`);
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of');
  await page.getByRole('combobox', { name: 'open a sample capture' }).selectOption('vlan-qinq.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('vlan-qinq.pcap');
  await page.getByRole('grid', { name: 'packets' }).getByRole('row').nth(2).click();
  await expect(page.locator('.machine-progress')).toContainText('packet 2');
  await page.keyboard.press('F5');
}

test('VLAN offload: a tag read from the frame matches the file, not the live socket', async ({ page }) => {
  await open(page, TAG_IN_FRAME);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('ACCEPT');
  const offload = page.getByRole('switch', { name: 'VLAN offload' });
  await expect(page.getByText('strip the outer 802.1Q tag into metadata, as Linux NICs do')).toBeVisible();
  await offload.check();
  // The tag is gone from the bytes: ldh [12] now reads the IPv4 EtherType.
  await expect(verdict).toContainText('DROP');
  await expect(page.getByTestId('step-explain')).toContainText('return 0');
  await expect(page.locator('.pc-digest')).toContainText('VLAN 100');
  await offload.uncheck();
  await expect(verdict).toContainText('ACCEPT');
});

test('metadata: #vlan_tci sees the offloaded tag, overrides apply at once, libpcap ignores it', async ({
  page,
}) => {
  await open(page, TAG_IN_METADATA);
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('DROP');
  await page.getByRole('switch', { name: 'VLAN offload' }).check();
  await expect(verdict).toContainText('ACCEPT');
  await expect(verdict).toContainText('returned 4294967295');

  await page.getByRole('button', { name: /Show metadata/ }).click();
  const tci = page.getByRole('textbox', { name: /VLAN TCI/ });
  await expect(tci).toHaveValue('0x6064');
  await expect(page.getByTestId('meta-vlanTci')).toContainText('VLAN 100, priority 3');
  await expect(page.getByTestId('meta-vlanTci')).toContainText('read');
  await tci.fill('0x0005');
  await tci.press('Enter');
  await expect(verdict).toContainText('DROP');
  await expect(page.getByTestId('meta-vlanTci')).toContainText('VLAN 5, priority 0');
  await expect(page.getByRole('button', { name: /Hide metadata \(1 changed\)/ })).toBeVisible();
  await tci.fill('0x10000');
  await tci.press('Enter');
  await expect(page.getByTestId('meta-vlanTci').getByRole('alert')).toHaveText('at most 65535 (0xffff)');
  await page.getByRole('button', { name: 'reset VLAN TCI' }).click();
  await expect(tci).toHaveValue('0x6064');
  await expect(verdict).toContainText('ACCEPT');

  await page.getByRole('combobox', { name: 'semantics' }).selectOption('libpcap');
  await expect(page.getByRole('note')).toContainText('libpcap semantics ignore this metadata');
  await expect(verdict).toContainText('DROP');
  await expect(verdict).toContainText('ended by a load past the captured bytes');
});
