import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The folder of this file (web/), whatever the working directory of the caller. */
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * Vite configuration of the web UI. `npm run build:web` (and the server on first start, through
 * src/platform/web/build-web.ts) builds into web/dist; `npm run dev:web` serves it with a proxy of
 * /api to the server on port 3000.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${webRoot}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
