/**
 * tfjs-backend-wasm in the browser: XNNPACK kernels compiled to WebAssembly (SIMD where the
 * browser has it, threads where the page is cross-origin isolated). The fast path without a
 * GPU: in Node the micro models train 1.8x (ViT), 6x (ConvNeXt) and 9x (ResNet) faster per
 * step than on tfjs's pure-JS CPU backend, and its tensors live in the wasm heap, so a step
 * does not allocate a fresh JS typed array per kernel (slow in Chromium: docs/performance.md).
 *
 * The binaries are bundled by Vite and served from the app's own origin (no CDN at run time);
 * tfjs picks the threaded SIMD one where WASM_THREADS is on and the page is cross-origin
 * isolated (COOP + COEP, so SharedArrayBuffer exists), else the SIMD one, else the plain one.
 *
 * Threads: the pthread workers used to die with "e is not defined" (the minifier dropped a
 * `typeof` guard in the module factory tfjs hands them as text); tools/build/wasm-threads.ts
 * fixes that at build time, and a build with threads on trains threaded, with the same losses
 * as single-threaded (tests/e2e/wasm-threads.test.ts). They stay off by default: on 2 cores
 * they were slower (WASM_THREADS_DEFAULT below). The worker reports what runs in BackendInfo's
 * `wasm` field (backend.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { BackendInfo } from '../protocol/messages';

declare global {
  interface ImportMetaEnv {
    /** '1' or '0' overrides WASM_THREADS_DEFAULT in this build (the threads bench and e2e test). */
    readonly VITE_WASM_THREADS?: string;
  }
}

/**
 * Whether the wasm backend runs threaded where the page is cross-origin isolated: off. Measured
 * on the 2-core machine the project is built on (`npm run bench -- wasm-threads`, Chromium,
 * batch 16, AdamW, 4 reps interleaved, the machine loaded by other work, load average 11-14):
 * the median steady step with 2 threads took 592 / 752 / 345 ms (ViT / ConvNeXt / ResNet)
 * against 495 / 420 / 253 ms on one, i.e. threads ran at 0.84x / 0.56x / 0.73x the speed, and
 * their reps spread twice as wide (170-1,351 ms against 181-619 ms). The micro models' kernels
 * are small, so splitting each over a thread pool costs more in wake-ups and barriers than it
 * saves, and a thread that the OS deschedules stalls every kernel. The losses were identical.
 * Worth measuring again on a quiet machine with 4+ cores before turning on; everything it
 * needs (headers, CSP, the factory fix) is in place, and VITE_WASM_THREADS=1 builds with it.
 */
const WASM_THREADS_DEFAULT = false;
export const WASM_THREADS = import.meta.env.VITE_WASM_THREADS
  ? import.meta.env.VITE_WASM_THREADS === '1'
  : WASM_THREADS_DEFAULT;

if (!WASM_THREADS) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
else if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true)
  useEveryLogicalCore();

/**
 * tfjs sizes XNNPACK's pool at half of navigator.hardwareConcurrency (assuming two hardware
 * threads per core), capped at 8, and setThreadsCount cannot go above that: on a 2-core machine
 * the "threaded" build runs one thread. Here the pool gets every logical core the browser
 * reports: the training worker is the only thing computing while a lesson trains. tfjs reads
 * the count once, from this worker's navigator, when its module starts (tf.setBackend('wasm')).
 */
function useEveryLogicalCore(): void {
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  Object.defineProperty(navigator, 'hardwareConcurrency', {
    configurable: true,
    get: () => 2 * cores,
  });
  setThreadsCount(cores);
}

const setPaths = (threadedUrl: string): void =>
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    // tfjs wants an entry for every binary. With threads off it never fetches this one, and
    // pointing it at the SIMD file keeps the threaded binary (435 kB) out of the site and the
    // service worker's precache (WASM_THREADS is a build-time constant, so the import below
    // is dropped).
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  });

/**
 * Resolves once tfjs knows where its binaries are: awaited before tf.setBackend('wasm')
 * (backend.ts). Not a top-level await: the worker would not listen for messages until it
 * settled, and the page's first message would be lost.
 */
export const wasmPathsReady: Promise<void> = WASM_THREADS
  ? import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url').then(
      (m) => setPaths(m.default),
    )
  : Promise.resolve(setPaths(simdUrl));

/** How the running wasm backend computes (BackendInfo's `wasm` field, for the page and the tests). */
export type WasmThreads = NonNullable<BackendInfo['wasm']>;

/** The active wasm backend's threads; call once tf.setBackend('wasm') has resolved. */
export function wasmThreads(): WasmThreads {
  let threads = 1;
  try {
    threads = getThreadsCount();
  } catch {
    // not initialised: reported as single-threaded
  }
  return {
    threads,
    crossOriginIsolated:
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  };
}
