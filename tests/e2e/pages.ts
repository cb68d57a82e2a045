// What every browser test needs: a page in a fresh context (its own storage; British English,
// so the browser's Intl writes "14 March 2025"), and axe-core's verdict on it.
import { expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// @axe-core/playwright needs a page made from an explicit context.
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  return context.newPage();
}

// No axe-core violation on the page as it is now; `where` names the moment in a failure.
export async function expectNoAxeViolations(page: Page, where = 'page') {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  expect(summary, where).toEqual([]);
}
