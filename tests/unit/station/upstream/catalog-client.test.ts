/**
 * A `user:pass@` platform URL never reaches a message (issue #11 item 5): Node's fetch refuses
 * such a URL with a TypeError quoting it whole, and that message becomes the link's detail and
 * a log line.
 */
import { describe, expect, it } from 'vitest';
import {
  CatalogClient,
  CatalogFetchError,
} from '../../../../electron/station/upstream/catalog-client';

describe('CatalogClient errors', () => {
  it('does not repeat the password of the base URL', async () => {
    const client = new CatalogClient({
      baseUrl: 'http://vigil:s3cret@127.0.0.1:9',
      timeoutMs: 500,
    });
    const error = await client.fetch(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogFetchError);
    const message = (error as Error).message;
    expect(message).not.toContain('s3cret');
    expect(message).toContain('http://vigil:***@127.0.0.1:9/api/v1/catalog');
  });
});
