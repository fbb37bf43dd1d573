/** Two layers: unit specs beside the code, e2e suites (real database, real browser) under test/. */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'], transform: { '^.+\\.ts$': tsJest } },
    { displayName: 'e2e', testEnvironment: 'node', roots: ['<rootDir>/test'], testMatch: ['**/*.e2e-spec.ts'], transform: { '^.+\\.ts$': tsJest }, testTimeout: 60000 },
  ],
};
