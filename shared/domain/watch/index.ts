/** The watch modes' pure logic: rotation, tour windows and runs, coverage planning, linkage. */
export * from './shanghai-time';
export * from './rotation';
export * from './tour-window';
export * from './tour-run';
export * from './coverage-planner';
export * from './focus-linkage';
