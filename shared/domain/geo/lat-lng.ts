/** A WGS-84 (or GCJ-02, where a name says so) position in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** `[lng, lat]`, GeoJSON order (lines and polygon rings of the map contract). */
export type LngLatPair = readonly [number, number];

export const fromPair = ([lng, lat]: LngLatPair): LatLng => ({ lat, lng });
export const toPair = (p: LatLng): [number, number] => [p.lng, p.lat];
