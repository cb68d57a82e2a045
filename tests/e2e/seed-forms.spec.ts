// Every seed form, in every language it offers, filled in the browser from one of its valid
// example submissions (in its first language with the keyboard alone): axe-core finds nothing on the first step showing its errors, on every
// step filled, on the review, the confirmation and the status page; the server accepts what the
// browser judged valid (the same forms-core on both sides).
import { test, expect } from '@playwright/test';
import { newPage, expectNoAxeViolations } from './pages';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root, definition, example, fillForm, activate, seedForms } from './fill';


for (const form of seedForms) {
  const examples = fs
    .readdirSync(path.join(root, 'form-definitions', 'examples', form))
    .filter((f) => f.startsWith('valid-'))
    .sort();
  const languages = definition(form).languages as string[];
  for (const lang of languages) {
    const keys = lang === languages[0];
    const how = keys ? 'with the keyboard alone' : 'by pointer';
    test(`${form} in ${lang}: filled ${how} from ${examples[0]}, accessible at every step`, async ({ browser }) => {
      // Key by key, a Tab for every control and axe-core on every step: the largest forms
      // took 28-30 s of the 30 s allowed on a loaded 2-core machine. Three times that.
      test.slow(keys, 'filled with the keyboard alone');
      const page = await newPage(browser);
      await page.goto(`/f/${form}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('h1')).toHaveText(definition(form).title[lang]);
      // The first step refused empty: its error summary, focused.
      await page.locator('form button[type="submit"]').click();
      await expect(page.locator('.error-summary')).toBeFocused();
      await expectNoAxeViolations(page, 'first step with errors');

      let step = 0;
      await fillForm(page, form, lang, example(form, examples[0]), () =>
        expectNoAxeViolations(page, `step ${++step}`),
        keys,
      );
      await expect(page.locator('#step-heading')).toBeFocused();
      await expectNoAxeViolations(page, 'review');
      await activate(page, page.locator('form button[type="submit"]'), keys);
      await expect(page.locator('.reference')).toHaveText(/^\d{4}-\d{6}-\d{2}$/);
      await expectNoAxeViolations(page, 'confirmation');
      await page.locator(`a[href^="/s/"]`).click();
      await expect(page.locator('#status')).not.toBeEmpty();
      await expectNoAxeViolations(page, 'status page');
    });
  }
}
