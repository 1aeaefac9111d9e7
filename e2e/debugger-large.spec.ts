// SPDX-License-Identifier: MIT
/**
 * Journey: a 4096-instruction program (the kernel's maximum) whose run executes nearly every
 * instruction. The branch path keeps only the visible rows and their arcs in the page, follows the
 * current instruction, and stepping stays quick. Timings are printed, not asserted tightly.
 */
import { encodeSharedState } from '../src/state/url-state.ts';
import { expect, test } from './support/guard.ts';

/** `ld #5000`, then 4093 tests `jeq #i` that all fail (fall through) but jump up to 40 rows ahead. */
function bigProgram(): string {
  const lines = ['ld #5000'];
  for (let i = 1; i <= 4093; i++)
    lines.push(`L${i}: jeq #${i}, L${Math.min(4094, i + 2 + (i % 40))}, L${i + 1}`);
  lines.push('L4094: ret #1', 'ret #0');
  return `${lines.join('\n')}\n`;
}

test('a 4096-instruction program: windowed listing, followed cursor, quick steps', async ({ page }) => {
  const link = encodeSharedState({
    program: bigProgram(),
    packet: 0,
    breakpoints: [],
    semantics: 'linux',
    checkMode: 'socket',
    vlanOffload: false,
  });
  await page.goto(`./${link}`);
  const verdict = page.getByTestId('verdict');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 4095', { timeout: 20_000 });
  const listing = page.getByRole('listbox', { name: 'program listing with jump arcs' });
  await expect(listing.locator('[data-pc="0"]')).toHaveAttribute('aria-setsize', '4096');
  const rendered = await listing.getByRole('option').count();
  expect(rendered).toBeLessThan(120);

  // Step 50 times: each step re-renders the machine, the listing and its arcs.
  const started = Date.now();
  for (let i = 0; i < 50; i++) await page.keyboard.press('F10');
  await expect(page.getByTestId('machine-progress')).toContainText('step 50 of 4095');
  const perStep = (Date.now() - started) / 50;
  console.log(`4096-instruction program: ${perStep.toFixed(1)} ms per step (keypress to settled DOM)`);
  expect(perStep).toBeLessThan(500);

  // Run to the verdict: the listing follows to the returning instruction, still windowed.
  await page.keyboard.press('F5');
  await expect(verdict).toContainText('ACCEPT');
  await expect(listing.locator('[data-pc="4094"]')).toBeInViewport();
  await expect(listing.locator('[data-pc="4094"]')).toHaveAttribute('data-state', 'done');
  expect(await listing.getByRole('option').count()).toBeLessThan(120);
  const paths = await page.getByTestId('branch-arcs').locator('path').count();
  expect(paths).toBeLessThan(600);

  // Scroll to the middle: the rows there appear, with their arcs.
  await listing.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(listing.locator('[data-pc="2048"]')).toBeAttached();
  await expect(page.getByTestId('branch-arcs').locator('.arc.state-not-taken').first()).toBeAttached();
});
