import { defineConfig } from 'vitest/config';

/**
 * Test projects by size (style.md §7.10):
 * - unit: pure code, no database (`*.test.ts`), including the web app's pure helpers
 * - integration: services and repositories on a real database (`*.int.test.ts`); PGlite by
 *   default, a real PostgreSQL server when DATABASE_URL is set (`npm run test:pg`)
 * - e2e: the built app in Debian's Chromium through playwright-core (`test/e2e/*.e2e.ts`)
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          // A few unit tests start the CLI (a Node process): seconds on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
