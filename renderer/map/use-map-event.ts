/** A Leaflet map event handler, attached in an effect and detached in its cleanup. */
import type L from 'leaflet';
import { useEffect } from 'react';

export function useMapEventEffect(
  map: L.Map | null,
  name: string,
  handler: (event: L.LeafletMouseEvent) => void,
): void {
  useEffect(() => {
    if (!map) return;
    const listener = (event: L.LeafletEvent) => handler(event as L.LeafletMouseEvent);
    map.on(name, listener);
    return () => {
      map.off(name, listener);
    };
  }, [map, name, handler]);
}
