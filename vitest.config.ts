import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// Tests keep their activity logs apart from the user's own (~/.local/state/switchyard).
const dataDir = process.env.SWITCHYARD_DATA_DIR ?? join(tmpdir(), `switchyard-test-${Date.now()}`);
const env = { SWITCHYARD_DATA_DIR: dataDir };
const alias = { '@': root, 'server-only': `${root}test/server-only.ts` };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['{lib,components,app,scripts}/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One engine, shared: suites run one after another.
          fileParallelism: false,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'system',
          env,
          include: ['test/system/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/system/global-setup.ts'],
        },
      },
      {
        // Not a test: `npm run record-fixture` records engine JSON for the unit tests.
        resolve: { alias },
        test: { name: 'record', include: ['scripts/record-fixture.rec.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
});
