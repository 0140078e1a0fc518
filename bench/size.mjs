#!/usr/bin/env node
/**
 * What the drop-in weighs and what would bring it to 60 KB gzip (issue #14). Builds
 * dist/product-customizer.js exactly as rollup.config.mjs does, then again with one part left out
 * (marked external: its bytes are what a shop would load later, on the first view or interaction),
 * and prints each variant's gzip size (node zlib level 9, as scripts/build.mjs prints).
 *
 *   node bench/size.mjs            (a few seconds per variant; --json for machine-readable output)
 */
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const configs = (await import(join(root, 'rollup.config.mjs'))).default;
const dropin = configs.find((c) => c.output?.file === 'dist/product-customizer.js');

/** gzip bytes of the drop-in with `out(id)` modules left out. */
async function size(out) {
  const base = dropin.external;
  const bundle = await rollup({ ...dropin, external: (id, ...rest) => out(id) || base(id, ...rest), onwarn: () => {} });
  const { output } = await bundle.generate({ ...dropin.output, sourcemap: false });
  await bundle.close();
  return gzipSync(Buffer.from(output[0].code), { level: 9 }).length;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
export const VARIANTS = [
  ['the drop-in as shipped', () => false],
  ['without Konva (the preview and its editing handles loaded when first in view)', (id) => /^konva(\/|$)/.test(id) || /render\/preview\/(preview|handles)/.test(id)],
  ['without the editing handles only (loaded on first pointer interaction)', (id) => /render\/preview\/handles/.test(id)],
  ['without zod (products checked by the server / a build step)', (id) => /^zod(\/|$)/.test(id)],
  ['without Konva and zod', (id) => /^(konva|zod)(\/|$)/.test(id) || /render\/preview\/(preview|handles)/.test(id)],
  // Every bare import left out: what remains is our own code (the libraries' share is the difference).
  ['our own code alone (without Konva, lit, @lit/task, idb-keyval, zod)', (id) => /^[a-z@]/.test(id)],
];

/** [{ label, gzip }] for every variant. */
export async function sizeVariants() {
  const rows = [];
  for (const [label, out] of VARIANTS) rows.push({ label, gzip: await size(out) });
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await sizeVariants();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    const full = rows[0].gzip;
    console.log('drop-in (dist/product-customizer.js), gzip -9; budget 75 KB, goal 60 KB');
    for (const r of rows) console.log(`  ${kb(r.gzip).padStart(8)}  ${r === rows[0] ? '        ' : `(${kb(r.gzip - full)})`.padStart(10)}  ${r.label}`);
    const first = rows.slice(1, -1).find((r) => r.gzip <= 60 * 1024);
    console.log(first ? `  → ≤ 60 KB: ${first.label}` : '  → no single cut reaches 60 KB');
  }
}
