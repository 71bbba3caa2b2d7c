import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Static site: everything (app, models under public/models, data under public/data)
// is served from the app's own origin; `base: './'` lets it deploy under any path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
