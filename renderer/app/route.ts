/**
 * Which view this page is. The Electron shell loads `index.html?window=desk` or
 * `index.html?window=wall&wall=N` (from file://); the browser host serves the same files at
 * `/desk` and `/wall/N`, with `?token=…`. Both spellings are understood. The desk's
 * `?view=report` is the weekly report page (每周通报, issue #16: printed without the desk around
 * it; `&week=` its Monday); `?view=product` is an analysis product's printable page (issue #17:
 * `&kind=daily|weekly|monthly&date=…`).
 */
import type { WindowKind } from '../../shared/api';

export type Route =
  | { window: Extract<WindowKind, 'desk'>; view?: 'report' | 'product' }
  | { window: 'wall'; wallId: number };

export interface PageLocation {
  pathname: string;
  search: string;
}

const MAX_WALL_ID = 64;

function parseWallId(raw: string | null | undefined): number | null {
  if (raw == null || !/^\d{1,3}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= MAX_WALL_ID ? id : null;
}

export function parseRoute(location: PageLocation): Route {
  const query = new URLSearchParams(location.search);
  const pathMatch = /\/wall\/(\d+)\/?$/.exec(location.pathname);
  if (pathMatch) return { window: 'wall', wallId: parseWallId(pathMatch[1]) ?? 1 };
  const kind = query.get('window');
  if (kind === 'wall') return { window: 'wall', wallId: parseWallId(query.get('wall')) ?? 1 };
  const view = query.get('view');
  return view === 'report' || view === 'product' ? { window: 'desk', view } : { window: 'desk' };
}

/** The browser host's per-run token, from `?token=…` (absent under Electron). */
export function tokenOf(location: PageLocation): string | null {
  return new URLSearchParams(location.search).get('token');
}
