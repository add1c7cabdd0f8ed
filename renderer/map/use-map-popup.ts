/**
 * The camera popup: a Leaflet popup whose content element React renders into (a portal), opened
 * when a camera is clicked and removed in the same effect's cleanup. Closing it on the map tells
 * the owner, which unmounts the preview (and its hls.js player) with it.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';

export function useMapPopup(
  map: L.Map | null,
  popup: { at: L.LatLng; element: HTMLElement } | null,
  onClose: () => void,
): void {
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    if (!map || !popup) return;
    const leaflet = L.popup({
      className: 'camera-popup-shell',
      minWidth: 260,
      maxWidth: 300,
      autoPanPadding: [40, 40],
      offset: [0, -4],
    })
      .setLatLng(popup.at)
      .setContent(popup.element);
    const closed = (): void => closeRef.current();
    leaflet.on('remove', closed);
    leaflet.openOn(map);
    return () => {
      leaflet.off('remove', closed);
      leaflet.remove();
    };
  }, [map, popup]);
}
