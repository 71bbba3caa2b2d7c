/**
 * A size budget the build checks: after `vite build` writes dist/, every file is measured, the
 * sizes are printed, and the build fails when a budget is exceeded. Source maps (SOURCEMAP=1)
 * are listed but not counted: they are not downloaded by users.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

export interface SizeBudget {
  /** Everything a user may download: dist/ without source maps (app, models, data shards). */
  totalBytes: number;
  /** The app's code, styles, html and service worker: dist/ without models/, data/ and source maps. */
  appBytes: number;
  /** The entry chunk (assets/index-*.js): what the first paint waits for. */
  mainChunkBytes: number;
  /** The training worker's chunk (assets/training.worker-*.js). */
  workerChunkBytes: number;
}

export interface DistFile {
  path: string;
  bytes: number;
}

export type Measured = Record<keyof SizeBudget, number> & { mapBytes: number };

const isMap = (p: string): boolean => p.endsWith('.map');
const isContent = (p: string): boolean => /^(models|data)\//.test(p);

/** Sizes of the budgeted parts of a dist/ listing (paths relative to dist/, with '/'). */
export function measure(files: readonly DistFile[]): Measured {
  const sum = (pred: (p: string) => boolean): number =>
    files.filter((f) => pred(f.path)).reduce((n, f) => n + f.bytes, 0);
  const largest = (re: RegExp): number =>
    Math.max(0, ...files.filter((f) => re.test(f.path)).map((f) => f.bytes));
  return {
    totalBytes: sum((p) => !isMap(p)),
    appBytes: sum((p) => !isMap(p) && !isContent(p)),
    mainChunkBytes: largest(/^assets\/index-[^/]+\.js$/),
    workerChunkBytes: largest(/^assets\/training\.worker-[^/]+\.js$/),
    mapBytes: sum(isMap),
  };
}

/** One message per exceeded budget (empty when within budget). */
export function overBudget(m: Measured, budget: SizeBudget): string[] {
  return (Object.keys(budget) as (keyof SizeBudget)[])
    .filter((k) => m[k] > budget[k])
    .map((k) => `${k}: ${mb(m[k])} exceeds the budget of ${mb(budget[k])}`);
}

const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;

function listFiles(dir: string, root = dir): DistFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory()
      ? listFiles(p, root)
      : [{ path: relative(root, p).split('\\').join('/'), bytes: statSync(p).size }];
  });
}

/** Measures `outDir` once the bundle (and the service worker, written in an earlier closeBundle) is on disk. */
export function sizeBudgetPlugin(budget: SizeBudget): Plugin {
  let outDir = 'dist';
  // A build that is not minified (tools/bench/main-thread-probe.ts) is measured, not judged.
  let minified = true;
  return {
    name: 'ftp:size-budget',
    apply: 'build',
    // After vite-plugin-pwa, whose closeBundle writes sw.js.
    enforce: 'post',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
      minified = c.build.minify !== false;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const m = measure(listFiles(outDir));
        const line = (k: keyof Measured): string =>
          `  ${k.padEnd(17)} ${mb(m[k]).padStart(9)}${k in budget ? `  (budget ${mb(budget[k as keyof SizeBudget])})` : ''}`;
        console.log(
          [
            'size budget (dist/):',
            ...(
              ['totalBytes', 'appBytes', 'mainChunkBytes', 'workerChunkBytes', 'mapBytes'] as const
            ).map(line),
          ].join('\n'),
        );
        const over = minified ? overBudget(m, budget) : [];
        if (over.length)
          throw new Error(
            `size budget exceeded:\n  ${over.join('\n  ')}\n(see the budget in vite.config.ts)`,
          );
      },
    },
  };
}
