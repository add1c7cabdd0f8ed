/** Wall layouts: presets, custom layouts with merged cells, logical monitors. Pure. */
export * from './layout';
export * from './layout-schema';
export * from './logical-monitors';
export * from './presets';
