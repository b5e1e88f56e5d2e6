// Who may import whom (DESIGN §3): engines import nothing of ours; platform only engines; modules
// import platform, engines and other modules' index.ts, along the module order; nothing imports
// workbench; modules never import api/, cli/ or worker/.
const order = [
  ['access'],
  ['customers'],
  ['tags', 'enterprise-graph', 'ingest'],
  ['news', 'audiences', 'ml-models'],
  ['recommendations', 'leads', 'rules'],
  ['campaigns'],
  ['workbench'],
];
const rank = Object.fromEntries(order.flatMap((names, i) => names.map((n) => [n, i])));
const modules = Object.keys(rank);

/** A module may import only modules strictly earlier in the order (or its own files). */
const orderRules = modules.map((name) => {
  const allowed = modules.filter((other) => rank[other] < rank[name]);
  return {
    name: `module-order-${name}`,
    severity: 'error',
    comment: `${name} may import only earlier modules: ${allowed.join(', ') || 'none'}`,
    from: { path: `^src/modules/${name}/` },
    to: {
      path: '^src/modules/([^/]+)/',
      pathNot: [`^src/modules/${name}/`, ...allowed.map((a) => `^src/modules/${a}/index\\.ts$`)],
    },
  };
});

module.exports = {
  forbidden: [
    ...orderRules,
    {
      name: 'engines-pure',
      severity: 'error',
      from: { path: '^src/engines/' },
      to: { path: '^src/(platform|modules|api|cli|worker)/' },
    },
    {
      name: 'platform-only-engines',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|api|cli|worker)/' },
    },
    {
      name: 'modules-not-shells',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(api|cli|worker)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
