/**
 * tfjs-backend-wasm in the browser: XNNPACK kernels compiled to WebAssembly (SIMD where the
 * browser has it, threads where the page is cross-origin isolated). The fast path without a
 * GPU: in Node the micro models train 1.8x (ViT), 6x (ConvNeXt) and 9x (ResNet) faster per
 * step than on tfjs's pure-JS CPU backend, and its tensors live in the wasm heap, so a step
 * does not allocate a fresh JS typed array per kernel (slow in Chromium: docs/performance.md).
 *
 * The binaries are bundled by Vite and served from the app's own origin (no CDN at run time);
 * tfjs picks which of the three to fetch from the browser's features.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
});
