/**
 * tfjs-backend-wasm in the browser: XNNPACK kernels compiled to WebAssembly (SIMD where the
 * browser has it, threads where the page is cross-origin isolated). The fast path without a
 * GPU: in Node the micro models train 1.8x (ViT), 6x (ConvNeXt) and 9x (ResNet) faster per
 * step than on tfjs's pure-JS CPU backend, and its tensors live in the wasm heap, so a step
 * does not allocate a fresh JS typed array per kernel (slow in Chromium: docs/performance.md).
 *
 * The binaries are bundled by Vite and served from the app's own origin (no CDN at run time);
 * tfjs picks the SIMD one where the browser has WebAssembly SIMD, else the plain one.
 *
 * Threads stay off even on a cross-origin-isolated page: tfjs builds each pthread worker from
 * the source text of its (here minified) module factory, which then refers to names the
 * bundler renamed, and every worker dies with "e is not defined" (measured: served with
 * COOP/COEP, the backend never became ready). SIMD alone is what the measurements use, and the threaded binary is not shipped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  // tfjs wants an entry for every binary; with threads off this one is never fetched, and
  // pointing it at the SIMD file keeps the threaded binary (435 kB) out of the site.
  'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
});
