/**
 * Three layers: unit specs beside the code; under test/, integration specs (services against a real
 * database, no HTTP: *.int-spec.ts) and e2e suites (real database, real browser). Both of the latter
 * run in the e2e project, on each engine.
 */
const tsJest = ['ts-jest', { diagnostics: false }];
/**
 * otplib's CommonJS build requires two ESM-only packages (@scure/base, @noble/hashes): Node ≥ 22 loads them
 * with require(), Jest's module system does not, so Jest compiles those two to CommonJS.
 */
const esmDeps = {
  transform: {
    '^.+\\.ts$': tsJest,
    '/node_modules/@(scure|noble)/[^/]+/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@(scure|noble)/)(?!.*/node_modules/@(scure|noble)/)'],
};

/**
 * The e2e project on one engine: `--selectProjects e2e-sqlite` (test/support/engine.js sets TEST_DB). The crawl of
 * every page (*.pages-spec.ts: layout and accessibility at two widths, three minutes) runs once, on the embedded
 * default: what it checks is the pages, which the engine does not change; the journeys run on both.
 */
const e2e = (engine, extra = []) => ({
  displayName: `e2e-${engine}`,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e-spec.ts', '**/*.int-spec.ts', ...extra],
  ...esmDeps,
  globals: { XS_TEST_ENGINE: engine },
  setupFiles: ['<rootDir>/test/support/engine.js'],
  // The run's template database: the first suite migrates, the others start from a copy (test/support/db-template.ts).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
});
module.exports = {
  // Global on purpose: jest-circus reads only the global testTimeout, a per-project one is ignored.
  // The e2e suites start an app and migrate a fresh database in beforeAll, which can pass 5 s on a busy machine.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
      ...esmDeps,
    },
    // The e2e and integration suites, once on each engine (the test command runs one project after the other).
    e2e('mariadb'),
    e2e('sqlite', ['**/*.pages-spec.ts']),
    // The production topology (MariaDB + Redis + built processes): once per run, not once per engine.
    {
      displayName: 'prod',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.prod-spec.ts'],
      ...esmDeps,
    },
  ],
};
