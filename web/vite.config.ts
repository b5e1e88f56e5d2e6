import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.PANORAMA_API_URL ?? 'http://localhost:7080';

/** Vite config of the web shell: root `web/`, output `web/dist`, dev server proxying the API. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id))
            return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget },
      '/ready': { target: apiTarget },
      '/docs': { target: apiTarget },
    },
  },
  preview: { port: 4173 },
});
