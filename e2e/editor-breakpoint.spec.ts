// SPDX-License-Identifier: MIT
/**
 * Journey: set breakpoints by clicking the editor's gutter and with F9, run with F5, and see the
 * run stop at that line with the right pc; breakpoints follow their lines when lines are added.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/guard.ts';

// Line:  1 comment, then pc 0..10 on lines 2..12.
const PROGRAM = `; IPv4 UDP to or from port 53
        ldh [12]
        jneq #0x800, drop
        ldb [23]
        jneq #17, drop
        ldxb 4*([14]&0xf)
        ldh [x + 14]
        jeq #53, accept
        ldh [x + 16]
        jneq #53, drop
accept: ret #-1
drop:   ret #0
`;

async function pasteProgram(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Editor lines (1-based) carrying an element of class `cls`, found by its vertical middle. */
async function linesWith(page: Page, cls: string): Promise<number[]> {
  return page.getByTestId('editor').evaluate((root, name) => {
    const numbers = [...root.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({
      rect: n.getBoundingClientRect(),
      line: Number(n.textContent),
    }));
    const lines = [...root.querySelectorAll(`.${name}`)].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const middle = r.top + r.height / 2;
      return numbers.find((n) => middle >= n.rect.top && middle < n.rect.bottom)?.line ?? [];
    });
    return [...new Set(lines)].sort((a, b) => a - b);
  }, cls);
}

/** Click the glyph margin (where breakpoints go) beside `line`. */
async function clickGutter(page: Page, line: number, button: 'left' | 'right' = 'left'): Promise<void> {
  const editor = page.getByTestId('editor');
  const glyphs = await editor.locator('.glyph-margin').boundingBox();
  const number = await editor
    .locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) })
    .boundingBox();
  if (!glyphs || !number) throw new Error(`line ${line} is not on screen`);
  await page.mouse.click(glyphs.x + glyphs.width / 2, number.y + number.height / 2, { button });
}

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
