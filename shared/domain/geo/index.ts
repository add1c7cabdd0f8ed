/** Pure geography for the map: datums, distances, polygons, fields of view, tracks, compliance. */
export * from './lat-lng';
export * from './gcj02';
export * from './distance';
export * from './polygon';
export * from './field-of-view';
export * from './track';
export * from './compliance';
export * from './gpx';
