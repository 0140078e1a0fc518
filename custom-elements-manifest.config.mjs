// Writes custom-elements.json (shipped) from the element's JSDoc: attributes, properties,
// events, parts and CSS properties, so editors and docs tools know the public API.
/** The analyzer also guesses events from `dispatchEvent(new X(arg))`; only the documented ones are API. */
const documentedEventsOnly = {
  name: 'documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (d.events) d.events = d.events.filter((e) => e.name && e.description);
      }
    }
  },
};

export default {
  globs: ['src/element/**/*.ts', 'src/studio/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  plugins: [documentedEventsOnly],
};
