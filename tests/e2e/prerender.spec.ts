// The server's first paint of a form (forms-server/src/http/page.rs): the first step is there
// to read and type into before the app has loaded, the app keeps what was typed and where the
// focus was, and both draw the step alike (the same ids, names, labels, texts and attributes).
import { test, expect, type Page } from '@playwright/test';
import { newPage, expectNoAxeViolations, appReady } from './pages';
import { definition, seedForms } from './fill';

const FORM = '/f/public-information-request';

// Holds the app's wasm back until `release` is called (or, with `abort`, never lets it load).
async function holdTheApp(page: Page, abort = false): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    if (abort) return route.abort();
    await held;
    await route.continue();
  });
  return release;
}

test('the first step can be filled before the app loads, and the app keeps the answers and the focus', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  const release = await holdTheApp(page);
  await page.goto(`${FORM}?lang=en`, { waitUntil: 'domcontentloaded' });
  const name = page.getByLabel('Full name or organisation name');
  await expect(name).toBeVisible();
  await expect(page.locator('#prerender')).toHaveCount(1);
  await expect(page.locator('html[data-ready]')).toHaveCount(0);
  await expect(page).toHaveTitle('Step 1 of 1: Applicant and request – Request for access to public information');
  // Nothing can be sent yet; the first paint is as accessible as the app.
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeDisabled();
  await expectNoAxeViolations(page, 'first paint');

  await name.fill('Ivan Ivanov');
  const address = page.getByLabel('Correspondence address');
  await address.focus();
  await page.keyboard.type('1 Shipka');
  await page.keyboard.press('Home');
  release();
  await appReady(page);
  await expect(page.locator('#prerender')).toHaveCount(0);
  await expect(name).toHaveValue('Ivan Ivanov');
  await expect(address).toHaveValue('1 Shipka');
  await expect(address).toBeFocused();
  // Typing goes on where the caret was (at the start), now in the app's own field.
  await page.keyboard.type('No. ');
  await page.keyboard.press('End');
  await page.keyboard.type(' St, Sofia');
  await expect(address).toHaveValue('No. 1 Shipka St, Sofia');
  await page.getByLabel('Description of the information requested').fill('The 2026 budget.');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check your answers before sending the application' })).toBeFocused();
  await expect(page.locator('.answers')).toContainText('Ivan Ivanov');
  await expect(page.locator('.answers')).toContainText('No. 1 Shipka St, Sofia');
});

test('typing straight on through the hand-over loses no keystroke', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  const release = await holdTheApp(page);
  await page.goto(`${FORM}?lang=en`, { waitUntil: 'domcontentloaded' });
  const address = page.getByLabel('Correspondence address');
  await address.focus();
  await page.keyboard.type('1 Shipka');
  release();
  // A key every few milliseconds while the app loads and takes over (in 6 of 6 tries it took
  // over with 10 to 36 of these characters typed).
  const more = ' Street, Sofia 1000, Bulgaria; the second entrance, the third floor';
  await page.keyboard.type(more, { delay: 3 });
  await appReady(page);
  await expect(address).toHaveValue(`1 Shipka${more}`);
});

test('a choice made before the app loads is kept, and shows the questions that follow from it', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  const release = await holdTheApp(page);
  await page.goto('/f/customs-eservices-registration?lang=en', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('a legal entity or sole trader').check();
  // The first paint has no conditions of its own: the company's questions wait for the app.
  await expect(page.locator('#field-company-eik')).toHaveCount(0);
  release();
  await appReady(page);
  await expect(page.getByLabel('a legal entity or sole trader')).toBeChecked();
  await expect(page.locator('#field-company-eik')).toBeVisible();
});

test('what was typed before a failed load is still there after Try again', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  const release = await holdTheApp(page);
  await page.route('**/api/v1/forms/public-information-request', (route) => route.abort('internetdisconnected'));
  await page.goto(`${FORM}?lang=en`, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Full name or organisation name').fill('Ivan Ivanov');
  release();
  await expect(page.getByRole('heading', { name: 'The page could not be loaded.' })).toBeVisible();
  await expect(page.locator('#prerender')).toHaveCount(0);
  await page.unroute('**/api/v1/forms/public-information-request');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('Ivan Ivanov');
});

test('with answers kept in this browser, the first paint waits for the app, which restores them', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  await page.goto(`${FORM}?lang=en`);
  await appReady(page);
  await page.getByLabel('Full name or organisation name').fill('Ivan Ivanov');
  // Kept in local storage as it is typed; the page is opened again, the app held back.
  const release = await holdTheApp(page);
  await page.goto(`${FORM}?lang=en`, { waitUntil: 'domcontentloaded' });
  await expect(page.locator('#prerender')).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('#prerender')).toHaveJSProperty('inert', true);
  release();
  await appReady(page);
  await expect(page.getByText('We have restored the answers you typed in this browser earlier.')).toBeVisible();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('Ivan Ivanov');
});

test('a first paint the app never replaces says so after a while', async ({ browser }) => {
  const page = await newPage(browser, { waitForApp: false });
  await page.clock.install();
  await holdTheApp(page, true);
  await page.goto(`${FORM}?lang=en`, { waitUntil: 'domcontentloaded' });
  const status = page.locator('#prerender-slow');
  await expect(status).toHaveText('');
  await page.clock.fastForward(9000);
  await expect(status).toHaveText('The form is still loading. If it does not appear soon, reload the page.');
  await expect(status).toHaveAttribute('role', 'status');
});

// What a person (and assistive technology) meets on the page: each element's tag, text and
// the attributes that matter, with the value or checked state of every control. Disabled is
// the first paint's only difference (its buttons wait for the app), and the app's live region
// and fee are its own.
async function drawing(page: Page) {
  return page.evaluate(() => {
    const skip = (e: Element) => e.closest('[role="status"], .fee, noscript, #prerender > script') !== null;
    const names = ['id', 'name', 'type', 'for', 'href', 'lang', 'class', 'rows', 'aria-describedby', 'aria-invalid',
      'aria-current', 'aria-pressed', 'aria-label', 'autocomplete', 'inputmode', 'spellcheck', 'placeholder', 'min', 'max',
      'accept', 'tabindex', 'target', 'rel', 'novalidate'];
    const selector = 'a, header, nav, main, h1, h2, h3, p:not(.computed), .computed .label, ol, li, form, fieldset, legend, label, input, select, option, textarea, button, div.field, div.choice, div.actions, div.save-later, div.row-actions';
    return Array.from(document.body.querySelectorAll(selector))
      .filter((e) => !skip(e))
      .map((e) => {
        const attributes = names.filter((n) => e.hasAttribute(n)).map((n) => `${n}=${e.getAttribute(n)}`);
        const control = e as HTMLInputElement;
        const state = e.matches('input[type=radio], input[type=checkbox]') ? `checked=${control.checked}`
          : e.matches('input, select, textarea') ? `value=${control.value}` : '';
        const text = e.matches('input, select, textarea') ? '' : (e.textContent ?? '').replace(/\s+/g, ' ').trim();
        return [e.tagName.toLowerCase(), attributes.join(' '), state, text].join(' | ');
      });
  });
}


for (const form of seedForms) {
  for (const lang of definition(form).languages as string[]) {
    test(`${form} in ${lang}: the first paint draws the first step as the app does`, async ({ browser }) => {
      const before = await newPage(browser, { waitForApp: false });
      await holdTheApp(before, true);
      await before.goto(`/f/${form}?lang=${lang}`);
      await expect(before.locator('#prerender main')).toHaveCount(1);
      const drawnByServer = await drawing(before);

      const after = await newPage(browser);
      await after.goto(`/f/${form}?lang=${lang}`);
      await expect(after.locator('#prerender')).toHaveCount(0);
      const drawnByApp = await drawing(after);
      // The frame, the heading, the step's questions and Continue, at the least.
      expect(drawnByServer.length).toBeGreaterThan(15);
      expect(drawnByServer).toEqual(drawnByApp);
    });
  }
}
