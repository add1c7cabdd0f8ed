/**
 * Every shortcut of this window, on `?` (issue #15): read from renderer/common/shortcuts.ts, the
 * list the key handlers read too, so it says what the keys do. Closed by Escape or `?`. At a wall
 * it is drawn big (read from 3 m away).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  matches,
  namedKeys,
  shortcuts,
  shortcutsFor,
  typingIn,
  type Shortcut,
  type ShortcutScope,
} from './shortcuts';
import './keys.css';

const capNames: Record<(typeof namedKeys)[number], string> = {
  ' ': 'space',
  Enter: 'enter',
  Escape: 'escape',
  Backspace: 'backspace',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
  Home: 'home',
  End: 'end',
};

/** The help's open state, toggled by `?` (and closed by Escape) outside text fields. */
export function useHelpKey(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || typingIn(event.target)) return;
      // `?` is Shift+/ on most keyboards: Shift is allowed (matches ignores it).
      if (matches('help', event)) {
        event.preventDefault();
        event.stopPropagation();
        setOpen((o) => !o);
      } else if (event.key === 'Escape') {
        setOpen((o) => {
          if (o) {
            event.preventDefault();
            event.stopPropagation();
          }
          return false;
        });
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return [open, setOpen];
}

export function HelpOverlay({ scope, onClose }: { scope: ShortcutScope; onClose: () => void }) {
  const { t } = useTranslation();
  const cap = (key: string): string => {
    const name = (capNames as Record<string, string>)[key];
    if (name === undefined) return key;
    return name.length === 1 ? name : t(`keys.cap.${name as 'space'}`);
  };
  return (
    <div
      className={`help-overlay help-${scope}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      data-testid="help-overlay"
      onClick={onClose}
    >
      <div className="help-panel" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title" className="help-title">
          {t('keys.help.title')}
          <span className="help-close">{t('keys.help.close')}</span>
        </h2>
        <div className="help-groups">
          {shortcutsFor(scope).map(({ group, ids }) => (
            <section key={group} className="help-group" data-group={group}>
              <h3>{t(`keys.help.groups.${group}`)}</h3>
              <dl>
                {ids.map((id) => {
                  const s: Shortcut = shortcuts[id];
                  const caps = s.caps ?? s.keys.map(cap);
                  return (
                    <div key={id} className="help-row" data-testid="help-row" data-shortcut={id}>
                      <dt>
                        {caps.map((c, i) => (
                          <kbd key={i}>{c}</kbd>
                        ))}
                      </dt>
                      <dd>{t(`keys.shortcut.${id}`)}</dd>
                    </div>
                  );
                })}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
