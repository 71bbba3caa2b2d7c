import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './tools/build/csp';
import { pwaPlugin } from './tools/build/pwa';
import { sizeBudgetPlugin } from './tools/build/size-budget';
import { CROSS_ORIGIN_ISOLATION_HEADERS, wasmThreadsPlugin } from './tools/build/wasm-threads';

// Static site: everything (app, models under public/models, data under public/data)
// is served from the app's own origin; `base: './'` lets it deploy under any path.
//
// Source maps: none in dist/ unless SOURCEMAP=1 (they were 33 MB, more than the app and the
// models together, and they publish the source with the site).
//
// Size budget, from what the build measured (main chunk 1.23 MB, training worker 2.40 MB,
// app 5.31 MB, all 33.8 MB) with ~15-20% headroom: a budget exceeded fails the build, so a
// heavy dependency or a stray asset is a decision, not an accident. The app grew by 1.2 MB
// with tfjs-backend-wasm's binaries (plain and SIMD, a browser fetches one; the threaded SIMD
// one, 0.44 MB, only in a build with threads on), the fast path without a GPU
// (src/worker/wasm-backend.ts), and the worker by 0.25 MB.
const MB = 1e6;
export default defineConfig({
  base: './',
  plugins: [
    react(),
    cspMetaPlugin(),
    pwaPlugin(),
    wasmThreadsPlugin(),
    // totalBytes: 38 MB + the checkpoint family (public/models/family, at most 8 MB, issue #20).
    sizeBudgetPlugin({
      totalBytes: 46 * MB,
      appBytes: 6.2 * MB,
      mainChunkBytes: 0.4 * MB,
      workerChunkBytes: 2.9 * MB,
    }),
  ],
  // The training worker bundles tfjs-backend-wasm: the plugin also applies to worker chunks.
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  // Cross-origin isolated (COOP + COEP), so tfjs-backend-wasm can run threaded
  // (tools/build/wasm-threads.ts); docs/deploy.md gives the same headers for real hosts.
  server: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  preview: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  build: { target: 'es2022', sourcemap: process.env.SOURCEMAP === '1' },
});
