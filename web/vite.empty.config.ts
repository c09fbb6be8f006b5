import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The baseline the benchmark compares the client with: an empty page built by the same toolchain (Vite + Preact),
// so the figures say what Madang's own code costs on top of what any page of this stack costs.
export default defineConfig({
  plugins: [preact()],
  root: 'empty',
  build: { target: 'es2020', outDir: '../dist-empty', emptyOutDir: true },
});
