import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    globalSetup: ['__tests__/setup/global.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Real servers and kernels: two cores on CI, keep parallelism modest.
    maxWorkers: 2,
    // Test registries are throwaway folders, also when CI runs the suite inside GitHub Actions;
    // the tests of that rule unset it.
    env: { MODEL_RETRAIN_THROWAWAY_REGISTRY: 'true' },
  },
});
