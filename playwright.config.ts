import { defineConfig } from '@playwright/test';
import { launchOptions } from './src/export/browser/index.ts';

const PORT = Number(process.env.SLIDEWRIGHT_TEST_PORT ?? 4179);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 60_000,
  // Visual regression baselines (tests/e2e/visual.spec.ts), committed under tests/e2e/__screenshots__/.
  // One Chromium everywhere (the Debian one in CI), so no platform suffix in the names.
  // Refresh on purpose with `npm run test:update-snapshots`.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFilePath}/{arg}{ext}',
  expect: {
    toHaveScreenshot: {
      // A pixel counts as changed past a small colour difference (0–1, YIQ); more than 0.01 % of
      // the pixels changed (67 on a 960×700 slide, less than one letter) fails the test.
      threshold: 0.1,
      maxDiffPixelRatio: 0.0001,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    },
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    // The product's own browser discovery: CHROME_PATH, Playwright's browser, then the system's.
    launchOptions: launchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: {
    // The built site, as visitors get it.
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
