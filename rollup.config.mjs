// Bundles with rollup-plugin-esbuild (not @rollup/plugin-typescript); `tsc --noEmit` typechecks.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transform } from 'esbuild';

/** Minifies the CSS of our lit `css` templates (those without interpolations) with esbuild's CSS minifier. */
const minifyLitCss = () => ({
  name: 'minify-lit-css',
  async transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
    let out = '';
    let last = 0;
    for (const m of code.matchAll(/\bcss`([^`$\\]*)`/g)) {
      // charset utf8: esbuild would otherwise write non-ASCII as CSS escapes ("\\2713"), which a JS
      // template literal reads as an invalid escape (lit then gets no CSS at all). Escaped back for JS.
      const min = (await transform(m[1], { loader: 'css', minify: true, charset: 'utf8' })).code.trim().replace(/[\\`]|\$\{/g, (c) => `\\${c}`);
      out += code.slice(last, m.index) + 'css`' + min + '`';
      last = m.index + m[0].length;
    }
    return last ? { code: out + code.slice(last), map: null } : null;
  },
});

/**
 * Konva's table of the 148 CSS colour names (3.4 KB; 1.5 KB gzip) serves only `Util.colorToRGBA`,
 * which Konva calls for shadows. We draw no shadows and give Konva #rrggbb colours (the product
 * schema's), so the drop-ins leave the table out. The build fails if a Konva update moves it.
 */
const dropKonvaColourNames = () => ({
  name: 'drop-konva-colour-names',
  transform(code, id) {
    if (!id.replace(/\\/g, '/').endsWith('/konva/lib/Util.js')) return null;
    const out = code.replace(/COLORS = \{\n    aliceblue:[\s\S]*?\n\};/, 'COLORS = {};');
    if (out === code) this.error('konva/lib/Util.js changed: its colour-name table (COLORS) was not found; update dropKonvaColourNames in rollup.config.mjs');
    return { code: out, map: null };
  },
});

/**
 * Konva's drag and drop (konva/lib/DragAndDrop.js, 8.7 KB; 0.7 KB gzip of the drop-in) starts only from a Stage's
 * pointer events or `node.startDrag()`, which needs a Stage too. We have no Stage (src/render/konva.ts):
 * the preview routes its own pointer events. The drop-ins get a DD whose drag list stays empty, which
 * is all Node and Layer read of it when nothing is dragged.
 */
export const KONVA_DD_STUB = 'export const DD = { _dragElements: new Map(), isDragging: false, node: undefined, _endDragBefore() {}, _endDragAfter() {} };';
const stubKonvaDragAndDrop = () => ({
  name: 'stub-konva-drag-and-drop',
  load(id) {
    if (!id.replace(/\\/g, '/').endsWith('/konva/lib/DragAndDrop.js')) return null;
    return KONVA_DD_STUB;
  },
});

/**
 * Methods of Konva's classes that no drop-in reaches: caching and exporting nodes (cache, toDataURL,
 * toImage, toJSON…), node creation from JSON, drag and drop (see above), z-order moves, hit-testing by
 * rectangle, pointer capture, names, subtree observers (Transformer's), trace clearing. Konva's classes
 * keep every method whether called or not, so they are cut from the source. None is named anywhere else
 * in the drop-ins' code (Node#remove still calls isDragging and stopDrag, the preview's snapshot
 * toCanvas: those stay), and the only methods Konva calls by a computed name are its get/set accessors.
 * A method Konva renames or drops fails the build.
 */
const KONVA_UNUSED = {
  'Node.js': [
    'cache', 'toObject', 'toJSON', 'clone', 'toDataURL', 'toImage', 'toBlob', 'create', '_createNode',
    'startDrag', '_createDragElement', '_setDragPosition', 'setDraggable', '_listenDrag', '_dragChange', '_dragCleanup',
    'getRelativePointerPosition', 'getAbsoluteZIndex', 'moveTo', 'moveUp', 'moveDown', 'moveToBottom',
    'setAbsolutePosition', 'isClientRectOnScreen', 'findAncestor', 'addName', 'removeName', 'show',
    '_setTransform', '_clearTransform', '_beginUpdateBatch', '_runAfterUpdateBatch', '_addSubtreeObserver', '_removeSubtreeObserver',
  ],
  'Container.js': ['getAllIntersections', 'toObject', 'clone', 'removeChildren'],
  'Layer.js': ['moveUp', 'moveDown', 'moveToBottom', 'createPNGStream', 'toggleHitCanvas', '_setSize', 'enableHitGraph', 'disableHitGraph'],
  'Shape.js': ['intersects', 'drawHitFromCache', 'hasPointerCapture', 'releaseCapture'],
  'Context.js': ['clearTrace', '_applyDecorationStyle'],
};
/** `code` of konva/lib/<file> without its KONVA_UNUSED methods (`parse`: an ESTree parser); null if it has none. */
export function pruneKonvaSource(file, code, parse) {
  const names = KONVA_UNUSED[file];
  if (!names) return null;
  const cuts = [];
  const walk = (n) => {
    if (n.type === 'ClassBody') for (const m of n.body) if (m.type === 'MethodDefinition' && names.includes(m.key.name)) cuts.push(m);
    for (const v of Object.values(n)) for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c.type === 'string') walk(c);
  };
  walk(parse(code));
  const missing = names.filter((n) => !cuts.some((m) => m.key.name === n));
  if (missing.length) throw new Error(`konva/lib/${file} changed: no method ${missing.join(', ')}; update KONVA_UNUSED in rollup.config.mjs`);
  let out = code;
  for (const m of cuts.sort((x, y) => y.start - x.start)) out = out.slice(0, m.start) + out.slice(m.end);
  return out;
}
const pruneKonva = () => ({
  name: 'prune-konva',
  transform(code, id) {
    const file = id.replace(/\\/g, '/').match(/\/konva\/lib\/(\w+\.js)$/)?.[1];
    const out = file && pruneKonvaSource(file, code, (c) => this.parse(c));
    return out ? { code: out, map: null } : null;
  },
});

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** What a module entry imports and does not bundle: the package's dependencies and its optional server peers. */
const deps = ['lit', 'konva', 'zod', '@napi-rs/canvas', 'fontkit', 'pdf-lib'];
const external = (id) => nodeBuiltins.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

const plugins = ({ browser = false, bundleAll = false, lean = false, noStage = false } = {}) => [
  nodeResolve({ exportConditions: browser ? ['browser'] : ['node'], browser }),
  minifyLitCss(),
  ...(bundleAll ? [dropKonvaColourNames()] : []),
  // Only for bundles of our own code, which has no Konva Stage (the bench's bare-Konva baseline has one).
  ...(noStage ? [stubKonvaDragAndDrop(), pruneKonva()] : []),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', legalComments: 'none', ...(lean && { define: { __PC_LEAN__: 'true' } }) }),
  // The drop-ins minify the whole chunk, dependencies included (the transform above skips node_modules),
  // with terser: three passes take 2 KB (gzip) more off the drop-in than esbuild's minifier.
  ...(bundleAll ? [terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false } })] : []),
];
const onwarn = (w, warn) => {
  if (w.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(w.ids?.[0] ?? w.message)) return;
  warn(w);
};

/**
 * The module entries are one build, so they share chunks: one copy of the core behind `core`, `server`,
 * `cli`, the element and the studio (one OrderError class, one cache), whichever entries an app imports.
 */
const modules = {
  core: 'src/core/index.ts',
  server: 'src/server/index.ts',
  cli: 'src/cli/index.ts',
  index: 'src/index.ts',
  studio: 'src/studio.ts',
};

/** Self-contained files: the two drop-ins, and what `npm run bench` loads (dist/bench/, never published). */
const singles = [
  // lean: the shopper's drop-in leaves out parseProduct's lint warnings (src/core/parse.ts).
  // noStage: our code never makes a Konva Stage, so Konva's drag and drop and its unused methods go (KONVA_UNUSED).
  { input: 'src/dropin.ts', file: 'dist/product-customizer.js', browser: true, bundleAll: true, lean: true, noStage: true },
  // The studio edits views on a Konva Stage with a Transformer (drag and drop included): no cuts, no size budget.
  { input: 'src/studio.ts', file: 'dist/product-customizer-studio.js', browser: true, bundleAll: true },
  { input: 'src/bench-internals.ts', file: 'dist/bench/bench-internals.js' },
  { input: 'bench/browser.ts', file: 'dist/bench/bench-browser.js', browser: true, bundleAll: true },
];

export default [
  {
    input: Object.fromEntries(Object.entries(modules).filter(([, src]) => existsSync(src))),
    external,
    plugins: plugins(),
    output: {
      dir: 'dist',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // The core's modules form one chunk of their own (chunks/core-*.js), whatever imports them.
      manualChunks: (id) => (/[\\/]src[\\/]core[\\/]/.test(id) ? 'core' : undefined),
      format: 'es',
      sourcemap: true,
    },
    onwarn,
  },
  ...singles
    .filter((e) => existsSync(e.input))
    .map((e) => ({
      input: e.input,
      external: e.bundleAll ? (id) => nodeBuiltins.includes(id) : external,
      plugins: plugins(e),
      output: { file: e.file, format: 'es', sourcemap: !e.bundleAll, inlineDynamicImports: true },
      onwarn,
    })),
];
