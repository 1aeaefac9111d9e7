// SPDX-License-Identifier: MIT
/**
 * Journey: a program whose verdict depends on the machine. Shifting by X >= 32 masks the count
 * on Linux (1 << (33 & 31) = 2) and gives 0 in libpcap's bpf_filter() (cbpf.md §6); the switch
 * re-runs the trace at once.
 */
import { encodeSharedState } from '../src/state/url-state.ts';
import { expect, test } from './support/guard.ts';

const SHIFT_BY_X = `; shift by X >= 32: Linux masks the count, libpcap gives 0
        ldx #33
        ld #1
        lsh x
        ret a
`;

test('the semantics switch changes the verdict of a shift by X = 33', async ({ page }) => {
  const link = encodeSharedState({
    program: SHIFT_BY_X,
    packet: 0,
    breakpoints: [],
    semantics: 'linux',
    checkMode: 'socket',
    vlanOffload: false,
  });
  await page.goto(`./${link}`);
  const verdict = page.getByTestId('verdict');
  await expect(page.getByTestId('machine-progress')).toContainText('step 0 of 4');
  await page.keyboard.press('F5');
  await expect(verdict).toContainText('returned 2 (0x02)');
  await expect(verdict).toContainText('accept, truncated to the first 2 of');
  await expect(page.getByTestId('register-a')).toHaveAttribute('data-value', '2');

  const semantics = page.getByRole('combobox', { name: 'semantics' });
  await semantics.selectOption('libpcap');
  // The trace re-ran with the cursor kept at the end: the verdict is now a drop.
  await expect(verdict).toContainText('DROP');
  await expect(verdict).toContainText('returned 0 (0x00)');
  await expect(page.getByTestId('register-a')).toHaveAttribute('data-value', '0');
  await page.keyboard.press('Shift+F11');
  await expect(page.getByTestId('step-explain')).toContainText(
    'A = 1 << X (33) = 0 (a shift by 32 or more: libpcap gives 0)',
  );

  await semantics.selectOption('linux');
  await expect(page.getByTestId('step-explain')).toContainText(
    'A = 1 << X (33) = 2 (a shift by 32 or more: Linux uses 33 & 31 = 1)',
  );
  await page.keyboard.press('F10');
  await expect(verdict).toContainText('ACCEPT, truncated');
});
