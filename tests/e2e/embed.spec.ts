// A portal on another origin (127.0.0.2, a server of the test's own) embeds a form with
// /embed.js and a placeholder: the script makes the iframe, sizes it from the form's messages,
// and re-emits them (resize, step, submitted) as DOM events; messages from anywhere else are ignored.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as http from 'node:http';

const port = Number(process.env.E2E_PORT ?? 18080);
const base = `http://127.0.0.1:${port}`;
const portal = `http://127.0.0.2:${port + 1}`;

const PAGE = `<!doctype html><html lang="en"><head><title>Portal</title>
<script src="${base}/embed.js" defer></script></head>
<body><main><h1>Portal of the municipality</h1>
<div id="place" data-form="public-information-request" data-lang="en"
     data-title="Request for access to public information"></div>
</main>
<script>
  window.seen = [];
  document.addEventListener('forms:submitted', (e) => window.seen.push(['submitted', e.detail.reference]));
  document.addEventListener('forms:resize', (e) => window.seen.push(['resize', e.detail.height]));
  document.addEventListener('forms:step', (e) => window.seen.push(['step', e.detail.step, e.detail.index, e.detail.count]));
</script></body></html>`;

test('a portal embeds a form: the frame is sized to it, and the submission is announced', async ({ browser }) => {
  const host = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  });
  await new Promise<void>((resolve) => host.listen(port + 1, '127.0.0.2', resolve));
  try {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${portal}/service.html`);
    const iframe = page.locator('#place iframe');
    await expect(iframe).toHaveAttribute('title', 'Request for access to public information');
    const frame = page.frameLocator('#place iframe');
    await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Request for access to public information');
    // The app has replaced the server's first paint of the step (its height is the app's).
    await expect(frame.locator('html[data-ready]')).toHaveCount(1);
    // No site chrome inside the portal; the frame is as tall as the form (not the default 40rem).
    await expect(frame.locator('.brand')).toBeHidden();
    // The portal's page with the form in it (axe-core checks inside the frame too). The
    // portal's <main> and the form's are in two documents; axe counts them as one page's two
    // main landmarks, which is the portal's layout to judge, not the form's.
    const axe = await new AxeBuilder({ page }).disableRules(['landmark-unique']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await expect.poll(async () => page.evaluate(() => (window as any).seen.some((e: any[]) => e[0] === 'resize'))).toBe(true);
    const frameHeight = async () => (await iframe.boundingBox())?.height ?? 0;
    const contentHeight = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
    await expect.poll(frameHeight).toBe(contentHeight);

    // A message from the portal's own page, not the frame, changes nothing.
    await page.evaluate(() => window.postMessage({ type: 'forms:resize', height: 5 }, '*'));
    await page.waitForTimeout(200);
    expect(await frameHeight()).toBe(contentHeight);

    await frame.getByLabel('Full name or organisation name').fill('Ivan Petrov Ivanov');
    await frame.getByLabel('Correspondence address').fill('1 Shipka St, Sofia');
    await frame.getByLabel('Description of the information requested').fill('The 2026 municipal budget.');
    await frame.getByRole('button', { name: 'Continue', exact: true }).click();
    // The portal hears of the move to the review (position 1 of a one-step form).
    await expect.poll(async () => page.evaluate(() => (window as any).seen.filter((e: any[]) => e[0] === 'step'))).toEqual([
      ['step', 'review', 1, 1],
    ]);
    await frame.getByRole('button', { name: 'Submit application' }).click();
    const reference = await frame.locator('.reference').innerText();
    expect(reference).toMatch(/^\d{4}-\d{6}-\d{2}$/);
    await expect.poll(async () => page.evaluate(() => (window as any).seen.filter((e: any[]) => e[0] === 'submitted'))).toEqual([
      ['submitted', reference],
    ]);
  } finally {
    host.close();
  }
});

test('/embed.js is served as JavaScript', async ({ request }) => {
  const response = await request.get('/embed.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('javascript');
  expect(await response.text()).toContain("'forms:'");
});
