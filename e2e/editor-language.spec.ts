import { pasteProgram } from './support/editor.ts';
import { expect, test } from './support/guard.ts';

const PROGRAM = `; VLAN-tagged frames (as a NIC with VLAN offload presents them)
        ld #vlan_avail
        jeq #0, drop
        ldh [12]
        jneq #0x800, drop
keep:   ret #-1
drop:   ret #0
`;

test('hover docs and completion', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  const editor = page.getByTestId('editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await pasteProgram(page, PROGRAM);
  await expect(page.getByTestId('program-status')).toHaveText(/^6 instructions/);
  const hover = page.locator('.monaco-hover:not(.hidden)');

  await editor.locator('.view-line', { hasText: 'ldh [12]' }).getByText('ldh', { exact: true }).hover();
  await expect(hover).toContainText('ldh [k] — opcode 0x28');
  await expect(hover).toContainText('A = the 16-bit big-endian value at packet offset k.');
  await expect(hover).toContainText('ldh [x + k] 0x48');

  await editor.locator('.view-line', { hasText: 'vlan_avail' }).getByText('vlan_avail').hover();
  await expect(hover).toContainText(
    '#vlan_avail — Linux extension SKF_AD_VLAN_TAG_PRESENT (SKF_AD_OFF + 48, k = 0xfffff030)',
  );
  await expect(hover).toContainText('Linux only');

  // Jump targets complete from the labels of this file.
  await editor.locator('.view-line', { hasText: 'jneq #0x800' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('\n        jgt #5, ');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.getByRole('option')).toHaveText([/keep/, /drop/]);
  await page.keyboard.press('Escape');

  // A mnemonic completes to its operand form, ready to fill in.
  await page.keyboard.press('End');
  await page.keyboard.type('keep');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ldxb');
  await expect(suggest.getByRole('option').first()).toContainText('ldxb 4*([k]&0xf)');
  await page.keyboard.press('Enter');
  await expect(editor.locator('.view-line', { hasText: 'ldxb' })).toContainText('ldxb 4*([14]&0xf)');
  await expect(page.getByTestId('program-status')).toHaveText(/^8 instructions/);
});
