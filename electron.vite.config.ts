import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The read worker is an entry of its own: it runs in a worker thread beside the main one
      // (src-main/reads/read-thread.ts finds it as ./read-worker.js, so every chunk stays in out/main).
      lib: { entry: { main: resolve(root, 'src-main/desktop/main.ts'), 'read-worker': resolve(root, 'src-main/reads/read-worker.ts') } },
      // better-sqlite3 is a native module: it must stay external and load from node_modules.
      externalizeDeps: true,
      rolldownOptions: { output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(root, 'src-main/preload/preload.ts'), formats: ['cjs'] },
      // A sandboxed preload can only require('electron'): anything else it imports is bundled in
      // (today only the contract's channel names; the schemas and zod stay in the main process).
      externalizeDeps: false,
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
