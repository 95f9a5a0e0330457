/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/domain', '<rootDir>/application', '<rootDir>/projections', '<rootDir>/infrastructure', '<rootDir>/interfaces', '<rootDir>/seed', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: false }, target: 'es2022' }, module: { type: 'commonjs' } }],
    '/node_modules/(intl-messageformat|@formatjs)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // intl-messageformat and its @formatjs parts ship only as ES modules: jest (CommonJS) gets them compiled
  // like our own files. Node itself require()s them as they are (from 20.19).
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
