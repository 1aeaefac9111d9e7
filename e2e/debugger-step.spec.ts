// SPDX-License-Identifier: MIT
/**
 * Journey: open the site (default program on dns.pcap), step the first packet to its verdict
 * checking A, X, pc and the bytes each load lights, then step back and restart. Expectations come
 * from the sample's bytes, read here straight from the pcap file.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/guard.ts';

/** Packet `n` (0-based) of a little-endian classic pcap file. */
function pcapPacket(path: string, n: number): Uint8Array {
  const file = readFileSync(path);
  let at = 24;
  for (let i = 0; i < n; i++) at += 16 + file.readUInt32LE(at + 8);
  return new Uint8Array(file.subarray(at + 16, at + 16 + file.readUInt32LE(at + 8)));
}

interface Expect {
  pc: number | undefined;
  a: number;
  x: number;
  /** Bytes the step just executed read (lit in the hex view). */
  lit?: number[];
  explain: RegExp;
}

async function litOffsets(page: Page, cls: string): Promise<number[]> {
  return page
    .getByTestId('hex-grid')
    .locator(`.hx.${cls}`)
    .evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset.offset)));
}

async function expectMachine(page: Page, want: Expect): Promise<void> {
  await expect(page.getByTestId('register-a')).toHaveAttribute('data-value', String(want.a));
  await expect(page.getByTestId('register-x')).toHaveAttribute('data-value', String(want.x));
  await expect(page.getByTestId('register-pc')).toHaveAttribute('data-value', String(want.pc ?? ''));
  await expect(page.getByTestId('step-explain')).toContainText(want.explain);
  if (want.pc !== undefined)
    await expect(page.locator('.bp-row[data-state="current"]')).toHaveAttribute('data-pc', String(want.pc));
  if (want.lit) expect(await litOffsets(page, 'm-read')).toEqual(want.lit);
}

test('step the default sample to the verdict, then back', async ({ page }) => {
  const bytes = pcapPacket('samples/captures/dns.pcap', 0);
  const u16 = (o: number) => ((bytes[o] as number) << 8) | (bytes[o + 1] as number);
  const ihl = 4 * ((bytes[14] as number) & 0xf);
  // The facts the program's path depends on: IPv4, UDP, not a fragment, source 53001, destination 53.
  expect([u16(12), bytes[23], u16(20) & 0x1fff, ihl]).toEqual([0x800, 17, 0, 20]);
  expect([u16(14 + ihl), u16(16 + ihl)]).toEqual([53001, 53]);

  const steps: Expect[] = [
    { pc: 1, a: u16(12), x: 0, lit: [12, 13], explain: /read 2 bytes at offset 12 → A = 0x800/ },
    { pc: 2, a: u16(12), x: 0, explain: /A \(0x800\) == 0x800\? true → pc 2/ },
    { pc: 3, a: 17, x: 0, lit: [23], explain: /read 1 byte at offset 23 → A = 0x11.*ip\.proto/ },
    { pc: 5, a: 17, x: 0, explain: /true → pc 5/ },
    { pc: 6, a: 0, x: 0, lit: [20, 21], explain: /offset 20/ },
    { pc: 7, a: 0, x: 0, explain: /& 0x1fff ≠ 0\? false → pc 7/ },
    { pc: 8, a: 0, x: ihl, lit: [14], explain: /X = 4 × \(low nibble\) = 20.*ip\.hdr_len/ },
    { pc: 9, a: 53001, x: ihl, lit: [34, 35], explain: /X \+ 14 = offset 34 → A = 0xcf09.*udp\.srcport/ },
    { pc: 10, a: 53001, x: ihl, explain: /false → pc 10/ },
    { pc: 11, a: 53, x: ihl, lit: [36, 37], explain: /offset 36 → A = 0x35.*udp\.dstport/ },
    { pc: 12, a: 53, x: ihl, explain: /true → pc 12/ },
    { pc: undefined, a: 53, x: ihl, explain: /return 262144/ },
  ];

  await page.goto('./');
  const verdict = page.getByTestId('verdict');
  await expect(page.getByTestId('machine-progress')).toContainText(`step 0 of ${steps.length}`);
  await expectMachine(page, { pc: 0, a: 0, x: 0, explain: /nothing has run yet/ });
  // Before the first step, ldh [12] is about to read bytes 12-13: outlined, not lit.
  expect(await litOffsets(page, 'm-next')).toEqual([12, 13]);

  for (const [i, want] of steps.entries()) {
    await page.keyboard.press(i % 2 ? 'F11' : 'F10');
    await expectMachine(page, want);
  }
  await expect(verdict).toContainText('ACCEPT');
  await expect(verdict).toContainText(
    `returned 262144 (0x040000) — accept the whole packet (${bytes.length} bytes)`,
  );
  await expect(page.getByRole('button', { name: 'Step ▸' })).toBeDisabled();

  // Step back through the end, the port loads and the header-length load.
  for (const i of [10, 9, 8, 7, 6]) {
    await page.keyboard.press('Shift+F11');
    await expectMachine(page, steps[i] as Expect);
  }
  await expect(page.getByTestId('machine-progress')).toContainText('step 7 of 12');
  await expect(verdict).toContainText('No verdict yet');
  await page.getByRole('button', { name: '◂ Back' }).click();
  await expectMachine(page, steps[5] as Expect);
  await page.getByRole('button', { name: '⟲ Restart' }).click();
  await expectMachine(page, { pc: 0, a: 0, x: 0, explain: /nothing has run yet/ });
  await page.getByRole('button', { name: 'Run ▸▸' }).click();
  await expect(verdict).toContainText('ACCEPT');
});
