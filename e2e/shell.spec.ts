// SPDX-License-Identifier: MIT
import { expect, test } from './support/guard.ts';

test('the page loads, the editor mounts, the engine worker answers, nothing leaves the origin', async ({
  page,
  offsite,
  pageErrors,
}) => {
  await page.goto('./');
  await expect(page).toHaveTitle(/bpflab/);
  await expect(page.getByTestId('engine-status')).toHaveText(/engine \d+\.\d+\.\d+ ready · WebAssembly/);
  const editor = page.getByTestId('editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('ret');
  expect(offsite).toEqual([]);
  expect(pageErrors).toEqual([]);
});
