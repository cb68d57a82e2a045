// What every browser test needs: a page in a fresh context (its own storage; British English,
// so the browser's Intl writes "14 March 2025"), and axe-core's verdict on it.
import { expect, type Browser, type Frame, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// @axe-core/playwright needs a page made from an explicit context.
//
// A form's page arrives with its first step drawn by the server (forms-server/src/http/page.rs),
// which the app replaces once it has loaded. Unless `waitForApp` is false, `goto` to a form
// waits for that (<html data-ready>), so a test meets the app's own controls; the hand-over
// itself is tested in prerender.spec.ts.
export async function newPage(browser: Browser, { waitForApp = true } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  if (waitForApp) {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      if (/\/f\//.test(url)) await appReady(page);
      return response;
    };
  }
  return page;
}

// Waits until the app has drawn the page itself (in a page, or a portal's frame).
export async function appReady(page: Page | Frame) {
  await page.locator('html[data-ready]').waitFor({ state: 'attached' });
}

// No axe-core violation on the page as it is now; `where` names the moment in a failure.
export async function expectNoAxeViolations(page: Page, where = 'page') {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  expect(summary, where).toEqual([]);
}
