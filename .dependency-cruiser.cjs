/** Layer rules of docs/architecture.md: interfaces → application → domain; infrastructure implements application's ports. */
module.exports = {
  forbidden: [
    { name: 'domain-is-pure', severity: 'error', comment: 'domain/ imports nothing outside itself (no framework, no I/O); ts-pattern is the one allowed helper',
      from: { path: '^domain/' }, to: { pathNot: ['^domain/', 'node_modules/ts-pattern'] } },
    { name: 'application-no-adapters', severity: 'error', comment: 'application/ declares ports; it never imports adapters or interfaces',
      from: { path: '^application/' }, to: { path: ['^infrastructure/', '^interfaces/'] } },
    { name: 'application-reads-schemas-only', severity: 'error', comment: 'queries in application/ read a read model through its schema (projections/<model>/schema.ts) or query; they never import projection code or the runner',
      from: { path: '^application/' }, to: { path: '^projections/', pathNot: '^projections/[^/]+/(schema|query|queries)\\.ts$' } },
    { name: 'projections-no-adapters', severity: 'error', comment: 'projections are pure definitions plus a runner over ports',
      from: { path: '^projections/' }, to: { path: ['^infrastructure/', '^interfaces/'] } },
    { name: 'infrastructure-no-interfaces', severity: 'error',
      from: { path: '^infrastructure/' }, to: { path: '^interfaces/' } },
    { name: 'seed-drives-from-outside', severity: 'error', comment: 'seeding drives the application like the CLI does; the layers below never import it',
      from: { path: '^(domain|application|projections|infrastructure)/' }, to: { path: '^seed/' } },
    { name: 'seed-no-adapters', severity: 'error', comment: 'seeding goes through the application, not around it',
      from: { path: '^seed/' }, to: { path: ['^infrastructure/', '^interfaces/'] } },
    { name: 'no-tests-in-runtime', severity: 'error',
      from: { path: '^(domain|application|projections|infrastructure|interfaces|seed)/' }, to: { path: '^tests/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', '^dist/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
