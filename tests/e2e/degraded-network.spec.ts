/**
 * The police network degrades: the desk keeps working from its cache, says the link is offline,
 * and an operator's mark made meanwhile is kept and reaches the platform exactly once.
 */
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';

interface ReceivedEvent {
  key: string;
  count: number;
  event: { type: string; cameraId: string; mark: string; note: string };
}

async function admin(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.status === 204 ? null : ((await response.json()) as unknown);
}

test('platform down: the desk opens from cache, says offline, and a mark is delivered once on return', async ({
  page,
  vigil,
}) => {
  const catalog = (await admin(vigil, 'GET', '/api/v1/catalog')) as {
    cameras: { id: string; name: string }[];
  };
  const camera = catalog.cameras[17]!;
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'online');

  await admin(vigil, 'POST', '/admin/faults', { kind: 'platform-down' });
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'offline', {
    timeout: 30_000,
  });

  // A reload with the platform down: the tree comes from the cache, searchable as ever.
  await page.reload();
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'offline');
  await page.getByTestId('search-input').fill(camera.name);
  const row = page.locator(`[data-testid="camera-row"][data-camera-id="${camera.id}"]`);
  await expect(row).toContainText(camera.name);
  await row.click();

  await page.getByRole('textbox', { name: /note|备注/i }).fill('挖掘机 excavator near the river');
  await page.getByTestId('mark-abnormal').click();
  await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-pending', '1');

  await admin(vigil, 'DELETE', '/admin/faults');
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'online', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('outbox-pending')).toHaveAttribute('data-pending', '0', {
    timeout: 60_000,
  });

  const { events } = (await admin(vigil, 'GET', '/admin/events')) as {
    events: ReceivedEvent[];
  };
  const marks = events.filter((e) => e.event.cameraId === camera.id);
  expect(marks).toHaveLength(1);
  expect(marks[0]!.count).toBe(1);
  expect(marks[0]!.event).toMatchObject({
    type: 'patrol-mark',
    mark: 'abnormal',
    note: '挖掘机 excavator near the river',
  });
});
