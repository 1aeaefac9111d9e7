// SPDX-License-Identifier: MIT
/**
 * Journey: the branch path of the default program for an IPv6 packet (packet 3 of dns.pcap, opened
 * through a share link): the jump at pc 1 goes to drop, its taken arc is lit and the other dimmed,
 * hovering the row tells the condition with the real values, clicking a row shows that step.
 */
import { readFileSync } from 'node:fs';
import { encodeSharedState } from '../src/state/url-state.ts';
import { expect, test } from './support/guard.ts';

test('the taken edge is lit, the other dimmed, and hovering tells why', async ({ page }) => {
  const program = readFileSync('samples/programs/default.bpf', 'utf8');
  const link = encodeSharedState({
    program,
    packet: 2,
    breakpoints: [],
    semantics: 'linux',
    checkMode: 'socket',
    vlanOffload: false,
  });
  await page.goto(`./${link}`);
  const listing = page.getByRole('listbox', { name: 'program listing with jump arcs' });
  await expect(listing.getByRole('option')).toHaveCount(14);
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 3');

  await page.keyboard.press('F5');
  await expect(page.getByTestId('verdict')).toContainText('DROP');
  const arcs = page.getByTestId('branch-arcs');
  await expect(arcs.locator('.arc.state-taken[data-from="1"]')).toHaveClass(/kind-false/);
  await expect(arcs.locator('.arc.state-not-taken[data-from="1"]')).toHaveClass(/kind-true/);
  // Jumps this packet never reached stay plain.
  await expect(arcs.locator('.arc[data-from="9"]').first()).toHaveClass(/state-idle/);
  await expect(listing.locator('[data-pc="13"]')).toHaveAttribute('data-state', 'done');
  await expect(listing.locator('[data-pc="5"]')).toHaveAttribute('data-state', 'unreached');

  await listing.locator('[data-pc="1"]').hover();
  await expect(page.getByRole('tooltip')).toHaveText('step 2: A=0x86dd == 0x800? false → pc 13');
  await listing.locator('[data-pc="3"]').hover();
  await expect(page.getByRole('tooltip')).toHaveText('not reached by this packet');

  // Clicking an executed row puts the cursor on it; an unreached one says so.
  await listing.locator('[data-pc="1"]').click();
  await expect(page.getByTestId('register-pc')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('machine-progress')).toContainText('step 1 of 3');
  await listing.locator('[data-pc="7"]').click();
  await expect(page.getByText('pc 7 is not reached by packet 3.')).toBeVisible();

  // The keyboard walks the listing too: Home, Down, Enter puts the cursor on pc 1.
  await page.getByRole('button', { name: '⟲ Restart' }).click();
  await page.mouse.move(0, 0);
  await listing.focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tooltip')).toHaveText(
    'step 1 (not run yet): read 2 bytes at offset 12 → A = 0x86dd',
  );
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-pc')).toHaveAttribute('data-value', '1');
  await expect(page.getByRole('tooltip')).toHaveText(
    'step 2 (not run yet): A=0x86dd == 0x800? false → pc 13',
  );
});
