// SPDX-License-Identifier: MIT
/** Helpers the editor journeys share: a sample program, pasting it, and finding gutter lines. */
import type { Page } from '@playwright/test';

// Line:  1 comment, then pc 0..10 on lines 2..12.
export const PROGRAM = `; IPv4 UDP to or from port 53
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

/** Paste `text` over the whole editor content (through the clipboard, as a user would). */
export async function pasteProgram(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('editor').locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Editor lines (1-based) carrying an element of class `cls`, found by its vertical middle. */
export async function linesWith(page: Page, cls: string): Promise<number[]> {
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
export async function clickGutter(
  page: Page,
  line: number,
  button: 'left' | 'right' = 'left',
): Promise<void> {
  const editor = page.getByTestId('editor');
  const glyphs = await editor.locator('.glyph-margin').boundingBox();
  const number = await editor
    .locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) })
    .boundingBox();
  if (!glyphs || !number) throw new Error(`line ${line} is not on screen`);
  await page.mouse.click(glyphs.x + glyphs.width / 2, number.y + number.height / 2, { button });
}
