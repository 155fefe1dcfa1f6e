// The window against a mocked Rust side (dev/mock.ts), for screenshots and design checks:
// `npm run mock` builds it to node_modules/.cache/joldama-mock and serves it on http://localhost:4173.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [svelte()],
  build: { outDir: '../node_modules/.cache/joldama-mock', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  preview: { port: 4173, host: '127.0.0.1' },
});
