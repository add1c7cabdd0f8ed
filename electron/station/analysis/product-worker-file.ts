/// <reference types="electron-vite/node" />
/**
 * Where the built product worker is: electron-vite emits product-worker.ts as its own chunk and
 * gives its path (`?modulePath`, electron-vite's docs "Worker Threads"), in out/main for the app
 * and `out/main/serve.js` alike. Under vitest the query is not built and this is null: products
 * are then computed in-process (product-runner.ts).
 */
import workerPath from './product-worker?modulePath';

export const productWorkerFile: string | null =
  typeof workerPath === 'string' && workerPath.length > 0 ? workerPath : null;
