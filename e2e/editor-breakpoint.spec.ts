import { clickGutter, linesWith, PROGRAM, pasteProgram } from './support/editor.ts';
import { expect, test } from './support/guard.ts';

test('a gutter breakpoint stops F5 at its line with the right pc', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('capture-status')).toContainText('dns.pcap');
  await pasteProgram(page, PROGRAM);
  await expect(page.getByTestId('program-status')).toHaveText(/^11 instructions · accepted/);
  const pc = page.getByTestId('register-pc');

  // Before the first step, pc 0's line is current and the whole path of packet 1 is shaded.
  await expect.poll(() => linesWith(page, 'bpf-line-current')).toEqual([2]);
  await expect.poll(() => linesWith(page, 'bpf-text-unreached')).toEqual([12]);

  await clickGutter(page, 9); // ldh [x + 16], pc 7
  await expect.poll(() => linesWith(page, 'bpf-bp-plain')).toEqual([9]);
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '7');
  await expect.poll(() => linesWith(page, 'bpf-line-current')).toEqual([9]);
  await expect.poll(() => linesWith(page, 'bpf-line-executed')).toEqual([2, 3, 4, 5, 6, 7, 8]);
  // The source port (53001) was just compared with 53: the step's words sit at the end of its line
  // (Monaco renders spaces as no-break spaces, which \s matches).
  await expect(
    page.getByTestId('editor').locator('.view-line', { hasText: 'jeq #53, accept' }),
  ).toContainText(/◂\s.*0xcf09\)\s==\s0x35\?\sfalse\s→\spc\s7/);

  // No breakpoint ahead: F5 runs to the verdict, marked on the ret that decided.
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '');
  await expect(page.getByTestId('verdict')).toContainText('returned 4294967295');
  await expect.poll(() => linesWith(page, 'bpf-line-verdict-accept')).toEqual([11]);
  await expect(page.getByTestId('editor').locator('.view-line', { hasText: 'accept: ret' })).toContainText(
    '⇐ returned 4294967295: accept the whole packet (75 bytes)',
  );

  // F9 in the editor toggles the cursor's line; a click beside a comment snaps to the next instruction.
  await page.getByTestId('editor').locator('.view-line', { hasText: 'ldb [23]' }).click();
  await page.keyboard.press('F9');
  await clickGutter(page, 1);
  await expect.poll(() => linesWith(page, 'bpf-bp-plain')).toEqual([2, 4, 9]);
  await page.keyboard.press('Control+Shift+F5');
  await expect(pc).toHaveAttribute('data-value', '0');
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '2');
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '7');

  // A click on a breakpoint removes it.
  await clickGutter(page, 2);
  await expect.poll(() => linesWith(page, 'bpf-bp-plain')).toEqual([4, 9]);

  // Lines added above carry the breakpoints along with their instructions.
  await page.getByTestId('editor').locator('.view-line', { hasText: 'IPv4 UDP' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('; a new comment line');
  await expect.poll(() => linesWith(page, 'bpf-bp-plain')).toEqual([5, 10]);
  await expect(page.getByTestId('program-status')).toHaveText(/^11 instructions/);
  await page.keyboard.press('Control+Shift+F5');
  // Wait for the edited program's analysis: pc 0 now sits on line 3.
  await expect.poll(() => linesWith(page, 'bpf-line-current')).toEqual([3]);
  await page.keyboard.press('F5');
  await expect(pc).toHaveAttribute('data-value', '2');
  await expect.poll(() => linesWith(page, 'bpf-line-current')).toEqual([5]);
});
