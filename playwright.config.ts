import { defineConfig } from '@playwright/test';

/**
 * Playwright drives Debian's Chromium (never `playwright install`: no downloads here) against the
 * built renderer served by the browser host, and runs the Electron suite where the binary exists.
 */
export const chromiumPath = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  // One worker: each test starts a simulator and a browser host, and the machine has two cores.
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results',
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1600, height: 900 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
            '--autoplay-policy=no-user-gesture-required',
          ],
        },
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
