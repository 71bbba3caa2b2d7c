/**
 * Builds the static site in a child process, as `npm run build` does but without the typecheck:
 * for the e2e tests (tests/e2e/global-setup.ts) and the browser benchmarks. A child process,
 * because Vitest sets NODE_ENV=test, which would make React and its JSX transform build for
 * development. `testHooks` compiles in the `?test` hook (src/ui/test-hooks.ts) the tests and
 * benchmarks drive the page through; the deployed build has none.
 */
import { execFileSync } from 'node:child_process';

/** Where the build with test hooks goes: never dist/, so a deploy cannot pick it up. */
export const TEST_SITE_DIR = '.cache/test-site';

/**
 * `wasmThreads` overrides the shipped choice of src/worker/wasm-backend.ts (WASM_THREADS_DEFAULT)
 * for this build: the wasm threads bench and e2e test build with threads on.
 */
export function buildSite(opts: {
  outDir: string;
  testHooks: boolean;
  wasmThreads?: boolean;
}): void {
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
      '--outDir',
      opts.outDir,
      '--emptyOutDir',
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'production',
        VITE_TEST_HOOKS: opts.testHooks ? '1' : '',
        VITE_WASM_THREADS: opts.wasmThreads === undefined ? '' : opts.wasmThreads ? '1' : '0',
      },
    },
  );
}
