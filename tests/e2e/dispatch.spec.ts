/**
 * Dispatch as the duty chief lives it (issue #13, ../shared/design/FIELD.md stories 1 and 2),
 * through the browser host against the simulator at full scale (26,000 cameras, 400 patrol
 * units), checking what the people in the hall see:
 *
 * 1. Night excavator: a watcher on a patrol tour marks a camera abnormal at the wall → the
 *    platform opens an incident with the tile's picture → it arrives in the chief's queue with
 *    that picture → the chief accepts it, sends the car the desk ranks first by road ETA → the
 *    car acknowledges, drives there on the roads (the map shows it coming), arrives → the chief
 *    closes it with a disposition.
 * 2. Market theft: a 110 call → the cameras around it go onto the focus wall and play back the
 *    last 30 minutes in sync → two units ordered → the cordon drawn on the map.
 */
import type { Page } from '@playwright/test';
import type { Catalog } from '../../shared/api';
import type { Incident, OrderView, RecommendResult } from '../../shared/contract/dispatch';
import type { UnitState } from '../../shared/contract/map';
import type { FocusState } from '../../shared/contract/watch';
import { haversineM } from '../../shared/domain/geo';
import { connectDesk, type Desk } from '../shared/rotation-swap-probe';
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';

// Full scale (FIELD.md): a county's 26,000 cameras and 400 patrol units, two walls.
// Units on an order drive 6 times as fast: the car's arrival in seconds, not a minute.
test.use({ hostOptions: { cameras: 26_000, walls: 2, simUnitSpeed: 6 } });

let desk: Desk | null = null;
test.afterEach(() => {
  desk?.close();
  desk = null;
});

async function admin<T>(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

/**
 * An online camera 200-450 m from an available patrol car: the car that will be sent (near, so
 * the drive the test waits for is short).
 */
async function cameraNearACar(d: Desk): Promise<{ cameraId: string; lat: number; lng: number }> {
  let found: { cameraId: string; lat: number; lng: number } | null = null;
  await expect
    .poll(
      async () => {
        const [catalog, units] = await Promise.all([
          d.call<Catalog>('catalog.get', {}),
          d.call<UnitState[]>('units.list', {}),
        ]);
        const cars = units.filter((u) => u.kind === 'car' && u.status === 'available' && !u.stale);
        for (const camera of catalog.cameras) {
          if (camera.status !== 'online' || camera.kind !== 'fixed') continue;
          const near = cars.some((car) => {
            const m = haversineM(car, camera);
            return m > 200 && m < 450;
          });
          if (near) {
            found = { cameraId: camera.id, lat: camera.lat, lng: camera.lng };
            return true;
          }
        }
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

async function openDispatch(page: Page, deskUrl: string): Promise<void> {
  const url = new URL(deskUrl);
  url.searchParams.set('tab', 'dispatch');
  await page.goto(url.href);
  await expect(page.getByTestId('incident-queue')).toBeVisible({ timeout: 60_000 });
}

test('story 1: a tour stop marked abnormal at the wall → incident with its picture → the car by ETA → arrival → closed', async ({
  page,
  vigil,
}) => {
  test.setTimeout(420_000);
  desk = await connectDesk(vigil.deskUrl);
  const camera = await cameraNearACar(desk);

  // The watcher's tour: one stop, on wall 2, started now.
  const wall = await page.context().newPage();
  await wall.goto(vigil.wallUrls[1]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  await desk.call('tour.save', {
    id: 'e2e-excavator',
    name: '夜间河道',
    stops: [{ cameraId: camera.cameraId, dwellMs: 300_000, check: '河道有无挖掘机' }],
    windows: [],
    watcher: '李四',
    wallId: 2,
    tileIndex: 0,
  });
  await desk.call('tour.start', { id: 'e2e-excavator' });
  const tile = wall.getByTestId('wall-tile-0');
  await expect(tile.getByTestId('tour-panel')).toContainText('河道有无挖掘机', { timeout: 30_000 });
  await expect(tile).toHaveAttribute('data-shown-camera-id', camera.cameraId, { timeout: 30_000 });
  await expect.poll(() => tile.getAttribute('data-state'), { timeout: 30_000 }).toBe('playing');
  // 2 = abnormal: the mark carries the tile's picture to the platform, which opens an incident.
  await wall.keyboard.press('2');
  // The stop is held for a note (tests/e2e/keyboard.spec.ts); Enter sends the mark.
  await expect(tile.getByTestId('tour-hold')).toBeVisible();
  await wall.keyboard.press('Enter');
  await expect(tile.getByTestId('tour-panel')).toHaveCount(0);

  // The chief's desk: the incident arrives in the queue, from the tour (巡查), with the picture.
  await openDispatch(page, vigil.deskUrl);
  let incident: Incident | undefined;
  await expect
    .poll(
      async () => {
        const list = await desk!.call<Incident[]>('incident.list', {});
        incident = list.find((i) => i.source === 'mark' && i.cameraId === camera.cameraId);
        return incident?.id ?? null;
      },
      { timeout: 60_000 },
    )
    .not.toBeNull();
  const row = page.getByTestId(`incident-row-${incident!.id}`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'new');
  await expect(row).toContainText(/巡查|Tour/);
  await row.click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail).toHaveAttribute('data-id', incident!.id);
  await expect(detail.getByTestId('incident-number')).toHaveText(incident!.number);
  const picture = detail.locator('[data-testid^="incident-picture-"] img').first();
  await expect(picture).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // 签收, then the recommendation: ranked by ETA over the roads.
  await detail.getByTestId('incident-accept').click();
  await expect(row).toHaveAttribute('data-status', 'accepted', { timeout: 30_000 });
  const ranked = await desk.call<RecommendResult>('dispatch.recommend', {
    incidentId: incident!.id,
    limit: 20,
  });
  expect(ranked.graphVersion).not.toBeNull();
  const etas = ranked.units.filter((u) => u.availability === 'available').map((u) => u.etaS);
  expect(etas).toEqual([...etas].sort((a, b) => a - b));
  const best = ranked.units.find((u) => u.kind === 'car' && u.availability === 'available')!;
  const choice = page.getByTestId(`recommend-row-${best.unitId}`);
  await expect(choice).toBeVisible();
  await choice.click();
  await page.getByTestId('dispatch-order').click();

  // The order: sent, acknowledged by the car, which drives there over the roads.
  let order: OrderView | undefined;
  await expect
    .poll(
      async () => {
        const orders = await desk!.call<OrderView[]>('dispatch.orders', {
          incidentId: incident!.id,
        });
        order = orders.find((o) => o.unitId === best.unitId);
        return order?.orderId ?? null;
      },
      { timeout: 30_000 },
    )
    .not.toBeNull();
  const orderRow = page.getByTestId(`order-row-${order!.orderId}`);
  await expect(orderRow).toBeVisible();
  const received = await admin<{ orders: { unitId: string; orderId?: string }[] }>(
    vigil,
    'GET',
    '/admin/orders',
  );
  expect(received.orders.filter((o) => o.orderId === order!.orderId)).toHaveLength(1);
  await expect(orderRow).toHaveAttribute('data-state', /acknowledged|en-route|arrived/, {
    timeout: 60_000,
  });
  // The map draws the route, and the car comes nearer, fix after fix.
  await expect(page.getByTestId('dispatch-map')).toHaveAttribute('data-route-count', /[1-9]/);
  const distance = async () => {
    const units = await desk!.call<UnitState[]>('units.list', {});
    const car = units.find((u) => u.unitId === best.unitId)!;
    return haversineM(car, camera);
  };
  const before = await distance();
  await expect(orderRow).toHaveAttribute('data-state', 'arrived', { timeout: 300_000 });
  expect(await distance()).toBeLessThan(Math.min(before, 60));
  await expect(row).toHaveAttribute('data-status', /on-scene|handling/, { timeout: 30_000 });

  // 结案 with a disposition: handed over to the land bureau.
  await detail.getByTestId('incident-close').click();
  await detail.getByTestId('incident-disposition').selectOption('handed-over');
  await detail.getByTestId('incident-close-confirm').click();
  // Closed, it leaves the queue of open incidents (the queue's default filter); the detail says so.
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await expect(detail.getByTestId('incident-status')).toHaveText(/已结案|Closed/i);
  await page.getByTestId('incident-filter-status').selectOption('all');
  await expect(row).toHaveAttribute('data-status', 'closed');
  const record = await admin<{ incidents: { id: string; status: string; disposition?: string }[] }>(
    vigil,
    'GET',
    '/admin/incidents',
  );
  expect(record.incidents.find((i) => i.id === incident!.id)).toMatchObject({
    status: 'closed',
    disposition: 'handed-over',
  });
  await detail.getByTestId('incident-timeline').waitFor();
  await expect(detail.getByTestId('incident-timeline')).toContainText(best.callSign);
  await wall.close();
});

/** A place with at least three online cameras within 150 m and two available units within 3 km. */
async function aMarket(d: Desk): Promise<{ lat: number; lng: number }> {
  let found: { lat: number; lng: number } | null = null;
  await expect
    .poll(
      async () => {
        const [catalog, units] = await Promise.all([
          d.call<Catalog>('catalog.get', {}),
          d.call<UnitState[]>('units.list', {}),
        ]);
        const free = units.filter((u) => u.status === 'available' && !u.stale);
        const online = catalog.cameras.filter((c) => c.status === 'online' && c.kind === 'fixed');
        for (const camera of online) {
          const around = online.filter((c) => haversineM(c, camera) < 150).length;
          const near = free.filter((u) => haversineM(u, camera) < 3000).length;
          if (around >= 3 && near >= 2) {
            found = { lat: camera.lat, lng: camera.lng };
            return true;
          }
        }
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

test('story 2: a 110 theft → its cameras on the wall → the last 30 minutes in sync → follow → two units → cordon', async ({
  page,
  vigil,
}) => {
  test.setTimeout(300_000);
  desk = await connectDesk(vigil.deskUrl);
  const market = await aMarket(desk);
  const call = await admin<{ id: string; number: string }>(vigil, 'POST', '/admin/incidents', {
    kind: 'call',
    lat: market.lat,
    lng: market.lng,
    category: '盗窃',
    address: '农贸市场东门',
  });

  await openDispatch(page, vigil.deskUrl);
  const row = page.getByTestId(`incident-row-${call.id}`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText('110');
  await expect(row).toContainText('盗窃');
  await row.click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail.getByTestId('incident-number')).toHaveText(call.number);
  await expect(detail.getByTestId('incident-phone')).toBeVisible();
  await detail.getByTestId('incident-accept').click();
  await expect(row).toHaveAttribute('data-status', 'accepted', { timeout: 30_000 });

  // The cameras around the market onto the focus wall (wall 1), titled with the incident.
  const wall = await page.context().newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  await page.getByTestId('incident-playback-minutes').selectOption('30');
  await page.getByTestId('incident-playback').click();
  const pulled = wall.locator('[data-watch="pull"]');
  await expect.poll(() => pulled.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  // Kept, as a chief keeps what he is working on: a random alert from the simulator would
  // otherwise take the focus tiles over mid-test.
  const focus = await desk.call<FocusState>('focus.list', {});
  const pull = focus.pulls.find((p) => p.title.includes(call.number))!;
  await desk.call('focus.keep', { alertId: pull.alertId });
  const tiles = await pulled.all();
  for (const tile of tiles) {
    await expect(tile.getByTestId('pull-title')).toContainText(call.number);
    await expect(tile).toHaveAttribute('data-mode', 'playback', { timeout: 30_000 });
  }
  // In sync: every pulled tile at the same moment of the recording (within a few frames).
  const ids = await Promise.all(tiles.map((t) => t.getAttribute('data-testid')));
  const positions = () =>
    wall.evaluate((testIds) => {
      return testIds.map((id) => {
        const v = document.querySelector<HTMLVideoElement>(
          `[data-testid="${id}"] video[data-stream="playback"]`,
        );
        const base = Number(v?.dataset.pdtBaseMs);
        return v && Number.isFinite(base) && !v.paused ? base + v.currentTime * 1000 : null;
      });
    }, ids);
  await expect
    .poll(async () => (await positions()).every((m) => m !== null), { timeout: 60_000 })
    .toBe(true);
  const now = Date.now();
  await expect
    .poll(
      async () => {
        const m = (await positions()) as number[];
        return Math.max(...m) - Math.min(...m);
      },
      { timeout: 30_000, intervals: [250] },
    )
    .toBeLessThanOrEqual(120);
  // The last 30 minutes: the recording plays from about half an hour ago.
  const start = Math.min(...((await positions()) as number[]));
  expect(now - start).toBeGreaterThan(25 * 60_000);
  expect(now - start).toBeLessThan(35 * 60_000);

  // Follow the suspect camera to camera at the wall: the tile stays the incident's.
  const first = tiles[0]!;
  await page.getByTestId('incident-live').click();
  await expect(first).toHaveAttribute('data-mode', 'live', { timeout: 30_000 });
  const before = await first.getAttribute('data-camera-id');
  await first.hover();
  await first.getByTestId('tile-neighbours-open').click();
  const next = first.locator('.tile-neighbour').first();
  const nextId = await next.getAttribute('data-camera-id');
  await next.getByTestId('follow-here').click();
  await expect(first).toHaveAttribute('data-camera-id', nextId!, { timeout: 30_000 });
  expect(nextId).not.toBe(before);
  await expect(first).toHaveAttribute('data-watch', 'pull');
  await expect(first.getByTestId('pull-title')).toContainText(call.number);

  // Two units, the first two by road ETA, ordered at once.
  const rows = page.locator('[data-testid^="recommend-row-"]');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await rows.nth(0).click();
  await rows.nth(1).click();
  await page.getByTestId('dispatch-order').click();
  await expect(page.locator('[data-testid^="order-row-"]')).toHaveCount(2, { timeout: 30_000 });
  await expect
    .poll(async () => {
      const orders = await desk!.call<OrderView[]>('dispatch.orders', { incidentId: call.id });
      return orders.filter((o) => o.state !== 'queued' && o.state !== 'refused').length;
    })
    .toBe(2);

  // The cordon: the ring drawn on the map, its exits listed each with a unit.
  await page.getByTestId('dispatch-tool-cordon').click();
  await page.getByTestId('cordon-mode').selectOption('vehicle');
  await page.getByTestId('cordon-minutes').fill('3');
  await page.getByTestId('cordon-plan').click();
  await expect(page.getByTestId('cordon-horizon')).toBeVisible({ timeout: 30_000 });
  const exits = page.locator('[data-testid^="cordon-exit-"]');
  await expect.poll(() => exits.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('dispatch-map')).toHaveAttribute(
    'data-cordon-exits',
    String(await exits.count()),
  );
  await wall.close();
});
