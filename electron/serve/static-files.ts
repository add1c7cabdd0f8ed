/**
 * Serving the built renderer's files safely, for both hosts: the browser host (HTTP) and the
 * Electron shell's `vigil://app/` protocol. One copy of the check that a request stays inside the
 * renderer folder, and one table of content types.
 */
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * The file an URL path (still percent-encoded, e.g. `/assets/index-x.js`) names inside `root`, or
 * null when it would leave the folder (`..`, encoded or not), is malformed, or carries a NUL or a
 * backslash.
 */
export function resolveInside(root: string, encodedPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath =
    pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\//, '');
  if (relativePath.split('/').includes('..')) return null;
  const file = normalize(join(root, relativePath));
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.geojson': 'application/geo+json',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
