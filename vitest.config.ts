import { defineConfig } from 'vitest/config';

// Two projects so a developer can run the fast unit tests alone; `npm test` runs both.
// Tests run in Node on the tfjs CPU backend (see tests/setup-tf.ts).
export default defineConfig({
  test: {
    // Vitest's own summary, then one plain 'N passed, N failed' line (tests/summary-reporter.ts).
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/setup-tf.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'parity',
          include: ['tests/parity/**/*.test.ts'],
          setupFiles: ['tests/setup-tf.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/setup-tf.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          // One browser at a time: software WebGPU needs both cores.
          fileParallelism: false,
          testTimeout: 400_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
