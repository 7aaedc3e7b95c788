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
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in named chunks that change rarely (long browser caching); zod (only needed
        // after sign-in) stays out of the public page's first load.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, priority: 20 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 20 },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 20 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 20 },
          ],
        },
      },
    },
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
