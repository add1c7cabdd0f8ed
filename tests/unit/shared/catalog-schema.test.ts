/** The platform's catalog format (docs/protocol.md §1): what a station accepts and refuses. */
import { describe, expect, it } from 'vitest';
import { CatalogSchema } from '../../../shared/api';

describe('the catalog schema', () => {
  const camera = {
    id: '37088300001320000001',
    name: '钢山街东',
    gridId: 'G1',
    kind: 'fixed',
    lat: 35.4,
    lng: 116.97,
    liveUrl: 'http://10.0.0.1/live/1/main.m3u8',
    status: 'online',
  };

  it('accepts a good catalog', () => {
    const parsed = CatalogSchema.safeParse({ version: '1', areas: [], cameras: [camera] });
    expect(parsed.success).toBe(true);
  });

  it.each([
    [{ lat: 95 }, 'lat'],
    [{ kind: 'drone' }, 'kind'],
    [{ liveUrl: 'javascript:alert(1)' }, 'liveUrl'],
    [{ liveUrl: 'file:///etc/passwd' }, 'liveUrl'],
    [{ id: '' }, 'id'],
  ])('rejects a camera with %j', (patch, field) => {
    const parsed = CatalogSchema.safeParse({
      version: '1',
      areas: [],
      cameras: [{ ...camera, ...patch }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['cameras', 0, field]);
  });
});
