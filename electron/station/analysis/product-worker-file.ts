/// <reference types="electron-vite/node" />
/**
 * Where the built product worker is: electron-vite emits product-worker.ts as its own chunk and
 * gives its path (`?modulePath`, electron-vite's docs "Worker Threads"), beside the main bundle's
 * chunks for the app and `out/main/serve.js` alike. Run from TypeScript sources (vitest, tsx)
 * there is no built worker: null, and products are computed in-process (product-runner.ts). The
 * import is dynamic so that sources never try to resolve the query (as road-host.ts does).
 */
export async function productWorkerFile(): Promise<string | null> {
  if (import.meta.url.endsWith('.ts')) return null;
  try {
    const path = (await import('./product-worker?modulePath')).default;
    return typeof path === 'string' && path.length > 0 ? path : null;
  } catch {
    return null;
  }
}
