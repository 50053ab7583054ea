import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to this server (HEARTH_SERVER=http://localhost:5791 npm run dev)
const server = process.env.HEARTH_SERVER ?? 'http://localhost:5678';

// The built editor goes straight into the jar: Spring Boot serves META-INF/resources at "/".
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev` against a locally running server: http://localhost:5173
    proxy: {
      // the server's CSRF check compares Origin with its own address: the proxied requests come from it
      '/api': { target: server, changeOrigin: true, headers: { origin: server } },
      '/webhook': server,
      '/webhook-test': server,
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
  },
});
