// SPDX-License-Identifier: MIT
/**
 * Journey: a conditional breakpoint (`A == 0x35`) set from the gutter's right-click stops only
 * where its condition holds, across lines and packets; a condition that does not parse says why.
 */
import type { Page } from '@playwright/test';
import { clickGutter, linesWith, PROGRAM, pasteProgram } from './support/editor.ts';
import { expect, test } from './support/guard.ts';

// pc 5 (line 7) loads the source port, pc 7 (line 9) the destination port; lines 8 and 10 test A.

/** Give the breakpoint on `line` the condition `text` through the gutter's right-click popover. */
async function setCondition(page: Page, line: number, text: string): Promise<void> {
  await clickGutter(page, line, 'right');
  const form = page.getByRole('form', { name: `Breakpoint condition for line ${line}` });
  await form.getByRole('textbox').fill(text);
  await form.getByRole('textbox').press('Enter');
  await expect(form).toHaveCount(0);
}

test('a conditional breakpoint stops only where its condition holds', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('capture-status')).toContainText('dns.pcap');
  await pasteProgram(page, PROGRAM);
  await expect(page.getByTestId('program-status')).toHaveText(/^11 instructions · accepted/);
  const pc = page.getByTestId('register-pc');

  // A condition that does not parse shows its error and cannot be saved.
  await clickGutter(page, 8, 'right');
  const form = page.getByRole('form', { name: 'Breakpoint condition for line 8' });
  await form.getByRole('textbox').fill('A = 0x35');
  await expect(form.getByRole('alert')).toHaveText("unexpected '=' (column 3)");
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => linesWith(page, 'bpf-bp')).toEqual([]);

  // Packet 1 is a query from port 53001 to port 53: only the destination-port test holds.
  await setCondition(page, 8, 'A == 0x35');
  await setCondition(page, 10, 'A == 0x35');
  await expect.poll(() => linesWith(page, 'bpf-bp-conditional')).toEqual([8, 10]);
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '8');
  await expect(page.getByTestId('register-a')).toHaveAttribute('data-value', '53');
  await expect.poll(() => linesWith(page, 'bpf-line-current')).toEqual([10]);

  // Packet 2 is the answer from port 53: now the source-port test is where it stops.
  await page.getByTestId('packet-list').getByRole('row').nth(2).click();
  await expect(page.getByRole('region', { name: 'machine state' })).toContainText('packet 2 ·');
  await page.keyboard.press('Control+Shift+F5');
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '6');
  await expect(page.getByTestId('register-a')).toHaveAttribute('data-value', '53');

  // A condition that holds nowhere: F5 runs through to the verdict.
  await setCondition(page, 8, 'A == 0x36');
  await setCondition(page, 10, 'A == 0x36 || X > 20');
  await page.keyboard.press('Control+Shift+F5');
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('verdict')).toContainText('returned 4294967295');

  // Emptying the condition (here through the editor's context menu) leaves a plain breakpoint.
  await page
    .getByTestId('editor')
    .locator('.view-line', { hasText: 'jeq #53, accept' })
    .click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: 'Edit breakpoint condition…' });
  await item.hover();
  await item.click({ delay: 50 });
  const line8 = page.getByRole('form', { name: 'Breakpoint condition for line 8' });
  await expect(line8.getByRole('textbox')).toHaveValue('A == 0x36');
  await line8.getByRole('textbox').fill('');
  await line8.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => linesWith(page, 'bpf-bp-plain')).toEqual([8]);
  await page.keyboard.press('Control+Shift+F5');
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '6');
});
