// SPDX-License-Identifier: MIT
/**
 * `npm run bench:ui`: the debugger's responsiveness in real headless Chromium on the built site.
 * Prints first paint / first contentful paint, the time until the editor and the first trace are
 * shown, and step latency (key press → the new pc on screen) as p50/p95 over many steps.
 * Figures only: nothing here is asserted.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { REPO_ROOT } from '../src/testkit/reference-tools.ts';

const PORT = 4391;
const STEPS = 200;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), '--port', String(PORT)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => server.stdout?.once('data', () => resolve()));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('editor').and(page.locator('[data-ready="true"]')).waitFor();
    const editorMs = Date.now() - started;
    await page.getByTestId('register-pc').waitFor();
    const traceMs = Date.now() - started;
    const paints = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
    );

    // Step latency: press F10, wait until the pc register shows a new value, in the page's clock.
    const latencies: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const ms = await page.evaluate(async () => {
        const pc = document.querySelector('[data-testid="register-pc"]');
        const before = pc?.getAttribute('data-value');
        const finished = document.querySelector('[data-testid="verdict"]')?.textContent?.includes('returned');
        const t0 = performance.now();
        const key = finished ? { key: 'F5', ctrlKey: true, shiftKey: true } : { key: 'F10' };
        window.dispatchEvent(new KeyboardEvent('keydown', { ...key, bubbles: true }));
        // No named helpers in here: tsx would wrap them in a __name() the page does not have.
        while (document.querySelector('[data-testid="register-pc"]')?.getAttribute('data-value') === before) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        // The step is on screen once the frame that shows it has been painted.
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
        return performance.now() - t0;
      });
      latencies.push(ms);
    }
    latencies.sort((a, b) => a - b);
    const row = (name: string, value: number) =>
      console.log(`${name.padEnd(34)} ${value.toFixed(1).padStart(8)} ms`);
    console.log('bpflab UI in headless Chromium, 1280x800, default sample (dns.pcap)');
    row('first paint', paints['first-paint'] ?? Number.NaN);
    row('first contentful paint', paints['first-contentful-paint'] ?? Number.NaN);
    row('editor ready (from navigation)', editorMs);
    row('first trace shown (from navigation)', traceMs);
    row(`step latency p50 (${STEPS} steps)`, percentile(latencies, 50));
    row('step latency p95', percentile(latencies, 95));
    row('step latency max', latencies.at(-1) ?? Number.NaN);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
