// Fills a seed form in the browser from one of its example submissions, step by step, as the
// definition orders its questions (so that answers which show other questions come first).
// Elements are found by the ids the app derives from JSON Pointers (`/powers/0/document` is
// `#field-powers-0-document`); choices by their values.
import { expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

export function definition(form: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, 'form-definitions', `${form}.json`), 'utf8'));
}

export function example(form: string, name: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, 'form-definitions', 'examples', form, name), 'utf8'));
}

const elementId = (pointer: string) => 'field' + pointer.replace(/\//g, '-');
const applicant = (field: any) => field.filled_by !== 'administration';

// The element of `pointer`, or null when the question is hidden. The app updates the page in
// microtasks after each change; once the browser has drawn the next frame, what is not there
// is not shown.
async function shown(page: Page, pointer: string) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  const element = page.locator(`[id="${elementId(pointer)}"]`);
  return (await element.count()) > 0 ? element : null;
}

async function answer(page: Page, field: any, pointer: string, value: any): Promise<void> {
  if (!applicant(field) || value === undefined || value === null) return;
  switch (field.type) {
    case 'static':
    case 'computed':
      return;
    case 'group':
      for (const child of field.fields) await answer(page, child, `${pointer}/${child.key}`, value[child.key]);
      return;
    case 'repeatable': {
      const add = await shown(page, pointer);
      if (!add) return;
      const rows = add.locator('xpath=..').locator(':scope > fieldset.row');
      for (let tries = 0; (await rows.count()) < value.length; tries++) {
        expect(tries, `rows of ${pointer}`).toBeLessThan(value.length + 1);
        await add.click();
      }
      for (const [i, row] of value.entries()) {
        for (const child of field.fields) await answer(page, child, `${pointer}/${i}/${child.key}`, row[child.key]);
      }
      return;
    }
  }
  const element = await shown(page, pointer);
  if (!element) return;
  const name = elementId(pointer);
  switch (field.type) {
    case 'radio':
    case 'yes_no':
      await page.locator(`input[name="${name}"][value="${String(value)}"]`).check();
      return;
    case 'checkboxes':
      for (const v of value) await page.locator(`input[name="${name}"][value="${v}"]`).check();
      return;
    case 'select':
      await element.selectOption(String(value));
      return;
    case 'file':
      await element.setInputFiles({ name: value.name, mimeType: value.media_type, buffer: Buffer.alloc(value.size) });
      return;
    default:
      await element.fill(String(value));
  }
}

// Answers every step from `data` and goes on to the review; `check` runs on each filled step.
export async function fillForm(page: Page, form: string, lang: string, data: any, check?: () => Promise<void>) {
  const def = definition(form);
  const steps = def.steps.filter((s: any) => s.fields.some(applicant));
  for (const step of steps) {
    await expect(page.locator('#step-heading')).toContainText(step.title[lang]);
    for (const field of step.fields) await answer(page, field, `/${field.key}`, data[field.key]);
    if (check) await check();
    await page.locator('form button[type="submit"]').click();
    const summary = page.locator('.error-summary');
    if (await summary.isVisible()) {
      throw new Error(`step ${step.id} refused: ${await summary.innerText()}`);
    }
  }
  await expect(page.locator('#step-heading')).not.toContainText(steps[steps.length - 1].title[lang]);
}
