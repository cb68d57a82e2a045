// The walking skeleton, as a person uses it: open the form, meet a required-field error, fix it,
// submit, read the reference number. Found by roles and labels, as a screen reader finds them.
import { test, expect, type Page } from '@playwright/test';
import { newPage, expectNoAxeViolations } from './pages';
import { tabTo } from './fill';

const FORM = '/f/public-information-request';

// The form's three required answers, then Continue (to the review).
async function answerAndContinue(page: Page) {
  await page.getByLabel('Full name or organisation name').fill('Ivan Ivanov');
  await page.getByLabel('Correspondence address').fill('1 Shipka St, Sofia');
  await page.getByLabel('Description of the information requested').fill('The 2026 budget.');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

test('a required field shows its error, the fixed form is reviewed, submitted and shows a reference', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request for access to public information');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Step 1 of 1');

  const name = page.getByLabel('Full name or organisation name');
  await name.focus();
  await name.blur();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Enter “Full name or organisation name”\./);

  await name.fill('Ivan Petrov Ivanov');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText('Enter “Full name or organisation name”.')).toHaveCount(0);

  // Going on with the other required answers missing shows the error summary, focused.
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const summary = page.getByRole('heading', { name: 'There is a problem' });
  await expect(summary).toBeVisible();
  await expect(page.locator('.error-summary')).toBeFocused();
  await page.getByRole('link', { name: 'Enter “Correspondence address”.' }).click();
  await expect(page.getByLabel('Correspondence address')).toBeFocused();

  await page.getByLabel('Correspondence address').fill('1 Shipka St, Sofia');
  await page.getByLabel('Description of the information requested').fill('The 2026 municipal budget.');
  // The summary goes as soon as nothing is wrong.
  await expect(summary).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // The review lists every answer, each with its Change link, and focus is on its heading.
  const review = page.getByRole('heading', { name: 'Check your answers before sending the application' });
  await expect(review).toBeFocused();
  await expect(page.locator('.answers')).toContainText('1 Shipka St, Sofia');
  await page.getByRole('link', { name: 'Change Full name or organisation name' }).click();
  await expect(name).toBeFocused();
  await name.fill('Ivan Ivanov');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.locator('.answers')).toContainText('Ivan Ivanov');
  await page.getByRole('button', { name: 'Submit application' }).click();

  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  const reference = await page.locator('.reference').innerText();
  expect(reference).toMatch(/^\d{4}-\d{6}-\d{2}$/);
  // The application as sent, ready to print.
  await expect(page.getByRole('heading', { name: 'Your application' })).toBeVisible();
  await expect(page.locator('.application')).toContainText('The 2026 municipal budget.');
  await expect(page.getByRole('button', { name: 'Print the application' })).toBeVisible();
  // Sent: what the browser kept is gone, a new visit starts empty.
  await page.goto(`${FORM}?lang=en`);
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('');
});

test('what was typed survives a reload, and "Start again" empties the form', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  const restored = page.getByText('We have restored the answers you typed in this browser earlier.');
  // A form opened and left keeps nothing.
  await expect(page.getByLabel('Full name or organisation name')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Full name or organisation name')).toBeVisible();
  await expect(restored).toHaveCount(0);
  await page.getByLabel('Full name or organisation name').fill('Maria Georgieva');
  await page.reload();
  await expect(page.getByText('We have restored the answers you typed in this browser earlier.')).toBeVisible();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('Maria Georgieva');
  await page.getByRole('button', { name: 'Start again with an empty form' }).click();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: 'The form is empty again.' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('');
  await expect(restored).toHaveCount(0);
});

test('"Save and continue later" gives a link that opens the answers in another browser, until they are sent', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await page.getByLabel('Full name or organisation name').fill('Petar Dimitrov');
  await page.getByRole('button', { name: 'Save and continue later' }).click();
  await expect(page.locator('.saved')).toContainText('Your answers are saved.');
  await expect(page.getByRole('status')).toContainText('Your answers are saved.');
  const link = await page.locator('.resume-link a').getAttribute('href');
  expect(link).toMatch(/#draft=[0-9a-f]{16,}$/);
  // A change after saving is not in the draft: the page says so.
  await page.getByLabel('Correspondence address').fill('1 Shipka St');
  await expect(page.locator('.saved')).toContainText('You have changed answers since saving');

  // Another browser (no storage of the first): the draft comes from the server.
  const other = await newPage(browser);
  await other.goto(link!);
  await expect(other.getByText('We have opened the answers you saved.')).toBeVisible();
  await expect(other.getByLabel('Full name or organisation name')).toHaveValue('Petar Dimitrov');
  // The token left the address at once.
  expect(other.url()).not.toContain('draft=');
  // Once the answers are sent, the link opens them no more: the server deleted that draft.
  await other.getByLabel('Correspondence address').fill('1 Shipka St, Sofia');
  await other.getByLabel('Description of the information requested').fill('The 2026 budget.');
  await other.getByRole('button', { name: 'Continue', exact: true }).click();
  await other.getByRole('button', { name: 'Submit application' }).click();
  await expect(other.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  const after = await newPage(browser);
  await after.goto(link!);
  await expect(after.getByText('The saved answers could not be found')).toBeVisible();
  await expect(after.getByLabel('Full name or organisation name')).toHaveValue('');
  // A link whose draft is gone says so, and the form is still there to fill.
  const gone = await newPage(browser);
  await gone.goto(`${FORM}?lang=en#draft=${'0'.repeat(64)}`);
  await expect(gone.getByText('The saved answers could not be found')).toBeVisible();
  await expect(gone.getByLabel('Full name or organisation name')).toBeVisible();
});

test('the form is completed with the keyboard alone, from the list of services to the confirmation', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto('/?lang=en');
  const link = page.getByRole('link', { name: 'Request for access to public information' });
  // Tab until the service's link has focus, then follow it with Enter.
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  const name = page.getByLabel('Full name or organisation name');
  await expect(name).toBeVisible();
  await tabTo(page, name);
  await page.keyboard.type('Ivan Ivanov');
  await tabTo(page, page.getByLabel('Correspondence address'));
  await page.keyboard.type('1 Shipka St, Sofia');
  await tabTo(page, page.getByLabel('Description of the information requested'));
  await page.keyboard.type('The 2026 budget.');
  await tabTo(page, page.getByRole('button', { name: 'Continue', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Check your answers before sending the application' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Submit application' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
});

test('identifiers are checked exactly in the browser, by the same code as the server', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  const eik = page.getByLabel('UIC (EIK) of the organisation');
  // The eik_validator gem's invalid example: nine digits, wrong check digit.
  await eik.fill('123456789');
  await eik.blur();
  await expect(eik).toHaveAccessibleDescription(/is not a valid number: check that every digit is typed correctly\./);
  await eik.fill('1234');
  await expect(eik).toHaveAccessibleDescription(/must be 9 or 13 digits\./);
  // python-stdnum's "legal entity with fallback checksum" example: valid.
  await eik.fill('131 272 009');
  await expect(eik).toHaveAttribute('aria-invalid', 'false');
});

test('the form follows the language switcher without losing answers', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await page.getByLabel('Full name or organisation name').fill('Иван');
  await page.getByRole('button', { name: 'Български' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bg');
  await expect(page.getByLabel('Трите имена или наименование')).toHaveValue('Иван');
  await expect(page.getByRole('button', { name: 'Продължаване', exact: true })).toBeVisible();
});

test('the services list links to the form', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto('/?lang=bg');
  await page.getByRole('link', { name: 'Заявление за достъп до обществена информация' }).click();
  await expect(page).toHaveURL(/\/f\/public-information-request\?lang=bg$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Заявление за достъп до обществена информация');
});

test('the form page has no axe-core violations, also while showing errors', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=bg`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Продължаване', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Има проблем' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Трите имена или наименование').fill('Иван Иванов');
  await page.getByLabel('Адрес за кореспонденция').fill('ул. Шипка 1, София');
  await page.getByLabel('Описание на исканата информация').fill('Бюджетът за 2026 г.');
  await page.getByRole('button', { name: 'Продължаване', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Проверете отговорите си, преди да подадете заявлението' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Подаване на заявлението' }).click();
  await expect(page.getByRole('heading', { name: 'Заявлението е подадено' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the services list has no axe-core violations', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { name: 'Electronic services' })).toBeVisible();
  // Each service says its languages, and whether (and what) it costs.
  const eklient = page.locator('.services li').filter({ hasText: 'e-Klient' });
  await expect(eklient).toContainText('Languages: Polski, English');
  await expect(eklient).toContainText('A fee is due; its amount depends on your answers.');
  await expectNoAxeViolations(page);
  // Another language's messages are fetched when it is chosen, then every text switches.
  await page.getByRole('button', { name: 'Polski' }).click();
  await expect(page.getByRole('heading', { name: 'Usługi elektroniczne' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('button', { name: 'Polski' })).toHaveAttribute('aria-pressed', 'true');
});

test('the app runs under its Content-Security-Policy, with no inline code but its own start-up script', async ({ browser }) => {
  const page = await newPage(browser);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const response = await page.goto(`${FORM}?lang=en`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain('unsafe-inline');
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request for access to public information');
  await page.getByLabel('Full name or organisation name').fill('Иван');
  expect(violations).toEqual([]);
});

test('a lost connection or a failing server is said plainly, with a retry, and loses nothing', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await answerAndContinue(page);

  // The network fails: the message, the retry, and the review still there.
  await page.route('**/api/v1/forms/*/submissions*', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('alert')).toContainText('We could not connect to the service. Your answers have not been lost.');
  await expect(page.locator('.answers')).toContainText('The 2026 budget.');
  // Then the server fails (503).
  await page.unroute('**/api/v1/forms/*/submissions*');
  await page.route('**/api/v1/forms/*/submissions*', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"unavailable","message":"down"}}' }),
  );
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('alert')).toContainText('because of a problem with the service');
  // Back: Try again sends the same answers.
  await page.unroute('**/api/v1/forms/*/submissions*');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  await expect(page.locator('.application')).toContainText('Ivan Ivanov');
});

test("the browser's Back and Forward buttons move between the steps, answers kept", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`${FORM}?lang=en`);
  await answerAndContinue(page);
  const review = page.getByRole('heading', { name: 'Check your answers before sending the application' });
  await expect(review).toBeVisible();
  await page.goBack();
  await expect(page.locator('#step-heading')).toContainText('Step 1 of 1');
  await expect(page.locator('#step-heading')).toBeFocused();
  await expect(page.getByLabel('Full name or organisation name')).toHaveValue('Ivan Ivanov');
  await page.goForward();
  await expect(review).toBeVisible();
  await expect(page.locator('.answers')).toContainText('The 2026 budget.');
});
