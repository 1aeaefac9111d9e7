// SPDX-License-Identifier: MIT
/**
 * Journeys through the tcpdump-expression bar: type an expression and see its program (each
 * instruction linked to its primitive), open it in the editor and step it on a sample packet to its
 * verdict; an invalid expression shows its diagnostic on the offending token; "Compare with
 * editor" lists the packets where the two programs disagree, and a click selects one.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/guard.ts';

async function openSite(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of');
}

const field = (page: Page) => page.getByRole('textbox', { name: 'tcpdump expression' });
const listing = (page: Page) => page.getByRole('listbox', { name: 'Compiled program' });

test('type an expression, see its program, open it in the editor and step it to its verdict', async ({
  page,
}) => {
  await openSite(page);
  await field(page).fill('udp port 53');
  await expect(page.getByTestId('expression-meta')).toHaveText(/^EN10MB · \d+ instructions$/);
  const rows = listing(page).getByRole('option');
  await expect(rows.first()).toHaveText('(000) ldh [12]');
  await expect(listing(page)).toContainText('; UDP destination port = 53');
  await expect(rows.last()).toContainText('ret #0');

  // Pointing at an instruction lights its primitive in the expression, and the other way round.
  await listing(page)
    .getByRole('option', { name: /UDP source port = 53/ })
    .first()
    .hover();
  await expect(page.locator('.xb-mirror .xb-mark-focus')).toHaveText('udp port 53');
  await listing(page)
    .getByRole('option', { name: /ethertype IPv6/ })
    .hover();
  await expect(rows.filter({ has: page.locator('.xb-primitive') }).first()).toHaveClass(/lit/);
  await page.mouse.move(0, 0);
  await expect(page.locator('.xb-mirror .xb-mark-focus')).toHaveCount(0);

  const count = Number((await page.getByTestId('expression-meta').textContent())?.match(/(\d+) instr/)?.[1]);
  await page.getByRole('button', { name: 'Open in editor' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opened the program' })).toContainText(
    "'udp port 53'",
  );
  const editor = page.getByTestId('editor').locator('.view-lines');
  await expect(editor).toContainText('; tcpdump expression: udp port 53');
  await expect(editor).toContainText('; UDP destination port = 53');
  await expect(page.getByTestId('program-status')).toHaveText(
    new RegExp(`^${count} instructions · accepted`),
  );

  // Packet 1 is an IPv4 DNS query: step the compiled program from pc 0 to its verdict.
  const progress = page.getByTestId('machine-progress');
  await expect(progress).toContainText('step 0 of');
  const steps = Number((await progress.textContent())?.match(/step 0 of (\d+)/)?.[1]);
  expect(steps).toBeGreaterThan(4);
  await expect(page.getByTestId('register-pc')).toHaveAttribute('data-value', '0');
  for (let i = 1; i <= steps; i++) {
    await page.keyboard.press('F10');
    await expect(progress).toContainText(`step ${i} of ${steps}`);
  }
  await expect(page.getByTestId('verdict')).toContainText('ACCEPT');
  await expect(page.getByTestId('verdict')).toContainText('returned 262144');

  // Packet 3 is the IPv6 query: the same program accepts it through its IPv6 branch (a packet
  // picked while at a verdict shows its own verdict).
  await page.locator('#packet-row-2').click();
  await expect(page.locator('#packet-row-2')).toHaveAttribute('aria-selected', 'true');
  await expect(progress).toContainText('packet 3 ·');
  await expect(page.getByTestId('verdict')).toContainText('ACCEPT');
  // Packet 5 is DNS over TCP: dropped.
  await page.locator('#packet-row-4').click();
  await expect(progress).toContainText('packet 5 ·');
  await expect(page.getByTestId('verdict')).toContainText('DROP');
});

test('an invalid expression shows its diagnostic on the offending token', async ({ page }) => {
  await openSite(page);
  await field(page).fill('udp port');
  const problems = page.getByRole('list', { name: 'Expression problems' });
  await expect(problems).toContainText('FLT3010');
  await expect(problems).toContainText('col 9');
  await expect(problems).toContainText('expected an address, name or number but found end of input');
  await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.xb-mirror .xb-mark-error')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Open in editor' })).toBeDisabled();
  await expect(listing(page)).toHaveCount(0);

  await field(page).fill('host 10.1.2.300');
  await expect(problems).toContainText('col 6');
  await expect(page.locator('.xb-mirror .xb-mark-error')).toHaveText('10.1.2.300');
  // Clicking the diagnostic selects the token in the field.
  await problems.getByRole('button').first().click();
  expect(
    await field(page).evaluate((el) => [
      (el as HTMLInputElement).selectionStart,
      (el as HTMLInputElement).selectionEnd,
    ]),
  ).toEqual([5, 15]);

  await field(page).fill('host 10.1.2.3');
  await expect(problems).toHaveCount(0);
  await expect(field(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByRole('button', { name: 'Open in editor' })).toBeEnabled();
});

test('compare with the editor lists the packets whose verdicts differ', async ({ page }) => {
  await openSite(page);
  // The default program is 'ip and (udp port 53 or tcp port 53)' by hand: the same verdicts.
  await field(page).fill('ip and (udp port 53 or tcp port 53)');
  const compare = page.getByRole('button', { name: 'Compare with editor' });
  await expect(compare).toBeEnabled();
  await compare.click();
  const summary = page.getByTestId('compare-summary');
  await expect(summary).toContainText('Same verdict on all 24 packets.');

  // 'udp port 53' also takes IPv6 DNS, and leaves out DNS over TCP.
  await field(page).fill('udp port 53');
  await expect(page.getByText('the program, capture or expression changed since')).toBeVisible();
  await expect(page.getByTestId('expression-meta')).toHaveText(/instructions/);
  await compare.click();
  await expect(summary).toContainText(/^\d+ of 24 packets differ \(\d+ accept ≠ drop\)/);
  const differing = page.getByRole('list', { name: 'Packets whose verdicts differ' }).getByRole('button');
  await expect(differing.first()).toHaveText(/#3\s*editor drop\s*expression accept 262144/);
  await expect(differing.filter({ hasText: 'editor accept 262144' }).first()).toContainText(
    'expression drop',
  );

  await differing.first().click();
  await expect(page.locator('#packet-row-2')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('machine-progress')).toContainText('packet 3 ·');
  await expect(differing.first()).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Close the comparison' }).click();
  await expect(summary).toHaveCount(0);
});
