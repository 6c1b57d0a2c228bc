import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The office app is served by the platform itself under /office/ (src/modules/office). During
// development `npx vite office` proxies the API to a platform running on :3000.
export default defineConfig({
  root,
  base: '/office/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/office/', import.meta.url)),
    emptyOutDir: true,
    // The CSP allows only 'self' scripts: no inline module-preload polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // React changes far less often than the pages: its own long-cached chunk; pages split by React.lazy.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
