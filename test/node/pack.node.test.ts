/**
 * The package as a shop developer installs it (SPEC §1): `npm pack`, then `npm install <tarball>
 * --omit=dev` into an empty project. Only what the browser entries import comes along; the demo's
 * server stack does not; the module entries share one core; nothing test- or bench-only ships.
 */
import { expect } from 'chai';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 240_000, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return { stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Every package directory under node_modules (scoped ones counted once each). */
function installedPackages(dir: string): string[] {
  const nm = join(dir, 'node_modules');
  const out: string[] = [];
  for (const name of readdirSync(nm)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(join(nm, name))) out.push(`${name}/${sub}`);
    else out.push(name);
  }
  return out.sort();
}

describe('the packed package, installed as a shop developer does', function () {
  this.timeout(300_000);
  let work: string;
  let app: string;
  let files: string[];
  let installLog: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pc-pack-'));
    // dist/ is built by `npm test` before the suites run; --ignore-scripts keeps prepack from building again.
    const packed = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root }).stdout);
    files = packed[0].files.map((f: { path: string }) => f.path);
    app = join(work, 'shop');
    sh('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true, type: 'module' }));
    const r = sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed[0].filename)], { cwd: app });
    installLog = r.stdout + r.stderr;
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships dist, types, the schema and the manifest, and nothing test- or bench-only', () => {
    for (const f of ['dist/core.js', 'dist/server.js', 'dist/index.js', 'dist/studio.js', 'dist/cli.js', 'dist/product-customizer.js', 'dist/product-customizer-studio.js', 'product.schema.json', 'custom-elements.json', 'dist/types/core/index.d.ts']) {
      expect(files, f).to.include(f);
    }
    const leaked = files.filter((f) => /bench|fixtures|\.test\.|(^|\/)test\//.test(f));
    expect(leaked).to.deep.equal([]);
  });

  it('installs only what the browser entries import: lit, konva, zod (≤ 15 packages), no server stack, no engine warning', () => {
    const pkgs = installedPackages(app);
    expect(pkgs.length, pkgs.join(', ')).to.be.at.most(15);
    for (const p of ['lit', 'konva', 'zod', 'product-customizer']) expect(pkgs).to.include(p);
    for (const p of ['fastify', 'better-sqlite3', '@napi-rs/canvas', '@fastify/multipart', 'pdf-lib', 'fontkit']) expect(pkgs).not.to.include(p);
    expect(installLog).not.to.match(/EBADENGINE|node-gyp|gyp info/);
  });

  it('core and server load in plain Node; verifyOrder works without @napi-rs/canvas; renderPrintFiles names what to install', () => {
    const script = `
      import { readFileSync } from 'node:fs';
      import * as core from 'product-customizer/core';
      import * as server from 'product-customizer/server';
      const product = JSON.parse(readFileSync(${JSON.stringify(join(root, 'examples/engraved-bottle.json'))}, 'utf8'));
      const order = await core.buildOrder(product, { engraving: 'Jo' });
      const verdict = await server.verifyOrder(product, JSON.parse(JSON.stringify(order)));
      let refused = '';
      try { await server.renderPrintFiles(product, order, {}); } catch (e) { refused = e.message; }
      console.log(JSON.stringify({ ok: verdict.ok, sameVerify: core.verifyOrder === server.verifyOrder, refused }));
    `;
    writeFileSync(join(app, 'check.mjs'), script);
    const out = JSON.parse(sh(process.execPath, ['check.mjs'], { cwd: app }).stdout.trim().split('\n').pop()!);
    expect(out.ok).to.equal(true);
    expect(out.sameVerify, 'one core behind both entries').to.equal(true);
    expect(out.refused).to.match(/@napi-rs\/canvas/);
    expect(out.refused).to.match(/npm install/);
  });

  it('the browser entry bundles from the installed package (lit, konva, zod resolved), one core shared with /core', async () => {
    writeFileSync(join(app, 'main.js'), `export { ProductCustomizer } from 'product-customizer';\nexport { OrderError } from 'product-customizer/core';\n`);
    const r = await build({ entryPoints: [join(app, 'main.js')], bundle: true, format: 'esm', platform: 'browser', write: false, absWorkingDir: app, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs.some((i) => i.includes('node_modules/lit'))).to.equal(true);
    expect(inputs.some((i) => i.includes('node_modules/konva'))).to.equal(true);
    // The element's bundle and the core entry resolve to one core chunk, not two copies.
    const cores = inputs.filter((i) => /product-customizer\/dist\/chunks\/core-/.test(i));
    expect(cores).to.have.length(1);
    expect(existsSync(join(app, 'node_modules/product-customizer/dist/chunks'))).to.equal(true);
    expect(readFileSync(join(app, 'node_modules/product-customizer/dist/core.js'), 'utf8')).to.match(/chunks\/core-/);
  });
});
