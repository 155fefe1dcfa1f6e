import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is served by Tauri from ui/dist (tauri.conf.json: "frontendDist": "ui/dist").
// Relative base: the files are read from the app's own protocol, never from a server.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    // Fonts and images stay files (no data: URLs), which a strict CSP prefers.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  clearScreen: false,
});
