/**
 * What tfjs-backend-wasm's multi-threaded build needs from the site (src/worker/wasm-backend.ts):
 *
 * 1. A page that is cross-origin isolated, so SharedArrayBuffer exists: the two headers below
 *    on every response (the dev server, `vite preview`, the e2e static host and the header
 *    recipes of docs/deploy.md send them). Without them tfjs detects no thread support and runs
 *    its single-threaded SIMD binary: nothing breaks.
 *
 * 2. A pthread worker that can evaluate the threaded module factory. tfjs starts each pthread
 *    worker (8 of them, Emscripten's pool) from a Blob holding
 *    `wasmFactoryThreadedSimd.toString()`: the text of the inner factory function alone, without
 *    the IIFE around it that declares `var _scriptDir`. Emscripten guards the two uses of that
 *    variable inside the factory with `typeof _scriptDir !== "undefined"` (tfjs#4528), but a
 *    minifier that sees the enclosing declaration knows the name is bound and may drop the guard:
 *    Vite 8's minifier (oxc) rewrites it to `e!==void 0&&e` with `_scriptDir` renamed `e`, so
 *    every pthread worker threw "ReferenceError: e is not defined" and the threaded backend never
 *    became ready (tfjs#4253, #4107: the same family with other minifiers).
 *    `wasmThreadsPlugin` rewrites the two uses at build time into expressions that refer to
 *    nothing outside the factory. Both are dead in a browser anyway: `_scriptDir` is
 *    `document.currentScript.src`, and a worker has no document, and the second use is only a
 *    fallback for `mainScriptUrlOrBlob`, which tfjs always sets. The dev server's dependency
 *    pre-bundling does not minify, so the guard survives there untouched.
 */
import type { Plugin } from 'vite';

/** COOP + COEP: a page served with both is `crossOriginIsolated` (SharedArrayBuffer, wasm threads). */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const THREADED_FACTORY =
  /@tensorflow[/\\]tfjs-backend-wasm[/\\]wasm-out[/\\]tfjs-backend-wasm-threaded-simd\.js$/;

/** [what the factory says, what it becomes]: each must occur exactly once. */
const REWRITES: readonly (readonly [string, string])[] = [
  // Where the module looks for its files: only ever taken on a page that loads tfjs with a
  // <script> tag; tfjs resolves every file through locateFile anyway.
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  // The script a pthread worker imports: tfjs always passes mainScriptUrlOrBlob.
  [
    '"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir,',
    '"urlOrBlob":Module["mainScriptUrlOrBlob"],',
  ],
];

/** The threaded factory's source with no reference to the enclosing `_scriptDir` left inside it. */
export function patchThreadedFactory(code: string): string {
  let out = code;
  for (const [from, to] of REWRITES) {
    const n = out.split(from).length - 1;
    if (n !== 1)
      throw new Error(
        `wasm-threads: expected one \`${from}\` in tfjs-backend-wasm's threaded factory, found ${n} (tfjs upgraded? re-check tools/build/wasm-threads.ts)`,
      );
    out = out.replace(from, to);
  }
  // Left: the declaration in the IIFE around the factory (lines 3-4), which is never stringified.
  const at = out.indexOf('function(WasmBackendModuleThreadedSimd)');
  if (at < 0 || out.slice(at).includes('_scriptDir'))
    throw new Error('wasm-threads: the threaded factory still refers to _scriptDir');
  return out;
}

export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'ftp:wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!THREADED_FACTORY.test(id.split('?')[0] as string)) return null;
      return { code: patchThreadedFactory(code), map: null };
    },
  };
}
