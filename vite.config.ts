import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// A relative base makes the static build work from any path (e.g. a GitHub Pages project site).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco's core chunk is ~2.7 MB; it is bundled on purpose (the site must work offline).
    chunkSizeWarningLimit: 4000,
    // Samples are fetched by URL; inlined data: URLs would be blocked by the CSP's connect-src 'self'.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
