// Two projects: unit specs beside the code, and end-to-end tests in test/ that boot the real
// app against real PostgreSQL (embedded, or TEST_DATABASE_URL). Each e2e file gets its own
// database cloned from a migrated and seeded template, so files run in parallel.
//
// NestJS 12 and a few of its dependencies ship ES modules only. On Node 24.9+ Jest loads them
// natively through require(esm) when Node runs with --experimental-vm-modules (the npm scripts
// pass it), so only our TypeScript is transformed.
const aliases = {
  '^@app/(database|common|catalogue|accounts|registration|attendance|exports|importer|notifications)$':
    '<rootDir>/libs/$1/src',
  '^@migrations$': '<rootDir>/migrations',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper: aliases,
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper: aliases,
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  testTimeout: 60000,
  // A test that leaves a handle open must fail loudly, not hang CI.
  forceExit: false,
};
