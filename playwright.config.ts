import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium';

/**
 * Playwright drives Debian's Chromium (never `playwright install`: no downloads here) against the
 * built renderer served by the browser host, and runs the Electron suite where the binary exists.
 */
const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 1600, height: 900 },
  launchOptions: {
    executablePath: chromiumPath,
    args: chromiumArgs,
  },
};

export default defineConfig({
  // One worker: each test starts a simulator and a browser host, and the machine has two cores.
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results',
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', use: chromium },
    { name: 'electron', testDir: 'tests/electron' },
    // The README's pictures (`npm run screenshots`): not tests, so `npm test` leaves this project out.
    {
      name: 'screenshots',
      testDir: 'tests/screenshots',
      testMatch: '**/*.shots.ts',
      use: chromium,
    },
  ],
});
