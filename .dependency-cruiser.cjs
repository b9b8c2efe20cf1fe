/**
 * The shape of Switchyard's imports, checked in the test command (`npm run lint:deps`, the
 * "imports" step of scripts/test-all.sh). Type-only imports count: a circle of types is
 * still two modules that cannot be read (or moved) one without the other.
 *
 *   app  ->  components  ->  lib/hooks  ->  lib/*
 *
 * docs/architecture.md draws the same layers.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others. Break the circle with an interface in the lower module, or a subscription (see docs/architecture.md).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment: 'Folders that import each other (lib/store and lib/activity, say): the lower one offers an interface or an event instead.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-up',
      severity: 'error',
      comment: 'lib/ is below components/ and app/: it never imports them.',
      from: { path: '^lib/' },
      to: { path: '^(components|app)/' },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      comment: 'components/ is below app/.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'hooks-above-lib',
      severity: 'error',
      comment: 'lib/hooks (the page\'s data hooks) is above the rest of lib/: nothing else in lib/ imports it.',
      from: { path: '^lib/', pathNot: '^lib/hooks/' },
      to: { path: '^lib/hooks/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests sit above everything they test (nothing imports a test, so none is in a circle).
    exclude: { path: '^(node_modules|\\.next)/|\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
