/**
 * Text from data (camera, area, line and point names, call signs) as Leaflet content. Leaflet
 * renders a string given to bindTooltip, bindPopup, setContent or a divIcon's `html` as HTML, so
 * a name like `<img src=x onerror=…>` would run. Every such string goes through `escapeHtml`
 * (tests/unit/renderer/map-html-text.test.ts checks each call site), or the content is an element
 * built with textContent. Pure: no DOM, no Leaflet.
 */

/** The text with every character HTML gives a meaning to as a character reference. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
