// A multi-step form as a person fills it: the Customs Agency's registration for e-services
// (four steps: radio buttons that show and hide groups, a repeatable group of numbers, dates,
// checkboxes, a yes-or-no question), then the review and the confirmation. axe-core checks
// every step; the repeatable group is driven with its buttons, as a keyboard user would.
import { test, expect, type Page } from '@playwright/test';
import { newPage, expectNoAxeViolations } from './pages';
import { example, fillForm } from './fill';

const FORM = '/f/customs-eservices-registration';

const heading = (page: Page) => page.locator('#step-heading');
const proceed = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true }).click();

test('a four-step registration: conditions, rows, dates and choices, reviewed and submitted', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await expect(heading(page)).toContainText('Step 1 of 4');
  await expect(page.locator('.steps li[aria-current="step"]')).toHaveText('Applicant');
  await expectNoAxeViolations(page);

  // Nothing chosen: Continue shows the step's errors only, and focuses the summary.
  await proceed(page);
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary li')).toHaveCount(3);
  // The document's title names the step, with "Error:" first while errors show.
  await expect(page).toHaveTitle(/^Error: Step 1 of 4: Applicant – Application for registration/);
  await expectNoAxeViolations(page);

  // An entity first (its EIK typed), then a natural person: the entity's group goes, and what
  // was typed in it is kept on the page but never sent.
  await page.getByRole('radio', { name: 'a legal entity or sole trader' }).check();
  await page.getByLabel('UIC (EIK) / BULSTAT code').fill('131272009');
  await expect(page.getByRole('group', { name: 'Natural person' })).toHaveCount(0);
  await page.getByRole('radio', { name: 'a natural person' }).check();
  const person = page.getByRole('group', { name: 'Natural person' });
  await expect(person).toBeVisible();
  await expect(page.getByRole('group', { name: 'Legal entity' })).toHaveCount(0);
  await person.getByLabel('First name').fill('Ivan');
  await person.getByLabel('Surname').fill('Ivanov');
  await person.getByRole('radio', { name: 'Personal number (EGN)' }).check();
  const egn = person.getByRole('textbox', { name: 'Personal number (EGN)' });
  // The EGN's check digit is checked by forms-core in the browser.
  await egn.fill('7501020019');
  await egn.blur();
  await expect(egn).toHaveAttribute('aria-invalid', 'true');
  await egn.fill('750102 0018');
  await expect(egn).toHaveAttribute('aria-invalid', 'false');
  await page.getByLabel('E-mail address').fill('ivan.ivanov@example.bg');
  await page.getByLabel('Telephone').fill('0888 123 456');
  await proceed(page);

  // Step 2: one row to begin with (the group is required); focus is on the step's heading.
  await expect(heading(page)).toContainText('Step 2 of 4');
  await expect(heading(page)).toBeFocused();
  await expect(page).toHaveTitle(/^Step 2 of 4: Identification numbers – /);
  await expect(page.locator('fieldset.row')).toHaveCount(1);
  await page.locator('#field-numbers-0-kind').selectOption('eori');
  await page.locator('#field-numbers-0-eori').fill('BG7501020018');
  await page.getByRole('button', { name: 'Add another entry' }).click();
  await expect(page.locator('#field-numbers-1-kind')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Entry 2 added.' })).toHaveCount(1);
  await page.locator('#field-numbers-1-kind').selectOption('excise');
  await page.locator('#field-numbers-1-excise').fill('BG00000012345');
  await expectNoAxeViolations(page);

  // Entry 2 moves up: the answers move with it, and focus stays on the moved entry.
  await page.getByRole('button', { name: 'Move entry 2 up' }).click();
  await expect(page.locator('#field-numbers-0-kind')).toHaveValue('excise');
  await expect(page.locator('#field-numbers-0-excise')).toHaveValue('BG00000012345');
  await expect(page.locator('#field-numbers-1-eori')).toHaveValue('BG7501020018');
  await expect(page.getByRole('button', { name: 'Move entry 1 down' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Entry 2 is now entry 1.' })).toHaveCount(1);

  // Removed: one row left, focus on "Add another entry".
  await page.getByRole('button', { name: 'Remove entry 1' }).click();
  await expect(page.locator('fieldset.row')).toHaveCount(1);
  await expect(page.locator('#field-numbers-0-eori')).toHaveValue('BG7501020018');
  await expect(page.getByRole('button', { name: 'Add another entry' })).toBeFocused();
  // The last row of a required group cannot be removed.
  await expect(page.getByRole('button', { name: 'Remove entry 1' })).toHaveCount(0);

  // Back keeps the answers; Continue again.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(heading(page)).toContainText('Step 1 of 4');
  await expect(person.getByLabel('First name')).toHaveValue('Ivan');
  await proceed(page);
  await proceed(page);

  // Step 3: dates.
  await expect(heading(page)).toContainText('Step 3 of 4');
  await page.getByLabel('Certificate holder').fill('Ivan Petrov Ivanov');
  await page.getByLabel('Issuer (trust service provider)').fill('B-Trust Operational Qualified CA');
  await page.getByLabel('Certificate serial number').fill('5a 3f 09 c1 7e 22 4b 10');
  await page.getByLabel('Valid from').fill('2025-03-14');
  await page.getByLabel('Valid until').fill('2028-03-13');
  await expectNoAxeViolations(page);
  await proceed(page);

  // Step 4: checkboxes and yes or no.
  await expect(heading(page)).toContainText('Step 4 of 4');
  await page.getByRole('checkbox', { name: 'Bulgarian transit management system (BSUT, NCTS)' }).check();
  await page.getByRole('checkbox', { name: 'Export Control System (ECS)' }).check();
  await page.getByRole('radio', { name: 'Yes' }).check();
  await expectNoAxeViolations(page);
  await proceed(page);

  // The review: answers as people read them, dates in the language's words.
  await expect(heading(page)).toHaveText('Check your answers before sending the application');
  const answers = page.locator('.answers').first();
  await expect(answers).toContainText('a natural person');
  await expect(page.locator('main')).toContainText('14 March 2025');
  await expect(page.locator('main')).toContainText(
    'Bulgarian transit management system (BSUT, NCTS), Export Control System (ECS)',
  );
  await expect(page.locator('main')).toContainText('BG7501020018');
  await expectNoAxeViolations(page);

  // "Change" goes to the answer's step and focuses it.
  await page.getByRole('link', { name: 'Change Certificate holder' }).click();
  await expect(heading(page)).toContainText('Step 3 of 4');
  await expect(page.getByLabel('Certificate holder')).toBeFocused();
  // Continue goes straight back to the review.
  await proceed(page);
  await expect(heading(page)).toHaveText('Check your answers before sending the application');
  // An answer in a row is named with its entry.
  await expect(page.getByRole('link', { name: 'Change EORI number (Entry 1)' })).toBeVisible();

  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/submissions'));
  await page.getByRole('button', { name: 'Submit application' }).click();
  const body = (await sent).postDataJSON();
  expect(body.data.applicant_kind).toBe('person');
  expect(body.data.company).toBeUndefined();
  expect(JSON.stringify(body)).not.toContain('131272009');
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  await expect(page.locator('.reference')).toHaveText(/^\d{4}-\d{6}-\d{2}$/);
  await expectNoAxeViolations(page);
});

test('hidden answers are kept while hidden and never sent', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await page.getByRole('radio', { name: 'a natural person' }).check();
  await page.getByRole('group', { name: 'Natural person' }).getByLabel('First name').fill('Ivan');
  await page.getByRole('radio', { name: 'a legal entity or sole trader' }).check();
  await expect(page.getByRole('group', { name: 'Natural person' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Legal entity' })).toBeVisible();
  await page.getByRole('radio', { name: 'a natural person' }).check();
  await expect(page.getByRole('group', { name: 'Natural person' }).getByLabel('First name')).toHaveValue('Ivan');
});

test('at 320 CSS pixels (a phone, or 200% zoom) no step and no review scrolls sideways', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const form = 'puesc-eklient-registration';
  await page.goto(`/f/${form}?lang=en`);
  const fits = async () => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  };
  await fillForm(page, form, 'en', example(form, 'valid-foreigner-three-powers.json'), fits);
  await expect(page.locator('#step-heading')).toHaveText('Check your answers before sending the application');
  await fits();
});
