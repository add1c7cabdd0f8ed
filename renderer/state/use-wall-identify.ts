import { useEffect, useState } from 'react';
import { useClient } from '../transport/use-client';

/**
 * True while the desk's "identify monitors" lasts: every wall window shows its number big. An
 * old event replayed after a reconnect has passed its `until` and shows nothing.
 */
export function useWallIdentify(): boolean {
  const client = useClient();
  const [showing, setShowing] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = client.subscribe('wall.identify', {
      onEvent: ({ until }) => {
        const left = until - Date.now();
        if (left <= 0) return;
        if (timer) clearTimeout(timer);
        setShowing(true);
        timer = setTimeout(() => setShowing(false), left);
      },
      onReset: () => {},
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  return showing;
}
