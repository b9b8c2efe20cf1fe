import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** Debian's chromium by default; CHROMIUM_PATH points at another build. Never a downloaded browser. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 3100);
// The activity log of this run only, never the user's own (~/.local/state/switchyard): the app
// under test keeps it here; a server a test starts itself (startServer) gets a directory of its
// own unless the test names this one (e2e/read-only.spec.ts does).
process.env.SWITCHYARD_DATA_DIR ??= join(tmpdir(), `switchyard-e2e-${Date.now()}`);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1400, height: 900 } } }],
  webServer: {
    // The built app (`next build` runs before e2e in scripts/test-all.sh).
    command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: '1', SWITCHYARD_DATA_DIR: process.env.SWITCHYARD_DATA_DIR },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
