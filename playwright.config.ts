import { defineConfig } from '@playwright/test';

// Browser mode is started once for the run by test/e2e/global-setup.ts
// (`callscope serve` on an empty temp archive); the specs read its URL and
// token from the environment. `npm run test:e2e` builds the renderer first.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 720 },
  },
});
