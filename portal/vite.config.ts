import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the build under /dashboard/ (see gateway/README.md): relative to that base, hashed file names
// under assets/ (cached for a year), index.html never cached.
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a running `./nubo up` on the default port
    proxy: Object.fromEntries(
      ['identity', 'compute', 'image', 'volume', 'network', 'object-store', 'rating'].map((p) => [
        '/' + p,
        { target: process.env.NUBO_URL ?? 'http://127.0.0.1:8780' },
      ]),
    ),
  },
});
