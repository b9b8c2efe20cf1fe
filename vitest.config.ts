import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root, 'server-only': `${root}test/server-only.ts` };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['{lib,components,app}/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
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
