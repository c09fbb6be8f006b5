import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The client is static files on S3 behind CloudFront; the API is on the same origin under /v1, so there is no CORS.
// `npm run dev` proxies /v1 to a local API (the local runner's, port 8080) to keep that same-origin shape.
export default defineConfig({
  plugins: [preact()],
  build: {
    target: 'es2020',
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // the seat map's canvas code is its own chunk, fetched only on a seat page
    chunkSizeWarningLimit: 200,
  },
  server: {
    proxy: { '/v1': 'http://localhost:8080' },
  },
});
