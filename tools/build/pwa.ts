/**
 * Offline and installable: vite-plugin-pwa (Workbox) compiles src/sw/sw.ts into
 * dist/sw.js with the precache list injected, and writes the web manifest. Chosen over a
 * hand-written worker because Workbox's precache already does what one would otherwise write
 * and test by hand: a revision per file, an all-or-nothing install of a new deploy beside the
 * old one, and removal of the old deploy's entries once it is replaced. The plugin runs at build
 * time only; sw.js bundles the few Workbox modules it imports.
 *
 * Precached at install (the app works offline after the first visit): the app shell (with the
 * tfjs wasm binaries), the model manifest and checkpoints (public/models, ~2.3 MB), the data
 * manifest and the reference results: 7.7 MB. Not precached: the data shards (26 MB); the
 * service worker caches a benchmark's shards the first time they are fetched (src/sw/sw.ts).
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

export function pwaPlugin(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/sw',
    filename: 'sw.ts',
    // A new deploy waits until the user says reload (src/ui/pwa/update-notice.tsx): a lesson
    // in progress is never reloaded under the class's feet.
    registerType: 'prompt',
    // Registered from the app (useRegisterSW), not by an injected <script>.
    injectRegister: false,
    // The icons are precached by the glob below already.
    includeManifestIcons: false,
    injectManifest: {
      // .wasm: the tfjs WebAssembly backend's binaries (hashed, in assets/), which is what
      // trains on a machine without a usable GPU, so offline too.
      // 'models/*' is the shipped checkpoints only: the checkpoint family (models/family/, issue
      // #20, ~7 MB) is fetched when a class first picks one of its members, never precached.
      globPatterns: [
        '**/*.{js,css,html,svg,png,wasm}',
        'models/*',
        'data/manifest.json',
        'reference/*.json',
      ],
      globIgnores: ['models/family/**'],
      // The training worker's chunk is ~2.1 MB; Workbox's default limit (2 MiB) would drop it.
      // Not minified (FTP_UNMINIFIED=1: tools/bench/main-thread-probe.ts builds so) it is 4.2 MB.
      maximumFileSizeToCacheInBytes: (process.env.FTP_UNMINIFIED === '1' ? 8 : 4) * 1024 * 1024,
    },
    manifest: {
      name: 'Fine-Tune Playground',
      short_name: 'Fine-Tune',
      description:
        'Fine-tune pretrained vision models in the browser and see why the optimizer matters under distribution shift.',
      // Relative, so the installed app starts where it was deployed (any sub-path).
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0072b2',
      icons: [
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
  });
}
