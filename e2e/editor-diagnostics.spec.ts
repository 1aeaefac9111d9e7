// SPDX-License-Identifier: MIT
/**
 * Journey: a program with errors shows squiggly markers in the editor and an entry per diagnostic
 * (code, line:col, message, hint) in the problems list; clicking an entry puts the cursor there.
 * Checker errors, which know only their pc, land on their instruction's line.
 */
import type { Page } from '@playwright/test';
import { pasteProgram } from './support/editor.ts';
import { expect, test } from './support/guard.ts';

/** The 1-based line of the editor's cursor, read from where Monaco draws it. */
async function cursorLine(page: Page): Promise<number> {
  return Number(await page.getByTestId('editor').locator('.line-numbers.active-line-number').textContent());
}

test('errors show as markers and as problems that lead to their place', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await pasteProgram(page, 'ldh [12]\njeq #0x800, nowhere\nret #0\n');

  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('1 error');
  const entry = problems.getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole('button')).toHaveText(
    /ASM1011\s*2:13\s*expected a defined label but found 'nowhere'/,
  );
  await expect(entry).toContainText("hint: define it: 'nowhere:' before the instruction to jump to");
  await expect(page.getByTestId('editor').locator('.squiggly-error')).toHaveCount(1);
  await expect(page.getByTestId('program-status')).toContainText('1 assembler error');

  // Clicking the problem puts the cursor on the label: typing there edits the reference.
  await page.getByTestId('editor').locator('.view-line', { hasText: 'ldh [12]' }).click();
  expect(await cursorLine(page)).toBe(1);
  await entry.getByRole('button').click();
  await expect.poll(() => cursorLine(page)).toBe(2);
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('done');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('done: ret #1');
  await expect(problems).toContainText('none');
  await expect(page.getByTestId('editor').locator('.squiggly-error')).toHaveCount(0);
});

test('a checker error without a source range marks its instruction', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await pasteProgram(page, '; scratch read before any write\n    ldh [12]\n    ld M[3]\n    ret a\n');

  const problems = page.getByRole('region', { name: 'Problems' });
  const entry = problems.getByRole('listitem').filter({ hasText: 'CHK2010' });
  await expect(entry.getByRole('button')).toHaveText(/CHK2010\s*line 3 · pc 1\s*scratch read before write/);
  await expect(page.getByTestId('program-status')).toContainText('rejected by the Linux checker');
  await expect(page.getByTestId('editor').locator('.squiggly-error')).toHaveCount(1);
  await entry.getByRole('button').click();
  await expect.poll(() => cursorLine(page)).toBe(3);

  // The same program under the seccomp checker: ldh is not allowed there either.
  await page.getByRole('combobox', { name: 'Checker' }).selectOption('seccomp');
  await expect(problems.getByRole('listitem').first().getByRole('button')).toHaveText(
    /CHK2013\s*line 2 · pc 0\s*not allowed in seccomp: `ldh \[12\]`/,
  );
  await expect(problems).toContainText('2 errors');
});
