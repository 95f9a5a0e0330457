/**
 * ES-module-only dependencies that in-process tests load, compiled to CommonJS like our own files: jest's
 * CommonJS runtime can neither require them nor run a dynamic import() without --experimental-vm-modules.
 * mercurius import()s quick-lru and requires @fastify/static → content-disposition 3; @fastify/cookie 11 import()s
 * cookie 2; intl-messageformat 12 and its @formatjs parts (the workspace's messages) ship only as ES modules.
 */
const ESM_DEPENDENCIES = ['content-disposition', 'cookie', '@fastify/cookie', 'mercurius', 'quick-lru', 'intl-messageformat', '@formatjs'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/domain', '<rootDir>/application', '<rootDir>/projections', '<rootDir>/infrastructure', '<rootDir>/interfaces', '<rootDir>/seed', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: false }, target: 'es2022' }, module: { type: 'commonjs' } }],
    [`/node_modules/(${ESM_DEPENDENCIES.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_DEPENDENCIES.join('|')})/)`],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
};
