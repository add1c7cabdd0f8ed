import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Integration tests start real servers (simulator, MQTT broker) on loopback.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: run files in a few forks, not one per core, so servers do not starve each other.
    pool: 'forks',
    maxWorkers: 2,
    // Each run's temporary folders in one folder, removed at the end (tests/shared/vitest-tmp.ts).
    globalSetup: ['tests/shared/vitest-tmp.ts'],
  },
});
