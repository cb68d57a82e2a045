// Paying a fee, as a person does: the status page's Pay button, the provider's page (the local
// pay.egov.bg simulator, which notifies the server as the real one would), and back to the
// status page, which trusts only the server's ledger. e-Klient's stamp duty: 17 PLN for one
// power of attorney. The first test fills the application in the browser and pays from the
// confirmation; the others make it through the API and start from the status page.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { newPage, expectNoAxeViolations } from './pages';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fillForm, example } from './fill';

const root = path.resolve(__dirname, '..', '..');
const FORM = 'puesc-eklient-registration';

async function submit(request: APIRequestContext): Promise<{ reference: string; access_token: string }> {
  const data = JSON.parse(
    fs.readFileSync(path.join(root, 'form-definitions', 'examples', FORM, 'valid-pesel-new-entity-one-power.json'), 'utf8'),
  );
  const response = await request.post(`/api/v1/forms/${FORM}/submissions`, { data: { data } });
  expect(response.status()).toBe(201);
  const created = await response.json();
  expect(created.status).toBe('awaiting_payment');
  return created;
}

test('e-Klient filled in the browser: the confirmation asks for the stamp duty, paid at the provider', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(`/f/${FORM}?lang=en`);
  await fillForm(page, FORM, 'en', example(FORM, 'valid-pesel-new-entity-one-power.json'));
  // The fee, evaluated by forms-core as the answers change, written as English does (Intl).
  await expect(page.locator('.fee')).toContainText('PLN 17.00');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Fee to pay: PLN 17.00');
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await expect(page.locator('#amount')).toHaveText('17.00 PLN');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page.locator('#payment')).toHaveText('Paid');
  await expect(page.locator('#status')).toHaveText('Paid');
});

test('a fee is paid at the provider and the status page shows it paid once the server knows', async ({ browser, request }) => {
  const { reference, access_token } = await submit(request);
  const page = await newPage(browser);
  await page.goto(`/s/${reference}?lang=en#token=${access_token}`);
  await expect(page.locator('#status')).toHaveText('Awaiting payment');
  // The token left the address at once (it is kept in this tab only).
  expect(page.url()).not.toContain(access_token);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await expect(page.getByRole('heading', { name: 'Payment simulator' })).toBeVisible();
  await expect(page.locator('#amount')).toHaveText('17.00 PLN');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/s/${reference}\\?payment=ok&lang=en$`));
  await expect(page.locator('#payment')).toHaveText('Paid');
  await expect(page.locator('#status')).toHaveText('Paid');
  await expect(page.locator('.timeline li').last()).toContainText('Paid');
  await expect(page.getByRole('button', { name: 'Pay the fee' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a cancelled payment leaves the fee to pay, and the Pay button back', async ({ browser, request }) => {
  const { reference, access_token } = await submit(request);
  const page = await newPage(browser);
  await page.goto(`/s/${reference}?lang=en#token=${access_token}`);
  await page.getByRole('button', { name: 'Pay the fee' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${reference}\\?payment=cancel&lang=en$`));
  await expect(page.locator('#payment')).toHaveText('Cancelled');
  await expect(page.locator('#status')).toHaveText('Payment not completed');
  await expect(page.getByRole('button', { name: 'Pay the fee' })).toBeVisible();
});

test('paid from inside a portal\'s frame: the provider sends the browser back to the portal, whose frame shows it paid', async ({ browser }) => {
  const page = await newPage(browser);
  const base = 'http://127.0.0.1:' + (Number(process.env.E2E_PORT ?? 18080));
  const portal = 'http://127.0.0.2:' + (Number(process.env.E2E_PORT ?? 18080) + 1);
  // The portal's page, on another origin, served by a server of the test's own, embeds the
  // form with embed.js as a portal would.
  const host = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>Portal</title>
      <script src="${base}/embed.js" defer></script></head>
      <body><main><h1>Portal</h1>
      <div id="place" data-form="${FORM}" data-lang="en" data-title="Application"></div>
      </main></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(Number(new URL(portal).port), '127.0.0.2', resolve));
  try {
    await page.goto(`${portal}/service.html?section=tax`);
    await expect(page.frameLocator('#place iframe').locator('#step-heading')).toBeVisible();
    const frame = (await page.locator('#place iframe').elementHandle().then((e) => e?.contentFrame()))!;
    await fillForm(frame, FORM, 'en', example(FORM, 'valid-pesel-new-entity-one-power.json'));
    await frame.getByRole('button', { name: 'Submit application' }).click();
    await expect(frame.getByRole('heading', { name: 'Application submitted' })).toBeVisible();
    const reference = (await frame.locator('.reference').first().innerText()).trim();
    // Chromium refuses storage to this framed page (another site's frame): the token is in
    // the page's memory only, and gone when the browser comes back; the return code opens it.
    expect(await frame.evaluate(() => { try { return !!sessionStorage; } catch { return false; } })).toBe(false);
    await frame.getByRole('button', { name: 'Pay the fee' }).click();
    // The top window, not the frame, is at the provider's page now.
    await expect(page).toHaveURL(`${base}/simulator/egov/vpos/payment`);
    await expect(page.getByRole('heading', { name: 'Payment simulator' })).toBeVisible();
    const redeemed = page.waitForResponse((r) => r.url().endsWith(`/api/v1/submissions/${reference}/return`));
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    // Back at the portal's page (its own query kept, the server's parameters taken out), and
    // in its frame the application's status page, which redeemed the code.
    await expect(page).toHaveURL(`${portal}/service.html?section=tax`);
    const answer = await redeemed;
    expect(answer.status()).toBe(200);
    const status = page.frameLocator('#place iframe');
    await expect(status.locator('#payment')).toHaveText('Paid');
    await expect(status.locator('#status')).toHaveText('Paid');
    // The code opened the status once: used again, it opens nothing.
    const again = await page.request.post(`${base}/api/v1/submissions/${reference}/return`, {
      data: JSON.parse(answer.request().postData() ?? '{}'),
    });
    expect(again.status()).toBe(404);
  } finally {
    host.close();
  }
});
