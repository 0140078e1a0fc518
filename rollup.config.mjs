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

/*
 * Konva is bundled as published: no module of it is patched, stubbed or pruned at build time (issue
 * #14: any Konva release could break such cuts). The preview uses a Stage and public classes only.
 * `node bench/size.mjs` shows what the drop-in weighs and what would bring it to 60 KB.
 */

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** What a module entry imports and does not bundle: the package's dependencies and its optional server peers. */
const deps = ['lit', '@lit/task', 'idb-keyval', 'konva', 'zod', '@napi-rs/canvas', 'fontkit', 'pdf-lib'];
const external = (id) => nodeBuiltins.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

const plugins = ({ browser = false, bundleAll = false, lean = false } = {}) => [
  nodeResolve({ exportConditions: browser ? ['browser'] : ['node'], browser }),
  minifyLitCss(),
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
  { input: 'src/dropin.ts', file: 'dist/product-customizer.js', browser: true, bundleAll: true, lean: true },
  // The studio edits views on a Konva Stage with a Transformer (drag and drop included): no cuts, no size budget.
  { input: 'src/studio.ts', file: 'dist/product-customizer-studio.js', browser: true, bundleAll: true },
  // The storefront's loader: imports the drop-in beside it when an element nears the viewport (README "Keeping the storefront fast").
  { input: 'src/loader.ts', file: 'dist/product-customizer-loader.js', browser: true, bundleAll: true },
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
