/**
 * The layer rules of docs/design/layout.md, checked by the test command (`npm run lint`, also run by `scripts/test.sh`).
 * From the bottom: ground (common, config) → database → platform modules → journeys' domain
 * modules → overview modules over several journeys (todos) → adapters (web pages, health, demo) → the composition root (src/app.*, main, worker, cli).
 * A folder may import its own layer and those below it, never one above.
 */
const GROUND = 'src/(common|config)/';
const DATABASE = 'src/database/';
const PLATFORM = 'src/(jobs|search|files|notifications|audit|auth|directory)/';
const DOMAIN = 'src/(proposals|topics|visits|drafts|plans|stats|reports|opinions|instructions)/';
/** Modules that read several journeys at once (待办): above the journeys, below the adapters. */
const OVERVIEW = 'src/(todos)/';
const ADAPTERS = 'src/(web|health|demo)/';

const above = (layer, ...higher) => ({
  name: `${layer.name}-imports-nothing-above-it`,
  comment: `${layer.name} may import only its own layer and those below it`,
  severity: 'error',
  from: { path: `^${layer.path}` },
  to: { path: `^(${higher.join('|')}|src/app\\.|src/main\\.ts|src/worker\\.ts|src/cli/)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules that import each other',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    above({ name: 'ground', path: GROUND }, DATABASE, PLATFORM, DOMAIN, OVERVIEW, ADAPTERS),
    above({ name: 'database', path: DATABASE }, PLATFORM, DOMAIN, OVERVIEW, ADAPTERS),
    above({ name: 'platform', path: PLATFORM }, DOMAIN, OVERVIEW, ADAPTERS),
    above({ name: 'domain', path: DOMAIN }, OVERVIEW, ADAPTERS),
    above({ name: 'overview', path: OVERVIEW }, ADAPTERS),
    {
      name: 'adapters-stay-apart',
      comment:
        'pages, health and the demo loader do not import one another (the demo loader plays the journeys through their services)',
      severity: 'error',
      from: { path: '^src/(web|health|demo)/' },
      to: { path: '^src/(web|health|demo)/', pathNot: '^src/$1/' },
    },
    {
      name: 'web-kit-imports-no-journey',
      comment:
        'the page kit (web/kit) serves every journey and imports none of them: journeys add their views to ViewContexts by declaration merging',
      severity: 'error',
      from: { path: '^src/web/kit/' },
      to: { path: '^src/web/', pathNot: '^src/web/kit/' },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      comment: 'unit specs may read the test fixtures; the application never does',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
