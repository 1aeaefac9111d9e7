// SPDX-License-Identifier: MIT
/**
 * Shared fixtures for every journey: fail a test if the page requests anything outside its own
 * origin (nothing may leave the browser), logs an error, or violates the Content-Security-Policy.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ offsite: string[]; pageErrors: string[] }>({
  offsite: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
    const offsite: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) offsite.push(url);
    });
    await use(offsite);
    expect(offsite, 'requests that left the origin').toEqual([]);
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    await use(errors);
    expect(errors, 'errors and CSP violations logged by the page').toEqual([]);
  },
});

export { expect };
