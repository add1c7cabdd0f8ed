import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = dirname(fileURLToPath(import.meta.url));

// One build for all three sides (electron-vite): the main process bundle also carries the browser
// host and the simulator entries, so `npm run serve` and `npm run sim` run the same built code as
// the app. Dependencies stay external (better-sqlite3 is native; it is loaded from node_modules).
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/shell/main.ts'),
          serve: resolve(root, 'electron/serve/cli.ts'),
          sim: resolve(root, 'electron/sim/cli.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'electron/shell/preload.ts') },
        // A sandboxed preload cannot `require` chunks: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs: the same build loads from file:// in Electron and from /desk or
    // /wall/N in the browser host (which serves any …/assets/<file> from the assets folder).
    base: './',
    plugins: [react()],
    build: {
      // Minified (a wall window reloads after a crash and should be back fast), with source maps
      // so a stack trace from a command hall still reads.
      minify: true,
      sourcemap: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
