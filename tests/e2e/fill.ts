// Fills a seed form in the browser from one of its example submissions, step by step, as the
// definition orders its questions (so that answers which show other questions come first).
// Elements are found by the ids the app derives from JSON Pointers (`/powers/0/document` is
// `#field-powers-0-document`); choices by their values.
import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

// The ids of the seed forms, in order.
export const seedForms: string[] = fs
  .readdirSync(path.join(root, 'form-definitions'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

export function definition(form: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, 'form-definitions', `${form}.json`), 'utf8'));
}

export function example(form: string, name: string): any {
  return JSON.parse(fs.readFileSync(path.join(root, 'form-definitions', 'examples', form, name), 'utf8'));
}

// A page, or a portal's frame with the form in it (filled by pointer ids; the keyboard-only
// runs are of pages).
type Surface = Page | Frame;

const elementId = (pointer: string) => 'field' + pointer.replace(/\//g, '-');
const applicant = (field: any) => field.filled_by !== 'administration';

// The element of `pointer`, or null when the question is hidden. The app updates the page in
// microtasks after each change; once the browser has drawn the next frame, what is not there
// is not shown.
async function shown(page: Surface, pointer: string) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  const element = page.locator(`[id="${elementId(pointer)}"]`);
  return (await element.count()) > 0 ? element : null;
}

async function answer(page: Surface, field: any, pointer: string, value: any, keys: boolean): Promise<void> {
  if (!applicant(field) || value === undefined || value === null) return;
  switch (field.type) {
    case 'static':
    case 'computed':
      return;
    case 'group':
      for (const child of field.fields) await answer(page, child, `${pointer}/${child.key}`, value[child.key], keys);
      return;
    case 'repeatable': {
      const add = await shown(page, pointer);
      if (!add) return;
      const rows = add.locator('xpath=..').locator(':scope > fieldset.row');
      for (let tries = 0; (await rows.count()) < value.length; tries++) {
        expect(tries, `rows of ${pointer}`).toBeLessThan(value.length + 1);
        await activate(page, add, keys);
      }
      for (const [i, row] of value.entries()) {
        for (const child of field.fields) await answer(page, child, `${pointer}/${i}/${child.key}`, row[child.key], keys);
      }
      return;
    }
  }
  const element = await shown(page, pointer);
  if (!element) return;
  const name = elementId(pointer);
  if (keys) return answerByKeyboard(page as Page, field, element, name, value);
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

// Moves focus with Tab (Shift+Tab when the target comes before the focused element) until
// `target` has it, within a bounded number of presses.
export async function tabTo(page: Page, target: Locator) {
  const backwards = await target.evaluate((e) => {
    const active = document.activeElement;
    if (!active || active === document.body) return false;
    return !!(active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING);
  });
  for (let i = 0; i < 100; i++) {
    if (await target.evaluate((e) => e === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

// One answer given with the keyboard alone: Tab to the control, then type, Space, or the arrow
// keys. A file is the exception: the system's file chooser is outside the page, so the file is
// handed to the focused input.
async function answerByKeyboard(page: Page, field: any, element: Locator, name: string, value: any) {
  const keyboard = page.keyboard;
  switch (field.type) {
    case 'radio':
    case 'yes_no': {
      const target = page.locator(`input[name="${name}"][value="${String(value)}"]`);
      // Tab reaches the group once (its checked radio, or its first); the arrows choose.
      const inGroup = () => page.evaluate((n) => (document.activeElement as HTMLInputElement | null)?.name === n, name);
      for (let i = 0; i < 100 && !(await inGroup()); i++) await keyboard.press('Tab');
      const count = await page.locator(`input[name="${name}"]`).count();
      for (let i = 0; i <= count && !(await target.evaluate((e) => e === document.activeElement)); i++) {
        await keyboard.press('ArrowDown');
      }
      if (!(await target.isChecked())) await keyboard.press('Space');
      await expect(target).toBeChecked();
      return;
    }
    case 'checkboxes':
      for (const v of value) {
        const box = page.locator(`input[name="${name}"][value="${v}"]`);
        await tabTo(page, box);
        if (!(await box.isChecked())) await keyboard.press('Space');
        await expect(box).toBeChecked();
      }
      return;
    case 'select': {
      await tabTo(page, element);
      const steps = await element.evaluate((e, v) => {
        const select = e as HTMLSelectElement;
        return [...select.options].findIndex((o) => o.value === v) - select.selectedIndex;
      }, String(value));
      for (let i = 0; i < Math.abs(steps); i++) await keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
      await expect(element).toHaveValue(String(value));
      return;
    }
    case 'file':
      await tabTo(page, element);
      await element.setInputFiles({ name: value.name, mimeType: value.media_type, buffer: Buffer.alloc(value.size) });
      return;
    case 'date': {
      await tabTo(page, element);
      // The segments in the order of the browser's own language (headless Chromium's is
      // American English whatever the page's: month, day, year).
      const [y, m, d] = String(value).split('-');
      await keyboard.type(`${m}${d}${y}`);
      await expect(element).toHaveValue(String(value));
      return;
    }
    default:
      await tabTo(page, element);
      await keyboard.press('ControlOrMeta+A');
      await keyboard.type(String(value));
  }
}

// Presses a button: with the keyboard (Tab to it, Enter) when `keys`, else a click.
export async function activate(page: Surface, button: Locator, keys: boolean) {
  if (keys) {
    await tabTo(page as Page, button);
    await (page as Page).keyboard.press('Enter');
  } else {
    await button.click();
  }
}

// Answers every step from `data` and goes on to the review; `check` runs on each filled step.
// With `keys`, only the keyboard is used (see answerByKeyboard).
export async function fillForm(
  page: Surface,
  form: string,
  lang: string,
  data: any,
  check?: () => Promise<void>,
  keys = false,
) {
  const def = definition(form);
  const steps = def.steps.filter((s: any) => s.fields.some(applicant));
  for (const step of steps) {
    await expect(page.locator('#step-heading')).toContainText(step.title[lang]);
    for (const field of step.fields) await answer(page, field, `/${field.key}`, data[field.key], keys);
    if (check) await check();
    await activate(page, page.locator('form button[type="submit"]'), keys);
    const summary = page.locator('.error-summary');
    if (await summary.isVisible()) {
      throw new Error(`step ${step.id} refused: ${await summary.innerText()}`);
    }
  }
  await expect(page.locator('#step-heading')).not.toContainText(steps[steps.length - 1].title[lang]);
}
