/**
 * The one-way layers of docs/architecture.md, checked by `npm run lint:deps`.
 *   0 config    src/config/
 *   1 core      src/core/
 *   2 adapters  src/store/ src/providers/ src/gateway/ src/identity/
 *   3 HTTP      src/app.ts src/http/ src/portal/ src/api/ src/auth/ src/demo/ src/i18n/
 *   4 composition  src/build-vestibule.ts src/partner-apis.ts src/prepare-vestibule.ts src/start-when-ready.ts src/load-config.ts src/server.ts
 * Type-only imports count too: a type import upwards is still a layer leak.
 */
const HTTP_LIBRARIES = '^(express|express-session|helmet|passport|supertest|oidc-provider|ejs|http|https|node:http|node:https|http2|node:http2)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles at all, between folders or between files.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No two folders import each other, even through different files (what tools/folder-cycles.mjs reports).',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'config-is-the-bottom',
      severity: 'error',
      comment: 'src/config/ imports nothing else from src/.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment: 'The core knows no other src folder (not even config): sessions, the visit story, decisions, contracts.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-knows-no-http',
      severity: 'error',
      comment: 'No express, no HTTP server libraries in the core.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'], path: HTTP_LIBRARIES },
    },
    {
      name: 'adapters-import-only-core-and-config',
      severity: 'error',
      comment: 'store/, providers/, gateway/ and identity/ build on the core (and config) only, never on each other or on the HTTP layer.',
      from: { path: '^src/(store|providers|gateway|identity)/' },
      to: { path: '^src/', pathNot: ['^src/(core|config)/', '^src/$1/'] },
    },
    {
      name: 'adapters-know-no-http',
      severity: 'error',
      comment: 'Adapters describe requests in plain data; express stays in the HTTP layer.',
      from: { path: '^src/(store|providers|gateway|identity)/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'core'], path: HTTP_LIBRARIES },
    },
    {
      name: 'dialects-are-independent',
      severity: 'error',
      comment: 'A gateway dialect may use the contract and the shared gateway helpers, never another dialect.',
      from: { path: '^src/gateway/dialects/([^/]+)/' },
      to: { path: '^src/gateway/dialects/', pathNot: ['^src/gateway/dialects/$1/', '^src/gateway/dialects/dialect\\.ts$'] },
    },
    {
      name: 'only-composition-imports-composition',
      severity: 'error',
      comment:
        'Nothing but the composition layer imports its files (build-vestibule.ts, partner-apis.ts, prepare-vestibule.ts, start-when-ready.ts, load-config.ts, server.ts).',
      from: { path: '^src/', pathNot: '^src/(build-vestibule|partner-apis|prepare-vestibule|start-when-ready|load-config|server)\\.ts$' },
      to: { path: '^src/(build-vestibule|partner-apis|prepare-vestibule|start-when-ready|load-config|server)\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves.',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
