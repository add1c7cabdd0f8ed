/**
 * Operators at the desk (issue #11): nothing of the desk shows before a sign-in; a watcher who
 * tries a duty chief's action is refused by the core with a message that says so; a wrong
 * password is refused; the watcher signs out and the chief signs in at the same desk, and the
 * chief's action goes through. The wall layout is the chief's (shared/contract/access.ts).
 */
import { expect, test } from './fixtures';

test.use({ hostOptions: { cameras: 2000, walls: 2, signedIn: null } });

test('a watcher is refused a chief action; the shift is handed over at the desk', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  // The door: the sign-in form, not the desk.
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('layout-select-1')).toHaveCount(0);

  // A wrong password is refused and said.
  await page.getByTestId('sign-in-name').fill('值机员');
  await page.getByTestId('sign-in-password').fill('wrong');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('wrong name or password');

  // The watcher signs in (the simulator's demo account).
  await page.getByTestId('sign-in-password').fill('vigil');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'watcher');
  await expect(page.getByTestId('session-badge')).toContainText('值机员');

  // A chief's action: the layout of a wall. The core refuses it and the desk says why.
  const select = page.getByTestId('layout-select-1');
  const before = await select.inputValue();
  await select.selectOption('9');
  await expect(page.getByTestId('notice')).toContainText('needs a duty chief');
  await expect(page.getByTestId('notice')).toContainText('值机员 is a watcher');
  await expect(select).toHaveValue(before);

  // 交接班: the watcher hands the desk to the chief, who proves who they are; the note goes with it.
  await page.getByTestId('handover-open').click();
  await expect(page.getByTestId('handover-items')).toBeVisible();
  await page.getByTestId('handover-note').fill('2 号墙画面偏暗');
  await page.getByTestId('handover-name').fill('值班长');
  await page.getByTestId('handover-password').fill('wrong');
  await page.getByTestId('handover-take').click();
  await expect(page.getByTestId('handover-error')).toContainText('wrong name or password');
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'watcher');
  await page.getByTestId('handover-password').fill('vigil');
  await page.getByTestId('handover-take').click();
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'chief');
  await expect(page.getByTestId('handover-panel')).toHaveCount(0);
  // The record: the next handover panel names the last one.
  await page.getByTestId('handover-open').click();
  await expect(page.getByTestId('handover-panel')).toContainText('值机员 → 值班长');
  await page.getByTestId('handover-open').click();
  await page.getByTestId('layout-select-1').selectOption('9');
  await expect(page.getByTestId('layout-select-1')).toHaveValue('9');
  await expect(page.getByTestId('mini-tile-1-8')).toBeVisible();

  // A wall knows who watches it: identifying the monitors shows the operator on duty.
  const wall = await page.context().newPage();
  await wall.goto(vigil.wallUrls[0]!);
  // Identifying is a moment's message to the walls that listen: the wall has its view first.
  await expect(wall.locator('[data-testid^="wall-tile-"]').first()).toBeVisible();
  await page.getByTestId('identify-walls').click();
  await expect(wall.getByTestId('wall-on-duty')).toHaveText(/值班长/);
  await wall.close();
});

test('a reload keeps the session; an admin adds an operator; the desk locks and opens', async ({
  page,
  vigil,
}) => {
  await page.goto(vigil.deskUrl);
  await expect(page.getByTestId('sign-in-demo')).toBeVisible();
  await page.getByTestId('sign-in-demo-admin').click();
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'admin');
  await page.reload();
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'admin');
  // The administrator adds a watcher, who can then sign in.
  await page.getByTestId('operators-open').click();
  const form = page.getByTestId('operator-form');
  await form.getByRole('textbox').first().fill('张三');
  await form.locator('input[type=password]').fill('zhang-1234');
  await form.getByRole('button').click();
  await expect(page.getByTestId('operators-panel')).toContainText('张三');
  // The desk locks (by hand here; by itself when idle): nothing of it shows, the core refuses its
  // calls, and only the operator's own password opens it.
  await page.getByTestId('lock').click();
  await expect(page.getByTestId('locked')).toBeVisible();
  await expect(page.getByTestId('layout-select-1')).toHaveCount(0);
  const refused = await page.evaluate(async () => {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    const ws = new WebSocket(`ws://${window.location.host}/ws?token=${token}&window=desk`);
    await new Promise((resolve) => ws.addEventListener('open', resolve));
    const answer = new Promise<string>((resolve) =>
      ws.addEventListener('message', (m) => {
        const frame = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
        if (frame.id === 1) resolve(JSON.stringify(frame.result));
      }),
    );
    ws.send(JSON.stringify({ id: 1, method: 'wall.rename', input: { wallId: 1, name: 'x' } }));
    const result = await answer;
    ws.close();
    return result;
  });
  expect(refused).toContain('the desk is locked');
  await page.getByTestId('unlock-password').fill('nope');
  await page.getByRole('button', { name: /^(解锁|Unlock)$/ }).click();
  await expect(page.getByTestId('unlock-error')).toContainText('wrong name or password');
  await page.getByTestId('unlock-password').fill('vigil');
  await page.getByRole('button', { name: /^(解锁|Unlock)$/ }).click();
  await expect(page.getByTestId('session-badge')).toHaveAttribute('data-role', 'admin');

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-name').fill('张三');
  await page.getByTestId('sign-in-password').fill('zhang-1234');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('session-badge')).toContainText('张三');
});
