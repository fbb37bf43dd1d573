/** Two layers: unit specs beside the code, e2e suites (real database, real browser) under test/. */
const tsJest = ['ts-jest', { diagnostics: false }];
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
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    // The production topology (MariaDB + Redis + built processes): once per run, not once per engine.
    {
      displayName: 'prod',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.prod-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
