/**
 * Signs an operator in at a station, as the desk would, for tests that act through the contract:
 * every action needs someone signed in (shared/contract/access.ts). On a station with no account
 * the first administrator is made; on the simulator's, its demo administrator signs in. Then the
 * named operator gets an account with the role and signs in. Idempotent across restarts (the
 * session is kept in the cache).
 */
import type { Role } from '../shared/api';
import type { SessionState } from '../shared/contract/session';
import type { Station } from '../electron/station/station';

export const testPassword = 'test-password';

export async function signInAs(
  station: Pick<Station, 'host'>,
  name = '值机员甲',
  role: Role = 'chief',
): Promise<void> {
  const desk = { window: 'desk' } as const;
  const call = async (method: string, input: unknown): Promise<SessionState> => {
    const result = await station.host.dispatch(method, input, desk);
    if (!result.ok) throw new Error(`signInAs: ${method}: ${result.error.message}`);
    return result.value as SessionState;
  };
  const state = await call('session.get', {});
  if (state.operator?.name === name && state.operator.role === role) return;
  if (!state.accounts) {
    await call('session.setup', { name: '装机管理员', password: testPassword });
  } else if (state.operator?.role !== 'admin') {
    const demo = state.demo.find((a) => a.role === 'admin');
    await call('session.signIn', {
      name: demo?.name ?? '装机管理员',
      password: demo?.password ?? testPassword,
    });
  }
  await call('operator.save', { name, role, password: testPassword });
  await call('session.signIn', { name, password: testPassword });
}
