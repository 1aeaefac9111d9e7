// SPDX-License-Identifier: MIT
/**
 * Makes the README's picture: the debugger mid-step on the default sample (1280×800, light), at
 * the header-length load, so the registers, the lit nibble, the arcs taken so far and the
 * dissection all show. Every run writes it to test-results/; with UPDATE_SCREENSHOT=1 it also
 * replaces docs/screenshot-debugger.png (so a plain test run leaves the work tree clean).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from './support/guard.ts';

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });

test('screenshot of the debugger mid-step', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 12');
  for (let i = 0; i < 7; i++) await page.keyboard.press('F10');
  await expect(page.getByTestId('register-x')).toHaveAttribute('data-value', '20');
  // Let the register flash finish so the picture shows the settled state.
  await page.waitForTimeout(1000);
  const shot = await page.screenshot({ path: test.info().outputPath('screenshot-debugger.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') {
    mkdirSync('docs', { recursive: true });
    writeFileSync('docs/screenshot-debugger.png', shot);
  }
});
