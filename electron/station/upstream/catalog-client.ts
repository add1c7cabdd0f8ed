/**
 * GET {base}/api/v1/catalog with If-None-Match from the cached version (docs/protocol.md §1), so a
 * restart asks only whether anything changed. A 200 is validated whole (./catalog-validation.ts)
 * before anyone stores it. Error messages never carry the password of a `user:pass@` base URL
 * (Node's fetch refuses such a URL with a message that quotes it whole).
 */
import type { Catalog } from '../../../shared/api';
import { redactUrlCredentials } from '../text-input';
import { CatalogError, parseCatalog } from './catalog-validation';
import { causeMessage } from './fetch-error';

export type CatalogFetch = { kind: 'not-modified' } | { kind: 'catalog'; catalog: Catalog };

/** The platform could not be asked (network, timeout, HTTP error): the link's business. */
export class CatalogFetchError extends Error {
  constructor(message: string) {
    super(redactUrlCredentials(message));
    this.name = 'CatalogFetchError';
  }
}

export interface CatalogClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export class CatalogClient {
  constructor(private readonly options: CatalogClientOptions) {}

  /**
   * Throws CatalogFetchError when the platform cannot answer, CatalogError when it answers
   * with a catalog that fails validation.
   */
  async fetch(cachedVersion: string | null): Promise<CatalogFetch> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (cachedVersion !== null) headers['If-None-Match'] = `"${cachedVersion}"`;
    let response: Response;
    let body: string;
    try {
      response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl}/api/v1/catalog`, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (response.status === 304) return { kind: 'not-modified' };
      body = await response.text();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      throw new CatalogFetchError(
        name === 'TimeoutError'
          ? `timeout after ${this.options.timeoutMs} ms`
          : causeMessage(error),
      );
    }
    if (!response.ok) throw new CatalogFetchError(`HTTP ${response.status}`);
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new CatalogError('the catalog is not valid JSON');
    }
    return { kind: 'catalog', catalog: parseCatalog(raw) };
  }
}
