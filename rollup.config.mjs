// Bundles with rollup-plugin-esbuild (not @rollup/plugin-typescript); `tsc --noEmit` typechecks.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild, { minify } from 'rollup-plugin-esbuild';
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

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const deps = ['lit', 'konva', 'zod', '@napi-rs/canvas'];
const external = (id) => nodeBuiltins.includes(id) || deps.some((d) => id === d || id.startsWith(`${d}/`));

/** One line per output; an entry whose source does not exist yet is skipped. */
const entries = [
  { input: 'src/core/index.ts', file: 'dist/core.js', platform: 'neutral' },
  { input: 'src/cli/index.ts', file: 'dist/cli.js', platform: 'node', inlineDynamicImports: false },
  { input: 'src/server/index.ts', file: 'dist/server.js', platform: 'node' },
  { input: 'src/index.ts', file: 'dist/index.js', platform: 'browser' },
  { input: 'src/dropin.ts', file: 'dist/product-customizer.js', platform: 'browser', bundleAll: true },
  { input: 'src/bench-internals.ts', file: 'dist/bench-internals.js', platform: 'neutral' },
  { input: 'bench/browser.ts', file: 'dist/bench-browser.js', platform: 'browser', bundleAll: true },
  { input: 'src/studio.ts', file: 'dist/studio.js', platform: 'browser' },
  { input: 'src/studio.ts', file: 'dist/product-customizer-studio.js', platform: 'browser', bundleAll: true },
];

export default entries
  .filter((e) => existsSync(e.input))
  .map((e) => ({
    input: e.input,
    external: e.bundleAll ? (id) => nodeBuiltins.includes(id) : external,
    plugins: [
      nodeResolve({ exportConditions: e.platform === 'node' ? ['node'] : ['browser'], browser: e.platform === 'browser' }),
      ...(e.platform === 'browser' ? [minifyLitCss()] : []),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', legalComments: 'none' }),
      // The drop-ins minify the whole chunk, dependencies included (the transform above skips node_modules).
      ...(e.bundleAll ? [minify({ target: 'es2022', legalComments: 'none' })] : []),
    ],
    output: e.inlineDynamicImports === false
      ? { dir: 'dist', entryFileNames: e.file.replace('dist/', ''), chunkFileNames: 'chunks/[name]-[hash].js', format: 'es', sourcemap: true }
      : { file: e.file, format: 'es', sourcemap: !e.bundleAll, inlineDynamicImports: true },
    onwarn(w, warn) {
      if (w.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(w.ids?.[0] ?? w.message)) return;
      warn(w);
    },
  }));
