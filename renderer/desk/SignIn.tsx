/**
 * The desk's door (issue #11): nothing of the desk shows until an operator signs in. With no
 * account on the station yet, the first administrator is created here; on the built-in simulator
 * its demo accounts are listed with a one-click sign-in. The core decides (wrong password, lock);
 * this page says what it answered.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { HandoverPanel } from './HandoverPanel';
import { OperatorsPanel } from './OperatorsPanel';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../shared/contract/session';
import { useSession } from '../state/use-session';
import { useStationInfo } from '../state/use-station-info';
import { useClient } from '../transport/use-client';

export function SignInGate({ children }: { children: ReactNode }) {
  const session = useSession().value;
  const operator = session?.operator;
  useIdleLock(operator ? !operator.locked : false);
  if (!session) return <div className="sign-in-page" data-testid="session-loading" />;
  if (operator?.locked) return <Locked name={operator.name} />;
  if (operator) return children;
  return <SignIn session={session} />;
}

const defaultIdleLockMinutes = 15;
const activity = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

/**
 * Locks the desk after the station's `idleLockMinutes` without a key, a click or a move on it.
 * The lock is the core's (calls from the desk are refused until it opens), so a page that
 * reloads or a crafted message does not get round it.
 */
function useIdleLock(active: boolean): void {
  const client = useClient();
  const minutes = useStationInfo()?.idleLockMinutes ?? defaultIdleLockMinutes;
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void client.call('session.lock', {}), minutes * 60_000);
    };
    arm();
    for (const type of activity) window.addEventListener(type, arm, { passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const type of activity) window.removeEventListener(type, arm);
    };
  }, [active, minutes, client]);
}

/** A locked desk: the operator's password opens it; another operator takes over instead. */
function Locked({ name }: { name: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [handover, setHandover] = useState(false);
  const unlock = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('session.unlock', { password });
    setBusy(false);
    if (!result.ok) setError(t('session.failed', { message: result.error.message }));
  };
  return (
    <div className="sign-in-page">
      <form className="sign-in" onSubmit={(e) => void unlock(e)} data-testid="locked">
        <h1>Vigil · {t('session.locked.title')}</h1>
        <p className="muted">{t('session.locked.hint', { name })}</p>
        <label>
          {t('session.password')}
          <input
            data-testid="unlock-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </label>
        <button type="submit" disabled={busy || !password}>
          {t('session.locked.unlock')}
        </button>
        {error && (
          <p className="notice error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
        <button type="button" data-testid="locked-handover" onClick={() => setHandover((v) => !v)}>
          {t('session.locked.other')}
        </button>
      </form>
      {handover && (
        <div className="locked-handover">
          <HandoverPanel from={name} onClose={() => setHandover(false)} />
        </div>
      )}
    </div>
  );
}

function SignIn({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setup = !session.accounts;

  const signIn = async (as: string, secret: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = setup
      ? await client.call('session.setup', { name: as, password: secret })
      : await client.call('session.signIn', { name: as, password: secret });
    setBusy(false);
    // Success shows the desk through the `session` event; a failure says why, here.
    if (!result.ok) setError(t('session.failed', { message: result.error.message }));
    else setPassword('');
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void signIn(name.trim(), password);
  };

  return (
    <div className="sign-in-page">
      <form className="sign-in" onSubmit={submit} data-testid="sign-in">
        <h1>Vigil · {setup ? t('session.setupTitle') : t('session.title')}</h1>
        <p className="muted">{setup ? t('session.setupHint') : t('session.subtitle')}</p>
        <label>
          {t('session.name')}
          <input
            data-testid="sign-in-name"
            autoComplete="username"
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          {t('session.password')}
          <input
            data-testid="sign-in-password"
            type="password"
            autoComplete={setup ? 'new-password' : 'current-password'}
            value={password}
            maxLength={200}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !name.trim() || !password}>
          {busy ? t('session.signingIn') : setup ? t('session.setup') : t('session.signIn')}
        </button>
        {error && (
          <p className="notice error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        {session.demo.length > 0 && (
          <section className="sign-in-demo" data-testid="sign-in-demo">
            <h2>{t('session.demoTitle')}</h2>
            <ul>
              {session.demo.map((account) => (
                <li key={account.name}>
                  <button
                    type="button"
                    disabled={busy}
                    data-testid={`sign-in-demo-${account.role}`}
                    onClick={() => void signIn(account.name, account.password)}
                  >
                    {t('session.demoUse', { name: account.name })}
                  </button>{' '}
                  <span className="muted">
                    {t(`roles.${account.role}`)} · {t('session.demoPassword', account)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </div>
  );
}

/** Who is on duty, in the desk's header, with the way out; an administrator manages accounts. */
export function SessionBadge() {
  const { t } = useTranslation();
  const client = useClient();
  const operator = useSession().value?.operator;
  const [open, setOpen] = useState<'operators' | 'handover' | null>(null);
  if (!operator) return null;
  const toggle = (panel: 'operators' | 'handover') =>
    setOpen((now) => (now === panel ? null : panel));
  return (
    <span className="session-badge" data-testid="session-badge" data-role={operator.role}>
      {open === 'operators' && operator.role === 'admin' && (
        <OperatorsPanel onClose={() => setOpen(null)} />
      )}
      {/* Keyed by the operator: a handover that went through closes it with the old session. */}
      {open === 'handover' && (
        <HandoverPanel key={operator.name} from={operator.name} onClose={() => setOpen(null)} />
      )}
      <span className="badge">
        {t('session.onDuty', { name: operator.name, role: t(`roles.${operator.role}`) })}
      </span>
      {operator.role === 'admin' && (
        <button type="button" data-testid="operators-open" onClick={() => toggle('operators')}>
          {t('session.operators.title')}
        </button>
      )}
      <button
        type="button"
        data-testid="handover-open"
        title={t('session.handover.openTitle')}
        onClick={() => toggle('handover')}
      >
        {t('session.handover.open')}
      </button>
      <button
        type="button"
        data-testid="lock"
        title={t('session.locked.lockTitle')}
        onClick={() => void client.call('session.lock', {})}
      >
        {t('session.locked.lock')}
      </button>
      <button
        type="button"
        data-testid="sign-out"
        title={t('session.signOutTitle')}
        onClick={() => void client.call('session.signOut', {})}
      >
        {t('session.signOut')}
      </button>
    </span>
  );
}
