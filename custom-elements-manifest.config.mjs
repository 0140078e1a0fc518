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

/** Internal reactive state (`static properties = { _x: { state: true } }`) has no attribute; the analyzer lists one. */
const noAttributesForState = {
  name: 'no-attributes-for-state',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (d.attributes) d.attributes = d.attributes.filter((a) => !(a.fieldName ?? a.name).startsWith('_'));
        for (const m of d.members ?? []) if (m.name.startsWith('_')) delete m.attribute;
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
  plugins: [documentedEventsOnly, noAttributesForState],
};
