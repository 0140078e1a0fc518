#!/usr/bin/env node
// npm run build: typecheck, bundle, declarations, product.schema.json, and a size report.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(label, cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`build: ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
step('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('bundle', bin('rollup'), ['-c', '--silent']);
step('declarations', bin('tsc'), ['-p', 'tsconfig.build.json']);
if (existsSync(join(root, 'dist/cli.js'))) chmodSync(join(root, 'dist/cli.js'), 0o755);

const core = await import(pathToFileURL(join(root, 'dist/core.js')).href);
writeFileSync(join(root, 'product.schema.json'), JSON.stringify(core.productJsonSchema, null, 2) + '\n');
console.log('build: product.schema.json written');

if (existsSync(join(root, 'custom-elements-manifest.config.mjs'))) {
  step('custom-elements.json', bin('cem'), ['analyze', '--quiet']);
  // The analyzer lists modules in the order its globbing finds them, which varies: sorted, the file changes only with the code.
  const manifestFile = join(root, 'custom-elements.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('\nbundle sizes            raw        gzip     brotli');
for (const f of readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js')).sort()) {
  const buf = readFileSync(join(root, 'dist', f));
  console.log(`  ${f.padEnd(30)} ${kb(statSync(join(root, 'dist', f)).size).padStart(9)} ${kb(gzipSync(buf, { level: 9 }).length).padStart(9)} ${kb(brotliCompressSync(buf).length).padStart(9)}`);
}
