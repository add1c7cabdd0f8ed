/**
 * Issue #16 item 1, "every tile sees its picture", through the browser host against the
 * simulator: a camera that keeps streaming a black picture, or the very same picture, used to
 * read 实时 / Live. Its tile now says 黑屏 / 画面冻结 within seconds (the player still plays:
 * only sampling the picture can tell), the desk's miniature says the same, a tile next to them
 * with a normal picture stays live, and each goes back to live when its fault clears. Both faults
 * in one run (two tiles at once): each waits for segments and samples, not for the other.
 * A diagnosis that persists (here 10 s, `health.ticketAfterSeconds`) opens a fault ticket for its
 * camera and fault, which the desk's Health tab lists (issue #16's "done when").
 */
import { expect, simulatorAdmin, test, type VigilHost } from './fixtures';
import { expectDecoding, recordStates } from './video';

async function admin(vigil: VigilHost, method: string, path: string, body?: unknown) {
  const response = await simulatorAdmin(vigil, method, path, body);
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
}

test.use({
  hostOptions: { cameras: 2000, walls: 2, config: { health: { ticketAfterSeconds: 10 } } },
});

test('a black and a frozen picture read so on their tiles and miniatures, open tickets, then live again', async ({
  context,
  vigil,
}) => {
  const wall = await context.newPage();
  await wall.goto(vigil.wallUrls[0]!);
  await expect(wall.locator('[data-testid^="wall-tile-"]')).toHaveCount(4);
  const faults = [
    { kind: 'black', index: 0, words: /黑屏|Black picture/ },
    { kind: 'frozen', index: 1, words: /画面冻结|Picture frozen/ },
  ] as const;
  const normal = wall.getByTestId('wall-tile-2');
  const desk = await context.newPage();
  await desk.goto(vigil.deskUrl);
  const cases = [];
  for (const fault of faults) {
    const tile = wall.getByTestId(`wall-tile-${fault.index}`);
    await expectDecoding(tile);
    const mini = desk.getByTestId(`mini-tile-1-${fault.index}`);
    await expect(mini).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
    // Every state the tile passes through from now on.
    const states = await recordStates(tile);
    const cameraId = (await tile.getAttribute('data-camera-id'))!;
    cases.push({ ...fault, tile, mini, states, cameraId, state: `${fault.kind}-picture` });
  }
  await expectDecoding(normal);

  for (const c of cases)
    await admin(vigil, 'POST', '/admin/faults', { kind: c.kind, cameraId: c.cameraId });
  for (const c of cases) {
    // The new look starts at the next segment (2 s), then 3 samples / 8 s of sampling.
    await expect(c.tile).toHaveAttribute('data-state', c.state, { timeout: 45_000 });
    await expect(c.tile.getByTestId('tile-state-label')).toHaveText(c.words);
    await expect(c.tile.getByTestId('tile-state-hint')).toHaveText(/报修|report it/);
    // The player still plays: frames keep being decoded (it is the picture that is wrong).
    await expectDecoding(c.tile);
    await expect(c.mini).toHaveAttribute('data-state', c.state, { timeout: 15_000 });
    await expect(c.mini).toContainText(c.words);
  }
  await expect(normal).toHaveAttribute('data-state', 'playing');

  // The diagnosis persisted: each camera has a ticket for its fault, listed on the Health tab.
  await desk.getByTestId('desk-tab-health').click();
  const pane = desk.getByTestId('health-pane');
  for (const c of cases) {
    const ticket = pane.locator(`[data-testid="health-ticket"][data-camera-id="${c.cameraId}"]`);
    await expect(ticket).toBeVisible({ timeout: 30_000 });
    await expect(ticket).toHaveAttribute('data-fault', c.kind);
  }

  for (const c of cases) {
    await admin(vigil, 'DELETE', `/admin/faults/${encodeURIComponent(c.cameraId)}`);
  }
  for (const c of cases) {
    await expect(c.tile).toHaveAttribute('data-state', 'playing', { timeout: 45_000 });
    await expect(c.mini).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
    // Straight from live to the fault and back: no stall or reconnect on the way.
    expect(await c.states()).toEqual([c.state, 'playing']);
  }
});
