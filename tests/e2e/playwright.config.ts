// Playwright drives Debian's Chromium (never a downloaded browser) against the real `forms serve`
// binary, on a loopback port, with a throw-away SQLite database.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 18080);
const root = path.resolve(__dirname, '..', '..');
const database = path.join(os.tmpdir(), `forms-e2e-${process.pid}`, 'forms.sqlite');

export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `${path.join(root, 'target', 'debug', 'forms')} serve`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      FORMS_BIND: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${database}`,
      FORMS_DEFINITIONS_DIR: path.join(root, 'form-definitions'),
      FORMS_WEB_DIR: path.join(root, 'forms-web', 'dist'),
      RUST_LOG: 'warn',
      // Every browser of the suite comes from 127.0.0.1: one client to the rate limiter.
      FORMS_RATE_LIMIT: '10000',
      // Fees are paid at the local pay.egov.bg simulator, which notifies this server back.
      FORMS_PAYMENT_SIMULATOR: 'true',
      FORMS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // The portal of the embedding test, on another origin.
      FORMS_FRAME_ANCESTORS: `http://127.0.0.2:${port + 1}`,
    },
  },
});
