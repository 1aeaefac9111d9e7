// SPDX-License-Identifier: MIT
/**
 * Journey: "Run all packets" runs the program over the whole capture in the worker and its
 * accepted/dropped counts equal the CLI's verdicts (`bpflab run PROGRAM CAPTURE --json`) for the
 * same files; the list gains a Verdict column and can show only accepted or dropped packets.
 */
import { execFileSync } from 'node:child_process';
import type { Locator } from '@playwright/test';
import { expect, test } from './support/guard.ts';

/** Verdicts the CLI gives for a program and a capture. */
function cliVerdicts(program: string, capture: string): number[] {
  const out = execFileSync(process.execPath, ['bin/bpflab.js', 'run', program, capture, '--json'], {
    encoding: 'utf8',
  });
  return (JSON.parse(out) as { index: number; ret: number }[]).map((r) => r.ret);
}

const count = (verdicts: number[], accepted: boolean) =>
  verdicts.filter((v) => (v !== 0) === accepted).length;

/** Every row of the (virtualized) list as `[No., Verdict]`, scrolling it through a screen at a time. */
async function listedVerdicts(list: Locator): Promise<Map<number, string>> {
  const seen = new Map<number, string>();
  const scroller = list.locator('.pl-scroll');
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  for (;;) {
    await list.page().waitForTimeout(50);
    const rows = await list
      .locator('.pl-row')
      .evaluateAll((els) =>
        els.map((el) => [
          el.querySelector('.pl-no')?.textContent,
          el.querySelector('.pl-verdict')?.textContent,
        ]),
      );
    for (const [no, verdict] of rows) seen.set(Number(no), verdict ?? '');
    const atEnd = await scroller.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight - 30;
      return el.scrollTop === before;
    });
    if (atEnd) return seen;
  }
}

test('run all: counts equal the CLI verdicts, and the list filters by verdict', async ({ page }) => {
  const verdicts = cliVerdicts('samples/programs/default.bpf', 'samples/captures/dns.pcap');
  const accepted = count(verdicts, true);
  const dropped = count(verdicts, false);
  expect(accepted).toBeGreaterThan(0);
  expect(dropped).toBeGreaterThan(0);

  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText(`${verdicts.length} packets`);
  await expect(page.getByTestId('program-status')).toContainText('accepted by the');
  await page.getByRole('button', { name: 'Run all packets' }).click();
  await expect(page.getByTestId('run-all-counts')).toHaveText(`${accepted} accepted · ${dropped} dropped`);
  await expect(page.getByTestId('run-all-result')).toContainText(/WebAssembly · [\d.]+ ms/);

  // The Verdict column agrees with the CLI packet by packet.
  const list = page.getByRole('grid', { name: 'packets' });
  await expect(list.getByRole('columnheader', { name: 'Verdict' })).toBeVisible();
  const cliText = (v: number) => (v === 0 ? 'drop' : `accept ${v}`);
  const everyPacket = new Map(verdicts.map((v, i) => [i + 1, cliText(v)]));
  expect(await listedVerdicts(list)).toEqual(everyPacket);

  // Filtered, the list holds exactly the packets the CLI accepted (or dropped).
  const only = (keep: boolean) => new Map([...everyPacket].filter(([, t]) => (t !== 'drop') === keep));
  await page.getByRole('radio', { name: /Accepted/ }).check({ force: true });
  await expect(list).toHaveAttribute('aria-rowcount', String(accepted + 1));
  expect(await listedVerdicts(list)).toEqual(only(true));
  await page.getByRole('radio', { name: /Dropped/ }).check({ force: true });
  await expect(list).toHaveAttribute('aria-rowcount', String(dropped + 1));
  expect(await listedVerdicts(list)).toEqual(only(false));
  // Picking a dropped packet shows its trace ending in a drop.
  await list.getByRole('row').nth(1).click();
  await page.getByRole('button', { name: 'Run ▸▸' }).click();
  await expect(page.getByTestId('verdict')).toContainText('returned 0');

  await page.getByRole('radio', { name: /All/ }).check({ force: true });
  await expect(list).toHaveAttribute('aria-rowcount', String(verdicts.length + 1));
});

test('run all on another capture: counts follow the new file', async ({ page }) => {
  const verdicts = cliVerdicts('samples/programs/default.bpf', 'samples/captures/tcp-session.pcap');
  await page.goto('./');
  await expect(page.getByTestId('capture-info')).toContainText('dns.pcap');
  await page.getByRole('button', { name: 'Run all packets' }).click();
  await expect(page.getByTestId('run-all-counts')).toBeVisible();
  await page.getByLabel('open a sample capture').selectOption('tcp-session.pcap');
  await expect(page.getByTestId('capture-info')).toContainText('tcp-session.pcap');
  // Verdicts belong to a capture: opening another one clears them.
  await expect(page.getByTestId('run-all-counts')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run all packets' }).click();
  await expect(page.getByTestId('run-all-counts')).toHaveText(
    `${count(verdicts, true)} accepted · ${count(verdicts, false)} dropped`,
  );
});
